/**
 * Public pages, cached briefly (docs/decisions/012-cacheable-public-pages.md).
 *
 * A page is the same for every signed-out visitor when the request carries no
 * cookie that changes it (no session, no flash, no OAuth state: only the
 * CSRF secret, and preference cookies that become part of the key) and the
 * rendered page asked for nothing per-browser (no CSRF token, no Set-Cookie).
 * Such a page is marked `public` for shared proxies and kept here for a few
 * seconds per instance; everything else stays `private, no-cache` and is
 * never stored. The key holds everything else that changes the HTML: the
 * URL with its query, and every htmx request header.
 */
import crypto from "node:crypto";
import zlib from "node:zlib";
import { LRUCache } from "lru-cache";

/** Served from the instance's cache without rendering. */
export const PAGE_CACHE_FRESH_MS = 5_000;
/** After that, served while one request renders the new version. */
export const PAGE_CACHE_STALE_MS = 30_000;
const MAX_BYTES = 16 * 1024 * 1024;

/** Shared proxies may keep a public page as long as this instance does; browsers revalidate every time. */
export const PUBLIC_CACHE_CONTROL = `public, max-age=0, s-maxage=${PAGE_CACHE_FRESH_MS / 1000}, stale-while-revalidate=${PAGE_CACHE_STALE_MS / 1000}`;
/** A signed-in request (session cookie) and an htmx request each get their own variant. */
const PUBLIC_VARY = ["Cookie", "HX-Request", "HX-History-Restore-Request"];

/** Cookies a shareable request may carry without changing the page: the CSRF secret (a page that renders the token is never shared). */
const IGNORED_COOKIES = new Set(["dracin_csrf"]);
/** Cookies that change a public page for everyone who has the same value: part of the key. */
const KEYED_COOKIES = new Set(["dracin_prefs"]);

export type RequestHeaders = Record<string, string | string[] | undefined>;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}

/** Which cookies a cacheable request may carry: ignored ones do not change the page, keyed ones become part of the key. */
export interface CookieRules {
  ignored: ReadonlySet<string>;
  keyed: ReadonlySet<string>;
  /** Keyed cookies the request must carry. */
  required?: readonly string[];
}

const PUBLIC_COOKIES: CookieRules = { ignored: IGNORED_COOKIES, keyed: KEYED_COOKIES };

/**
 * The cache key of a GET request under `rules`, or null when it may not be
 * cached (another method, credentials, a cookie the rules do not know, a
 * required cookie missing). The key holds the URL with its query, every htmx
 * request header, and the keyed cookies with their values.
 */
export function requestCacheKey(method: string, url: string, headers: RequestHeaders, rules: CookieRules): string | null {
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
  const htmx = Object.keys(headers)
    .filter((name) => name.startsWith("hx-"))
    .sort()
    .map((name) => `${name}:${single(headers[name]) ?? ""}`);
  return [url, ...htmx, ...keyed.sort()].join("\n");
}

/**
 * The cache key of a request whose page may be shared, or null when it may
 * not (not a GET, a session or any unknown cookie, credentials).
 * `url` is the absolute URL the page is rendered for; `headers` are Node's
 * lower-case request headers.
 */
export function pageCacheKey(method: string, url: string, headers: RequestHeaders): string | null {
  return requestCacheKey(method, url, headers, PUBLIC_COOKIES);
}

/** What the document entry decides after rendering: may this page be shared? */
export function mayBePublic(page: {
  candidate: boolean;
  status: number;
  headers: Headers;
  csrfTokenUsed: boolean;
}): boolean {
  return (
    page.candidate &&
    page.status === 200 &&
    !page.csrfTokenUsed &&
    !page.headers.has("Set-Cookie") &&
    // A route that chose its own caching keeps it.
    !page.headers.has("Cache-Control")
  );
}

/** Marks a document public: the Cache-Control above and the Vary a shared proxy needs. */
export function markPublic(headers: Headers): void {
  headers.set("Cache-Control", PUBLIC_CACHE_CONTROL);
  const vary = (headers.get("Vary") ?? "")
    .split(",")
    .map((value) => value.trim())
    .filter(Boolean);
  for (const name of PUBLIC_VARY) {
    if (!vary.some((value) => value.toLowerCase() === name.toLowerCase())) vary.push(name);
  }
  headers.set("Vary", vary.join(", "));
}

/** True for a response this instance may store: 200, public, nothing per-browser. */
export function isStorable(status: number, headers: Headers): boolean {
  if (status !== 200 || headers.has("Set-Cookie")) return false;
  const cacheControl = (headers.get("Cache-Control") ?? "").toLowerCase();
  return /\bpublic\b/.test(cacheControl) && !/\b(private|no-store|no-cache)\b/.test(cacheControl);
}

export interface CachedPage {
  status: number;
  headers: [string, string][];
  body: Buffer;
  /** A validator of the body (weak: the same for its gzip and identity codings); a browser's If-None-Match gets a 304. */
  etag: string;
  storedAt: number;
  /** The body compressed, made on the first request that accepts each coding (encodedBody). */
  encoded: Partial<Record<PageEncoding, Buffer>>;
}

export type PageEncoding = "br" | "gzip";

export function cachedPage(status: number, headers: Headers, body: Buffer, storedAt: number): CachedPage {
  const etag = `W/"${crypto.createHash("sha1").update(body).digest("base64url")}"`;
  return { status, headers: [...headers.entries()], body, etag, storedAt, encoded: {} };
}

/**
 * A kept page's body in `encoding`, compressed once per page rather than once
 * per response (as the compression middleware would: brotli quality 4, gzip
 * level 6), so a hit costs no compression.
 */
export function encodedBody(page: CachedPage, encoding: PageEncoding): Buffer {
  page.encoded[encoding] ??=
    encoding === "br"
      ? zlib.brotliCompressSync(page.body, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: page.body.length },
        })
      : zlib.gzipSync(page.body);
  return page.encoded[encoding];
}

/** Bytes a kept page may take: its body, and room for its compressed codings (about a fifth each, at most). */
export function keptSize(page: CachedPage): number {
  return Math.ceil(page.body.length * 1.4) + 256;
}

export type Lookup = { page: CachedPage; state: "fresh" | "stale" } | null;

/**
 * Pages by key, bounded in bytes (least recently used go first). A fresh page
 * is served as is; a stale one is served while one request renders its
 * successor; concurrent first requests for a key wait for one render.
 */
export class PageCache {
  readonly #pages: LRUCache<string, CachedPage>;
  readonly #rendering = new Map<string, Promise<CachedPage | null>>();
  readonly #freshMs: number;
  readonly #staleMs: number;
  readonly #now: () => number;

  constructor(options: { freshMs?: number; staleMs?: number; maxBytes?: number; now?: () => number } = {}) {
    this.#freshMs = options.freshMs ?? PAGE_CACHE_FRESH_MS;
    this.#staleMs = options.staleMs ?? PAGE_CACHE_STALE_MS;
    this.#now = options.now ?? Date.now;
    this.#pages = new LRUCache({
      maxSize: options.maxBytes ?? MAX_BYTES,
      sizeCalculation: (page, key) => keptSize(page) + key.length,
    });
  }

  lookup(key: string): Lookup {
    const page = this.#pages.get(key);
    if (!page) return null;
    const age = this.#now() - page.storedAt;
    if (age < this.#freshMs) return { page, state: "fresh" };
    if (age < this.#freshMs + this.#staleMs) return { page, state: "stale" };
    this.#pages.delete(key);
    return null;
  }

  /** The render in flight for this key, if any (resolves to its page, or null if it was not storable). */
  rendering(key: string): Promise<CachedPage | null> | undefined {
    return this.#rendering.get(key);
  }

  /** Announces a render for this key; call the returned function with the page (stored) or null. */
  startRender(key: string): (page: CachedPage | null) => void {
    let settle: (page: CachedPage | null) => void = () => undefined;
    const promise = new Promise<CachedPage | null>((resolve) => {
      settle = resolve;
    });
    this.#rendering.set(key, promise);
    return (page) => {
      if (page) this.#pages.set(key, page);
      if (this.#rendering.get(key) === promise) this.#rendering.delete(key);
      settle(page);
    };
  }

  now(): number {
    return this.#now();
  }

  get size(): number {
    return this.#pages.size;
  }
}
