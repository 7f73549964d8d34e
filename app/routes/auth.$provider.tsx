/**
 * /auth/<provider>: starts an OAuth sign-in (docs/oauth.md). POST (a form
 * button with the CSRF field) redirects to the provider with state and PKCE;
 * GET shows that button, so a link here never starts a flow by itself.
 * Unknown or disabled providers are 404.
 */
import { metaTranslator, pageMeta } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getProvider } from "~/auth/oauth-config.server";
import { startOAuth } from "~/auth/oauth.server";
import { OAuthButtons } from "~/components/oauth-buttons";
import { useT } from "~/i18n";
import { readForm } from "~/utils/csrf.server";
import { safeRedirect } from "~/utils/redirect";
import { notFoundFor } from "~/utils/responses.server";
import { getUserId } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, t("oauth.start.title", { provider: data?.provider.label ?? "" }));
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const provider = getProvider(params.provider);
  if (!provider) throw await notFoundFor(request);
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/");
  if (await getUserId(request)) throw redirect(redirectTo);
  return { provider: { id: provider.id, label: provider.label }, redirectTo };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const provider = getProvider(params.provider);
  if (!provider) throw await notFoundFor(request);
  const form = await readForm(request);
  const redirectTo = safeRedirect(form.get("redirectTo"), "/");
  // Already signed in: nothing to do (connecting another account is on /account).
  if (await getUserId(request)) return redirect(redirectTo, 303);
  return startOAuth(request, provider, { intent: "login", redirectTo, userId: null });
}

export default function StartOAuth() {
  const { provider, redirectTo } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="auth">
      <h1>{t("oauth.start.title", { provider: provider.label })}</h1>
      <p>{t("oauth.start.body", { provider: provider.label })}</p>
      <OAuthButtons providers={[provider]} redirectTo={redirectTo} />
    </div>
  );
}
