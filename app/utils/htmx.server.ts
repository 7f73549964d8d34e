/**
 * Everything Dracin knows about htmx's request and response headers lives
 * here; other modules ask these helpers and never read HX-* themselves.
 */
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { FRAGMENT_CACHE_CONTROL } from "~/utils/cache-policy.server";

/** The request headers htmx sends that change what a page renders: a cached page varies on them. */
export const HTMX_VARY = ["HX-Request", "HX-History-Restore-Request"] as const;

/**
 * Every htmx request header of a request (Node's lower-case header record),
 * as sorted `name:value` lines: part of a page cache key, so an htmx variant
 * is never served for a full page or the other way round.
 */
export function htmxHeaderLines(headers: Record<string, string | string[] | undefined>): string[] {
  return Object.keys(headers)
    .filter((name) => name.startsWith("hx-"))
    .sort()
    .map((name) => {
      const value = headers[name];
      return `${name}:${Array.isArray(value) ? value.join(", ") : (value ?? "")}`;
    });
}

/** A partial (htmx) request that expects a fragment, not a history restore. */
export function isHtmxRequest(request: Request): boolean {
  return request.headers.get("HX-Request") === "true" && request.headers.get("HX-History-Restore-Request") !== "true";
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
  headers.set("Cache-Control", FRAGMENT_CACHE_CONTROL);
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
