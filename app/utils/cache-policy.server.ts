/**
 * Whether a page may be cached, and how: every rule in one place
 * (docs/decisions/017-caching-declared-by-routes.md).
 *
 * A route declares its caching next to its loader (`handle.cache`, see
 * app/utils/route-handle.ts). Before a request is rendered, `plan()` matches
 * it to its routes and says what the page may become:
 * - "public": a signed-out visitor on a route declared `anonymous: "public"`,
 *   whose request carries no cookie that changes the page (only the CSRF
 *   secret, and preferences, which become part of the key). After rendering,
 *   `finishDocument()` marks it `public` for shared proxies only if it asked
 *   for nothing per-browser (no CSRF token, no Set-Cookie); the instance keeps
 *   it a few seconds (app/utils/page-cache.server.ts).
 * - "per-viewer": a signed-in viewer on a route declared
 *   `signedIn: "per-viewer"`, whose request carries the session and CSRF
 *   cookies and nothing else that changes a page (a flash notice, an OAuth
 *   state, a recent write). The page is kept for that session while the
 *   viewer data every matched route declares reads the same
 *   (app/utils/private-page-cache.server.ts, app/models/viewer-state.server.ts).
 * - "none": rendered every time, `private, no-cache`.
 * Fragments (htmx) are `private, no-store`. Nothing else sets a page's Cache-Control.
 */
import type { ServerBuild } from "@remix-run/node";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { LRUCache } from "lru-cache";
import { anonymousLocale } from "~/i18n/locale.server";
// From the pure module: locale.server reaches this file again through the session (an import cycle),
// which left the name undefined in the cookie rules below, so no page with the language cookie was kept.
import { LOCALE_COOKIE } from "~/i18n/negotiate";
import { HTMX_VARY, htmxHeaderLines } from "~/utils/htmx.server";
import type { PageCaching, RouteHandle, ViewerDataName } from "~/utils/route-handle";

/** Served from the instance's cache without rendering. */
export const PAGE_CACHE_FRESH_MS = 5_000;
/** After that, served while one request renders the new version. */
export const PAGE_CACHE_STALE_MS = 30_000;
/** How long a per-viewer copy may be served while the viewer's data stays the same: as long as a public page at most. */
export const PRIVATE_PAGE_MAX_AGE_MS = PAGE_CACHE_FRESH_MS + PAGE_CACHE_STALE_MS;

/** Shared proxies may keep a public page as long as this instance does; browsers revalidate every time. */
export const PUBLIC_CACHE_CONTROL = `public, max-age=0, s-maxage=${PAGE_CACHE_FRESH_MS / 1000}, stale-while-revalidate=${PAGE_CACHE_STALE_MS / 1000}`;
/** Every other document: the browser may keep it but revalidates; no shared cache may. */
export const PRIVATE_CACHE_CONTROL = "private, no-cache";
/** An htmx fragment: part of a page, never stored. */
export const FRAGMENT_CACHE_CONTROL = "private, no-store";

export type RequestHeaders = Record<string, string | string[] | undefined>;

/** Which cookies a cacheable request may carry: ignored ones do not change the page, keyed ones become part of the key. */
export interface CookieRules {
  ignored: ReadonlySet<string>;
  keyed: ReadonlySet<string>;
  /** Keyed cookies the request must carry. */
  required?: readonly string[];
}

/** A public page: the CSRF secret does not change it (a page that renders the token is never shared); preferences do. */
const PUBLIC_COOKIES: CookieRules = {
  ignored: new Set(["dracin_csrf"]),
  keyed: new Set(["dracin_prefs", LOCALE_COOKIE]),
};

/**
 * A per-viewer page: the session and the CSRF secret (the page holds its
 * token) are required and keyed, preferences keyed; any other cookie
 * (dracin_flash, an OAuth state, dracin_primary after a write) means the page is rendered.
 */
const PER_VIEWER_COOKIES: CookieRules = {
  ignored: new Set(),
  keyed: new Set(["dracin_session", "dracin_csrf", "dracin_prefs", LOCALE_COOKIE]),
  required: ["dracin_session", "dracin_csrf"],
};

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}

/**
 * The cache key of a GET request under `rules`, or null when it may not be
 * cached (another method, credentials, a cookie the rules do not know, a
 * required cookie missing). The key holds the URL with its query, every htmx
 * request header, and the keyed cookies with their values.
 */
export function requestCacheKey(
  method: string,
  url: string,
  headers: RequestHeaders,
  rules: CookieRules,
): string | null {
  if (method !== "GET") return null;
  if (headers.authorization !== undefined) return null;
  const keyed: string[] = [];
  const names = new Set<string>();
  const cookie = single(headers.cookie);
  if (cookie) {
    for (const part of cookie.split(";")) {
      const trimmed = part.trim();
      if (!trimmed) continue;
      const equals = trimmed.indexOf("=");
      const name = equals === -1 ? trimmed : trimmed.slice(0, equals);
      if (rules.ignored.has(name)) continue;
      if (!rules.keyed.has(name)) return null;
      names.add(name);
      keyed.push(trimmed);
    }
  }
  if (rules.required?.some((name) => !names.has(name))) return null;
  return [url, ...htmxHeaderLines(headers), ...keyed.sort()].join("\n");
}

/** What a request's page may become, decided before it is rendered. */
export type CachePlan =
  | { kind: "public"; key: string }
  | { kind: "per-viewer"; key: string; viewerData: readonly ViewerDataName[] }
  | { kind: "none" };

const NONE: CachePlan = { kind: "none" };

/** What the routes a path matches declare: the deepest `cache`, and every route's `viewerData`. */
export interface Declared {
  cache: PageCaching | null;
  viewerData: readonly ViewerDataName[];
}

/**
 * The language a page is rendered in, as a key line: from the URL, the
 * language cookie and Accept-Language (app/i18n/negotiate.ts). A signed-in
 * viewer's saved language is part of the "account" viewer data instead.
 */
function localeLine(url: string, headers: RequestHeaders): string {
  const locale = anonymousLocale(
    new URL(url, "http://localhost"),
    single(headers.cookie),
    single(headers["accept-language"]),
  );
  return `locale=${locale}`;
}

/** The plan for one request, given what its routes declare. */
export function planFor(method: string, url: string, headers: RequestHeaders, declared: Declared): CachePlan {
  const caching = declared.cache;
  if (!caching) return NONE;
  if (caching.anonymous === "public") {
    const key = requestCacheKey(method, url, headers, PUBLIC_COOKIES);
    if (key) return { kind: "public", key: `${key}\n${localeLine(url, headers)}` };
  }
  if (caching.signedIn === "per-viewer") {
    const key = requestCacheKey(method, url, headers, PER_VIEWER_COOKIES);
    if (key) return { kind: "per-viewer", key: `${key}\n${localeLine(url, headers)}`, viewerData: declared.viewerData };
  }
  return NONE;
}

type BuildRoutes = ServerBuild["routes"];

function routeTree(routes: BuildRoutes, parentId: string | undefined): AgnosticRouteObject[] {
  return Object.values(routes)
    .filter((route) => route?.parentId === parentId)
    .flatMap((route): AgnosticRouteObject[] => {
      if (!route) return [];
      if (route.index) return [{ id: route.id, index: true, path: route.path, caseSensitive: route.caseSensitive }];
      return [
        { id: route.id, path: route.path, caseSensitive: route.caseSensitive, children: routeTree(routes, route.id) },
      ];
    });
}

/** What the routes `pathname` matches declare (as Remix matches them). */
export function declaredFor(routes: BuildRoutes, tree: AgnosticRouteObject[], pathname: string): Declared {
  const handles = (matchRoutes(tree, pathname) ?? []).map(
    (match) => routes[match.route.id ?? ""]?.module.handle as RouteHandle | undefined,
  );
  const cache = handles.reduce<PageCaching | null>((found, handle) => handle?.cache ?? found, null);
  return { cache, viewerData: [...new Set(handles.flatMap((handle) => handle?.viewerData ?? []))] };
}

/** The policy of one Remix build: `plan()` before rendering, answered from the routes' declarations. */
export interface PagePolicy {
  plan(method: string, path: string, url: string, headers: RequestHeaders): CachePlan;
}

export function createPagePolicy(routes: BuildRoutes): PagePolicy {
  const tree = routeTree(routes, undefined);
  // Matching is the dearest step of a cache hit: remembered per path (bounded).
  const byPath = new LRUCache<string, Declared>({ max: 2_000 });
  return {
    plan(method, path, url, headers) {
      if (method !== "GET") return NONE;
      let declared = byPath.get(path);
      if (!declared) {
        declared = declaredFor(routes, tree, path);
        byPath.set(path, declared);
      }
      return planFor(method, url, headers, declared);
    },
  };
}

/**
 * After a document is rendered (app/entry.server.tsx): its Cache-Control and
 * Vary. A "public" plan becomes a public page only when it is a 200 that
 * rendered no CSRF token and sets no cookie; a route that chose its own
 * Cache-Control keeps it; everything else is private.
 */
export function finishDocument(
  plan: CachePlan["kind"],
  page: { status: number; headers: Headers; csrfTokenUsed: boolean },
): void {
  const { headers } = page;
  if (headers.has("Cache-Control")) return;
  if (plan === "public" && page.status === 200 && !page.csrfTokenUsed && !headers.has("Set-Cookie")) {
    headers.set("Cache-Control", PUBLIC_CACHE_CONTROL);
    const vary = (headers.get("Vary") ?? "")
      .split(",")
      .map((value) => value.trim())
      .filter(Boolean);
    // A signed-in request (session cookie), each language and an htmx request each get their own variant.
    for (const name of ["Cookie", "Accept-Language", ...HTMX_VARY]) {
      if (!vary.some((value) => value.toLowerCase() === name.toLowerCase())) vary.push(name);
    }
    headers.set("Vary", vary.join(", "));
    return;
  }
  headers.set("Cache-Control", PRIVATE_CACHE_CONTROL);
  // The browser's own cache: the language may follow the header.
  headers.append("Vary", "Accept-Language");
}

/**
 * True when the response to a request planned as `plan` may be stored: for
 * "public", a 200 marked public with nothing per-browser; for "per-viewer", a
 * 200 HTML page, private but storable, setting no cookie.
 */
export function mayStore(plan: CachePlan["kind"], status: number, headers: Headers): boolean {
  if (plan === "none" || status !== 200 || headers.has("Set-Cookie")) return false;
  const cacheControl = (headers.get("Cache-Control") ?? "").toLowerCase();
  if (plan === "public")
    return /\bpublic\b/.test(cacheControl) && !/\b(private|no-store|no-cache)\b/.test(cacheControl);
  if (!/^text\/html\b/i.test(headers.get("Content-Type") ?? "")) return false;
  return /\bprivate\b/.test(cacheControl) && !/\bno-store\b/.test(cacheControl);
}
