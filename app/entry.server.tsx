/**
 * Server entry: renders every document on the server (no hydration: pages
 * ship no React runtime) and adds the security headers every page carries.
 */
import { PassThrough } from "node:stream";
import {
  createReadableStreamFromReadable,
  type AppLoadContext,
  type EntryContext,
  type HandleErrorFunction,
} from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { oauthFormTargets } from "~/auth/oauth-config.server";
import { setSecurityHeaders } from "~/utils/security.server";
import { log } from "~/utils/log.server";

const ABORT_DELAY_MS = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} nonce={loadContext.cspNonce} />,
      {
        // Whole documents only: no client picks up a streamed remainder.
        onAllReady() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          // OAuth sign-in forms are redirected to the providers: form-action must allow them.
          setSecurityHeaders(responseHeaders, loadContext.cspNonce, oauthFormTargets());
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) log.error("render error", { error, url: new URL(request.url).pathname });
        },
      },
    );
    setTimeout(abort, ABORT_DELAY_MS);
  });
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  log.error("unhandled server error", { error, method: request.method, path: new URL(request.url).pathname });
};
