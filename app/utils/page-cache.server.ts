/**
 * The public-page store (docs/decisions/012-cacheable-public-pages.md): pages
 * that app/utils/cache-policy.server.ts planned as "public" and that came out
 * the same for every signed-out visitor, kept here for a few seconds per
 * instance under the key the policy made. Also the kept-page shape and its
 * compression, shared with the per-viewer store.
 */
import crypto from "node:crypto";
import zlib from "node:zlib";
import { LRUCache } from "lru-cache";
import { PAGE_CACHE_FRESH_MS, PAGE_CACHE_STALE_MS } from "~/utils/cache-policy.server";

const MAX_BYTES = 16 * 1024 * 1024;
/** What a kept page costs beyond the bytes counted below: its objects and the LRU's slots (an estimate). */
const ENTRY_OVERHEAD_BYTES = 512;

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
 * `buffer` in memory of its own size. zlib's synchronous calls return a slice
 * of their 16 KiB output chunk when the output fits in one: kept as it is, a
 * 1 KB compressed page holds on to 16 KiB (the public cache, filled with small
 * search pages, held 3.5 times its budget that way).
 */
function ownMemory(buffer: Buffer): Buffer {
  if (buffer.byteLength === buffer.buffer.byteLength) return buffer;
  const copy = Buffer.allocUnsafeSlow(buffer.byteLength);
  buffer.copy(copy);
  return copy;
}

/**
 * A kept page's body in `encoding`, compressed once per page rather than once
 * per response (as the compression middleware would: brotli quality 4, gzip
 * level 6), so a hit costs no compression. Returns whether it was made now
 * (the page grew: its cache counts the new bytes, see `recount`).
 */
export function encodedBody(page: CachedPage, encoding: PageEncoding): { body: Buffer; made: boolean } {
  const kept = page.encoded[encoding];
  if (kept) return { body: kept, made: false };
  const body = ownMemory(
    encoding === "br"
      ? zlib.brotliCompressSync(page.body, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: page.body.length,
          },
        })
      : zlib.gzipSync(page.body),
  );
  page.encoded[encoding] = body;
  return { body, made: true };
}

/**
 * Bytes a kept page takes, as they are: its body, the codings made so far,
 * its headers, and its key (counted as two bytes a character: V8 keeps a
 * string with any character past Latin-1 that way).
 */
export function keptSize(page: CachedPage, key: string): number {
  let bytes = page.body.byteLength + 2 * key.length + page.etag.length + ENTRY_OVERHEAD_BYTES;
  for (const coded of Object.values(page.encoded)) bytes += coded.byteLength;
  for (const [name, value] of page.headers) bytes += name.length + value.length;
  return bytes;
}

/**
 * Counts an entry again after its page grew (a coding was made for it): LRU
 * caches size an entry when it is set, so it is set anew, as the most recently
 * used, which may push older pages out.
 */
export function recount<V extends object>(pages: LRUCache<string, V>, key: string, value: V): void {
  if (pages.peek(key) !== value) return;
  pages.delete(key);
  pages.set(key, value);
}

/** A store of kept pages that makes their codings, counting them against its budget. */
export interface PageStore {
  encoded(key: string, page: CachedPage, encoding: PageEncoding): Buffer;
}

export type Lookup = { page: CachedPage; state: "fresh" | "stale" } | null;

/**
 * Pages by key, bounded in bytes (least recently used go first). A fresh page
 * is served as is; a stale one is served while one request renders its
 * successor; concurrent first requests for a key wait for one render.
 */
export class PageCache implements PageStore {
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
      sizeCalculation: (page, key) => keptSize(page, key),
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

  /** The page's body in `encoding`; a coding made now counts against the budget. */
  encoded(key: string, page: CachedPage, encoding: PageEncoding): Buffer {
    const { body, made } = encodedBody(page, encoding);
    if (made) recount(this.#pages, key, page);
    return body;
  }

  now(): number {
    return this.#now();
  }

  get size(): number {
    return this.#pages.size;
  }
}
