/**
 * Everything Dracin knows about htmx's request and response headers lives
 * here; other modules ask these helpers and never read HX-* themselves.
 */
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";

/** A partial (htmx) request that expects a fragment, not a history restore. */
export function isHtmxRequest(request: Request): boolean {
  return (
    request.headers.get("HX-Request") === "true" &&
    request.headers.get("HX-History-Restore-Request") !== "true"
  );
}

function withVary(headers: Headers): Headers {
  const vary = headers.get("Vary");
  if (!vary || !/\bHX-Request\b/i.test(vary)) {
    headers.set("Vary", vary ? `${vary}, HX-Request` : "HX-Request");
  }
  return headers;
}

/** An HTML fragment rendered from the same component the full page uses. */
export function fragment(element: ReactElement, init: ResponseInit & { pushUrl?: string } = {}): Response {
  const { pushUrl, ...rest } = init;
  const headers = withVary(new Headers(rest.headers));
  headers.set("Content-Type", "text/html; charset=utf-8");
  headers.set("Cache-Control", "private, no-store");
  if (pushUrl) headers.set("HX-Push-Url", pushUrl);
  return new Response(renderToStaticMarkup(element), { ...rest, headers });
}

/**
 * Redirect that works for both kinds of request: htmx navigates the whole page (HX-Redirect)
 * (so a login page is never swapped into a button), plain forms get a 303.
 */
export function redirectFor(request: Request, location: string, init: { headers?: HeadersInit } = {}): Response {
  const headers = withVary(new Headers(init.headers));
  if (isHtmxRequest(request)) {
    headers.set("HX-Redirect", location);
    return new Response(null, { status: 204, headers });
  }
  headers.set("Location", location);
  return new Response(null, { status: 303, headers });
}

/** Adds Vary: HX-Request to any response whose body depends on it. */
export function varyOnHtmx(headers: Headers): Headers {
  return withVary(headers);
}
