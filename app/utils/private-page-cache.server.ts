/**
 * Signed-in pages, kept per session and checked against the viewer's data on
 * every request (docs/decisions/016-signed-in-page-cache.md).
 *
 * The signed-in home is the page viewers open most and the dearest to render
 * (the catalog rows, Continue Watching and My List). A stored copy is served
 * only when all of these hold:
 * 1. the route declares `signedIn: "per-viewer"` and the request carries the
 *    same session, CSRF and preference cookies as the one it was rendered
 *    for, and nothing else that changes a page (a flash notice, an OAuth
 *    state, a recent write): that is the key (app/utils/cache-policy.server.ts);
 * 2. the session is live now and belongs to the same user;
 * 3. the viewer's data reads the same as it did just before the render: the
 *    fingerprint of the viewer data the page's routes declare
 *    (app/models/viewer-state.server.ts), read from the database
 *    on every request, so a change made through any instance shows at once;
 * 4. it is younger than PRIVATE_PAGE_MAX_AGE_MS, which bounds how long the
 *    catalog part of the page may lag: no longer than a public page served
 *    stale (the catalog's own cache keeps the home feed a minute anyway).
 * Nothing is shared: a copy is only ever sent to the session it was made for.
 */
import { LRUCache } from "lru-cache";
import { PRIVATE_PAGE_MAX_AGE_MS } from "~/utils/cache-policy.server";
import {
  encodedBody,
  keptSize,
  recount,
  type CachedPage,
  type PageEncoding,
  type PageStore,
} from "~/utils/page-cache.server";

const MAX_BYTES = 8 * 1024 * 1024;

/** Who is asking, as the database says now. */
export interface Viewer {
  userId: string;
  /** The viewer's data as the page shows it, summarised (viewerFingerprint). */
  fingerprint: string;
}

interface Entry {
  viewer: Viewer;
  page: CachedPage;
}

/** Signed-in pages by key, bounded in bytes (least recently used go first). */
export class PrivatePageCache implements PageStore {
  readonly #pages: LRUCache<string, Entry>;
  readonly #maxAgeMs: number;
  readonly #now: () => number;

  constructor(options: { maxAgeMs?: number; maxBytes?: number; now?: () => number } = {}) {
    this.#maxAgeMs = options.maxAgeMs ?? PRIVATE_PAGE_MAX_AGE_MS;
    this.#now = options.now ?? Date.now;
    this.#pages = new LRUCache({
      maxSize: options.maxBytes ?? MAX_BYTES,
      sizeCalculation: (entry, key) =>
        keptSize(entry.page, key) + 2 * (entry.viewer.userId.length + entry.viewer.fingerprint.length),
    });
  }

  /** The stored page for this key if it was made for this viewer, with the same data, recently; otherwise forgets it. */
  lookup(key: string, viewer: Viewer): CachedPage | null {
    const entry = this.#pages.get(key);
    if (!entry) return null;
    const same = entry.viewer.userId === viewer.userId && entry.viewer.fingerprint === viewer.fingerprint;
    if (same && this.#now() - entry.page.storedAt < this.#maxAgeMs) return entry.page;
    this.#pages.delete(key);
    return null;
  }

  /** Keeps a page rendered for `viewer`, whose fingerprint was read before the render began. */
  store(key: string, viewer: Viewer, page: CachedPage): void {
    this.#pages.set(key, { viewer, page });
  }

  /** The page's body in `encoding`; a coding made now counts against the budget. */
  encoded(key: string, page: CachedPage, encoding: PageEncoding): Buffer {
    const { body, made } = encodedBody(page, encoding);
    const entry = this.#pages.peek(key);
    if (made && entry?.page === page) recount(this.#pages, key, entry);
    return body;
  }

  now(): number {
    return this.#now();
  }

  get size(): number {
    return this.#pages.size;
  }
}
