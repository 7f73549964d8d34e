/**
 * The HTTP provider's in-memory cache: LRU-bounded (lru-cache), with per-entry
 * freshness windows, stale-while-revalidate, stale-if-error and single-flight.
 *
 *   age < ttl              fresh: served, no upstream call            ("hit")
 *   age < ttl + swr        served at once, refreshed in the background ("stale")
 *   older                  loaded again before answering               ("miss")
 *   load fails, age < ttl + sie   the old copy is served              ("stale-if-error")
 *
 * Concurrent gets of a key that must be loaded share one load (single-flight),
 * as do background refreshes. Entries older than ttl + max(swr, sie) are dropped.
 */
import { LRUCache } from "lru-cache";

export interface CachePolicy {
  /** Fresh for this long. */
  ttlMs: number;
  /** After ttl, serve stale and refresh in the background for this long. */
  swrMs: number;
  /** After ttl, serve stale when the upstream fails for this long. */
  sieMs: number;
}

export type CacheEvent = "hit" | "miss" | "stale" | "stale-if-error" | "refresh-failed";

interface Entry {
  value: unknown;
  storedAt: number;
  freshUntil: number;
  swrUntil: number;
  sieUntil: number;
}

export interface CacheStats {
  size: number;
  max: number;
  inflight: number;
  events: Record<CacheEvent, number>;
}

export interface CatalogCacheOptions {
  max?: number;
  now?: () => number;
  /** Called for every served value or failed refresh; `kind` is the caller's label (drama, list, ...). */
  onEvent?: (kind: string, event: CacheEvent, error?: unknown) => void;
}

export class CatalogCache {
  private readonly lru: LRUCache<string, Entry>;
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly now: () => number;
  private readonly onEvent: NonNullable<CatalogCacheOptions["onEvent"]>;
  private readonly events: Record<CacheEvent, number> = {
    hit: 0,
    miss: 0,
    stale: 0,
    "stale-if-error": 0,
    "refresh-failed": 0,
  };

  constructor(options: CatalogCacheOptions = {}) {
    this.lru = new LRUCache<string, Entry>({ max: options.max ?? 5000 });
    this.now = options.now ?? Date.now;
    this.onEvent = options.onEvent ?? (() => {});
  }

  private count(kind: string, event: CacheEvent, error?: unknown) {
    this.events[event] += 1;
    this.onEvent(kind, event, error);
  }

  /** The cached value at any age still kept (for "what do we still know" answers), or undefined. */
  peek<T>(key: string): T | undefined {
    const entry = this.lru.get(key);
    if (!entry || this.now() >= Math.max(entry.swrUntil, entry.sieUntil)) return undefined;
    return entry.value as T;
  }

  /** Stores a value fetched elsewhere (e.g. dramas that came with a list page). */
  set(key: string, value: unknown, policy: CachePolicy): void {
    const now = this.now();
    this.lru.set(key, {
      value,
      storedAt: now,
      freshUntil: now + policy.ttlMs,
      swrUntil: now + policy.ttlMs + policy.swrMs,
      sieUntil: now + policy.ttlMs + policy.sieMs,
    });
  }

  /** Whether a fresh copy is held (no upstream call would be made). */
  isFresh(key: string): boolean {
    const entry = this.lru.get(key);
    return entry !== undefined && this.now() < entry.freshUntil;
  }

  async get<T>(key: string, kind: string, policyFor: (value: T) => CachePolicy, load: () => Promise<T>): Promise<T> {
    const entry = this.lru.get(key);
    const now = this.now();
    if (entry && now < entry.freshUntil) {
      this.count(kind, "hit");
      return entry.value as T;
    }
    if (entry && now < entry.swrUntil) {
      this.count(kind, "stale");
      this.flight(key, policyFor, load).catch((error: unknown) => this.count(kind, "refresh-failed", error));
      return entry.value as T;
    }
    this.count(kind, "miss");
    try {
      return await this.flight(key, policyFor, load);
    } catch (error) {
      const old = this.lru.get(key);
      if (old && this.now() < old.sieUntil) {
        this.count(kind, "stale-if-error", error);
        return old.value as T;
      }
      throw error;
    }
  }

  private flight<T>(key: string, policyFor: (value: T) => CachePolicy, load: () => Promise<T>): Promise<T> {
    const pending = this.inflight.get(key);
    if (pending) return pending as Promise<T>;
    const started = load()
      .then((value) => {
        this.set(key, value, policyFor(value));
        return value;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, started);
    return started;
  }

  clear(): void {
    this.lru.clear();
  }

  stats(): CacheStats {
    return { size: this.lru.size, max: this.lru.max, inflight: this.inflight.size, events: { ...this.events } };
  }
}
