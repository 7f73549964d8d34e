/**
 * Server entry: renders every document on the server (no hydration: pages
 * ship no React runtime) and adds the security headers every page carries.
 * A page that turned out the same for every signed-out visitor is marked
 * public (app/utils/page-cache.server.ts); every other page stays private.
 */
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { oauthFormTargets } from "~/auth/oauth-config.server";
import { CsrfProvider } from "~/components/csrf-field";
import { csrfTokenSourceFor } from "~/utils/csrf.server";
import { markPublic, mayBePublic } from "~/utils/page-cache.server";
import { setSecurityHeaders } from "~/utils/security.server";
import { log } from "~/utils/log.server";

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const csrf = csrfTokenSourceFor(request, loadContext);
  // Whole documents only (no Suspense, no streamed remainder: no client would pick it up),
  // so a synchronous render: no stream, no abort timer holding the request.
  // renderToString, unlike the streaming renderer, writes no doctype.
  const html = renderToString(
    <CsrfProvider source={csrf}>
      <RemixServer context={remixContext} url={request.url} />
    </CsrfProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  // A page that rendered the token for a browser without the cookie issues the secret with it.
  const setCookie = csrf.setCookie();
  if (setCookie) responseHeaders.append("Set-Cookie", setCookie);
  const shareable = mayBePublic({
    candidate: loadContext.publicCandidate === true,
    status: responseStatusCode,
    headers: responseHeaders,
    csrfTokenUsed: csrf.used,
  });
  if (shareable) markPublic(responseHeaders);
  // OAuth sign-in forms are redirected to the providers: form-action must allow them.
  setSecurityHeaders(responseHeaders, oauthFormTargets());
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  log.error("unhandled server error", { error, method: request.method, path: new URL(request.url).pathname });
};
