/**
 * Server entry: renders every document on the server (no hydration: pages
 * ship no React runtime) and adds the headers every page carries: its
 * caching (app/utils/cache-policy.server.ts) and the security headers.
 *
 * It also hands the HTTP server (server/index.ts) everything it needs from
 * the app, as `createHttpHooks` reached through the build
 * (`build.entry.module`): the server bundle holds no app code, so every app
 * module exists once per process.
 */
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { renderToStaticMarkup } from "react-dom/server";
import { oauthFormTargets } from "~/auth/oauth-config.server";
import { CsrfProvider } from "~/components/csrf-field";
import { I18nProvider } from "~/i18n";
import { requestLocale } from "~/i18n/locale.server";
import { finishDocument } from "~/utils/cache-policy.server";
import { csrfTokenSourceFor } from "~/utils/csrf.server";
import { wholeBytesResponse } from "~/utils/responses.server";
import { setSecurityHeaders } from "~/utils/security.server";
import { log } from "~/utils/log.server";

export { createHttpHooks } from "~/utils/http-hooks.server";

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const csrf = csrfTokenSourceFor(request, loadContext);
  // Decided once per request (the root loader read the same session already): error pages too.
  const locale = await requestLocale(request);
  // Whole documents only (no Suspense, no streamed remainder: no client would pick it up),
  // so a synchronous render: no stream, no abort timer holding the request.
  // Static markup, as htmx fragments are rendered (app/utils/htmx.server.ts): React never hydrates a page
  // (decision 001), so it needs none of the `<!-- -->` markers between adjacent texts that renderToString writes.
  // Neither writes a doctype.
  const html = renderToStaticMarkup(
    <I18nProvider locale={locale}>
      <CsrfProvider source={csrf}>
        <RemixServer context={remixContext} url={request.url} />
      </CsrfProvider>
    </I18nProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("Content-Language", locale);
  // A page that rendered the token for a browser without the cookie issues the secret with it.
  const setCookie = csrf.setCookie();
  if (setCookie) responseHeaders.append("Set-Cookie", setCookie);
  finishDocument(loadContext.cachePlan ?? "none", {
    status: responseStatusCode,
    headers: responseHeaders,
    csrfTokenUsed: csrf.used,
  });
  // OAuth sign-in forms are redirected to the providers: form-action must allow them.
  setSecurityHeaders(responseHeaders, oauthFormTargets());
  // Bytes, not a string: a string body is first checked character by character (USVString), then encoded;
  // and the request adapter sends those bytes without reading them back from the body stream.
  return wholeBytesResponse(Buffer.from(`<!DOCTYPE html>${html}`), {
    headers: responseHeaders,
    status: responseStatusCode,
  });
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  // Aborted requests and refusals Remix answers itself (405 for a method no route takes, 404) are no bugs of ours.
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500)) return;
  log.error("unhandled server error", { error, method: request.method, path: new URL(request.url).pathname });
};
