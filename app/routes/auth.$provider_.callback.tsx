/**
 * /auth/<provider>/callback: where the provider sends the browser back
 * (docs/oauth.md). remix-auth-oauth2 checks the state against its cookie and
 * exchanges the code with the PKCE verifier; then the identity signs in, is
 * linked, or is connected to the signed-in user. Any failure ends on a
 * friendly page with a "Try again" link and an OAUTH_FAILURE audit row.
 * (The trailing underscore keeps this route out of /auth/<provider>'s layout.)
 */
import { metaTranslator, pageMeta } from "~/i18n/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getProvider } from "~/auth/oauth-config.server";
import { handleCallback } from "~/auth/oauth.server";
import { useT } from "~/i18n";
import { notFoundFor } from "~/utils/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data: page, matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(
    t,
    t(page?.retryHref.startsWith("/account") ? "oauth.failure.connectTitle" : "oauth.failure.title", {
      provider: page?.provider.label ?? "",
    }),
  );
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const provider = getProvider(params.provider);
  if (!provider) throw await notFoundFor(request);
  const result = await handleCallback(request, context, provider);
  if ("response" in result) throw result.response;
  return data(result.failure, { status: result.status, headers: result.headers });
}

export default function OAuthCallbackFailure() {
  const failure = useLoaderData<typeof loader>();
  const t = useT();
  const provider = failure.provider.label;
  const connecting = failure.retryHref.startsWith("/account");
  return (
    <div className="error-page oauth-failure">
      <h1>{t(connecting ? "oauth.failure.connectTitle" : "oauth.failure.title", { provider })}</h1>
      <p role="alert">{t(failure.message ?? `oauth.failure.${failure.reason}`, { provider })}</p>
      <p>
        <a href={failure.retryHref} className="button">
          {t(failure.reason === "email_exists" ? "oauth.failure.signIn" : "oauth.failure.tryAgain")}
        </a>{" "}
        <a href="/">{t("oauth.failure.home")}</a>
      </p>
    </div>
  );
}
