/**
 * /account/connections: connect or disconnect OAuth providers (docs/oauth.md).
 * The buttons live in the "Connected accounts" section of /account; this page
 * shows the same section on its own, with the reason when a change is refused.
 * "connect" starts the provider flow with intent "link" (the callback adds the
 * identity to the signed-in user); "disconnect" removes it unless it is the
 * user's only way to sign in. (The trailing underscore keeps this page out of
 * /account's layout.)
 */
import { metaTranslator, pageMeta } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { enabledProviders, getProvider } from "~/auth/oauth-config.server";
import { startOAuth } from "~/auth/oauth.server";
import { ConnectedAccounts } from "~/components/oauth-buttons";
import { useT, type MessageKey } from "~/i18n";
import { disconnectProvider, listConnections } from "~/models/accounts.server";
import { readForm } from "~/utils/csrf.server";
import { flashHeader } from "~/utils/flash.server";
import { getRequestInfo } from "~/utils/request.server";
import { badRequest } from "~/utils/responses.server";
import { requireUserId } from "~/utils/session.server";
import { data } from "@remix-run/node";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, t("oauth.connections.title"));
};

export async function loader({ request }: LoaderFunctionArgs) {
  const userId = await requireUserId(request);
  return listConnections(userId, enabledProviders());
}

const FormSchema = z.object({
  intent: z.enum(["connect", "disconnect"]),
  provider: z.string().min(1).max(64),
});

type ActionResult = { error: { key: MessageKey; provider: string } };

export async function action({ request, context }: ActionFunctionArgs) {
  const userId = await requireUserId(request);
  const form = await readForm(request);
  const parsed = FormSchema.safeParse({ intent: form.get("intent"), provider: form.get("provider") });
  if (!parsed.success) {
    return badRequest<ActionResult>({ error: { key: "oauth.connections.unknownProvider", provider: "" } });
  }
  const { intent, provider: providerId } = parsed.data;

  if (intent === "connect") {
    const provider = getProvider(providerId);
    if (!provider)
      return badRequest<ActionResult>({ error: { key: "oauth.connections.unknownProvider", provider: "" } });
    return startOAuth(request, provider, { intent: "link", redirectTo: "/account", userId });
  }

  const label = getProvider(providerId)?.label ?? providerId;
  const result = await disconnectProvider(userId, providerId, getRequestInfo(request, context));
  if (result === "disconnected") {
    return redirect("/account", {
      status: 303,
      headers: { "Set-Cookie": await flashHeader("oauth.flash.disconnected") },
    });
  }
  if (result === "not_connected") {
    return badRequest<ActionResult>({ error: { key: "oauth.connections.notConnectedError", provider: label } });
  }
  return data<ActionResult>({ error: { key: "oauth.connections.lastMethod", provider: label } }, { status: 409 });
}

export default function Connections() {
  const { items, hasPassword } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const t = useT();
  return (
    <>
      <ConnectedAccounts items={items} hasPassword={hasPassword} error={result?.error} headingLevel={1} />
      <p>
        <a href="/account">{t("oauth.connections.back")}</a>
      </p>
    </>
  );
}
