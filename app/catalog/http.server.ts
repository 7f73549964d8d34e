/**
 * The "http" provider: a catalog API that implements docs/catalog-api.md.
 *
 * This file is the catalog side: the endpoints it calls, the mapping of every
 * validated payload onto our types (ids namespaced as `<namespace>:<upstream id>`),
 * and the LRU + TTL cache (cache.server.ts): per-kind TTLs, stale-while-revalidate,
 * stale-if-error, single-flight.
 *
 * Languages: every call asks for one with `?lang=<locale>`; the API answers the
 * default-language (English) text plus `translations[<locale>]` where it has them,
 * and the mapping picks the translation or falls back to the English text. Each
 * locale is a view (`inLocale`) over the same transport and cache; cache keys
 * start with the locale, so one language's copy never answers for another. Stream URLs are cached no longer than their `expiresAt`.
 * How a call reaches the API (timeouts, retries, circuit breaker, size bound, the
 * zod check) is http-transport.server.ts.
 *
 * Failures surface as CatalogUnavailableError; "does not exist" (404) as null.
 */
import type { z } from "zod";
import { fingerprinted } from "~/utils/assets.server";
import { log as defaultLog } from "~/utils/log.server";
import { metrics } from "~/utils/metrics.server";
import { CatalogCache, type CacheEvent, type CachePolicy, type CacheStats } from "./cache.server";
import { CatalogUnavailableError } from "./errors";
import {
  createHttpTransport,
  type Answer,
  type HttpTransportOptions,
  type HttpTransportStatus,
} from "./http-transport.server";
import {
  CATALOG_DEFAULT_LANGUAGE,
  type CatalogProvider,
  type Drama,
  type Episode,
  type Facets,
  type HomeFeed,
  type ListQuery,
  type TrackFilter,
  type Locale,
  type Page,
} from "./types";
import {
  UpstreamDramaBatchSchema,
  UpstreamDramaPageSchema,
  UpstreamDramaSchema,
  UpstreamEpisodeListSchema,
  UpstreamEpisodeSchema,
  UpstreamFacetsSchema,
  UpstreamHomeSchema,
  type UpstreamDrama,
  type UpstreamEpisode,
} from "./upstream-schemas";

export type CacheKind = "home" | "facets" | "list" | "search" | "drama" | "episodes" | "episode" | "missing";

export { parseRetryAfter, type CircuitStateName, type Logger } from "./http-transport.server";

export interface HttpCatalogOptions extends HttpTransportOptions {
  /** Prefix of our ids: `<namespace>:<upstream id>`. Default "ext". */
  namespace?: string;
  /** Per-kind cache policies (merged over the defaults). */
  cachePolicies?: Partial<Record<CacheKind, CachePolicy>>;
  cacheMax?: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const DEFAULT_CACHE_POLICIES: Record<CacheKind, CachePolicy> = {
  home: { ttlMs: MINUTE, swrMs: 10 * MINUTE, sieMs: 24 * HOUR },
  facets: { ttlMs: 10 * MINUTE, swrMs: HOUR, sieMs: 24 * HOUR },
  list: { ttlMs: MINUTE, swrMs: 10 * MINUTE, sieMs: 24 * HOUR },
  search: { ttlMs: MINUTE, swrMs: 10 * MINUTE, sieMs: 6 * HOUR },
  drama: { ttlMs: 10 * MINUTE, swrMs: HOUR, sieMs: 24 * HOUR },
  episodes: { ttlMs: 10 * MINUTE, swrMs: HOUR, sieMs: 24 * HOUR },
  episode: { ttlMs: 10 * MINUTE, swrMs: HOUR, sieMs: 24 * HOUR },
  missing: { ttlMs: MINUTE, swrMs: 0, sieMs: HOUR },
};

/** Stream URLs are not used closer than this to their expiry. */
const EXPIRY_MARGIN_MS = 60_000;

export interface HttpCatalogStatus extends HttpTransportStatus {
  provider: "http";
  cache: CacheStats;
}

export interface HttpCatalogProvider extends CatalogProvider {
  readonly name: "http";
  inLocale(locale: Locale): HttpCatalogProvider;
  status(): HttpCatalogStatus;
  clearCache(): void;
  /** Ends idle upstream connections (tests, shutdown). */
  close(): Promise<void>;
}

/** An episode with the expiry of its stream URLs, as cached. */
interface CachedEpisode {
  episode: Episode;
  expiresAt: number | null;
}

export function createHttpCatalog(options: HttpCatalogOptions): HttpCatalogProvider {
  const namespace = options.namespace ?? "ext";
  const prefix = `${namespace}:`;
  const policies = { ...DEFAULT_CACHE_POLICIES, ...options.cachePolicies };
  const logger = options.logger ?? defaultLog;
  const now = options.now ?? Date.now;
  const m = metrics();

  const transport = createHttpTransport(options, namespace);

  // Labelled counters looked up once: a cache hit is the hot path of every page.
  const eventCounters = new Map<string, { inc(): void }>();
  const cache = new CatalogCache({
    max: options.cacheMax,
    now,
    onEvent: (kind: string, event: CacheEvent, error?: unknown) => {
      const label = `${kind}\0${event}`;
      let counter = eventCounters.get(label);
      if (!counter) eventCounters.set(label, (counter = m.cacheEvents.labels({ kind, event })));
      counter.inc();
      if (event === "stale-if-error") {
        logger.info("catalog: served a stale copy because the upstream failed", { kind, error: describe(error) });
      } else if (event === "refresh-failed") {
        logger.warn("catalog: background refresh failed", { kind, error: describe(error) });
      }
    },
  });

  function describe(error: unknown): Record<string, unknown> | undefined {
    if (!error) return undefined;
    if (error instanceof CatalogUnavailableError)
      return { reason: error.reason, status: error.status, message: error.message };
    return { message: error instanceof Error ? error.message : JSON.stringify(error) };
  }

  // ---- mapping (upstream shapes -> ours; ids namespaced) ----
  const ours = (id: string) => `${prefix}${id}`;
  const upstreamId = (id: string): string | null =>
    id.startsWith(prefix) && id.length > prefix.length ? id.slice(prefix.length) : null;

  function expiringPolicy(base: CachePolicy, expiresAt: number | null): CachePolicy {
    if (expiresAt === null) return base;
    // Never serve a stream URL (fresh or stale) within EXPIRY_MARGIN_MS of its expiry.
    const usable = Math.max(0, expiresAt - EXPIRY_MARGIN_MS - now());
    const ttlMs = Math.min(base.ttlMs, usable);
    const rest = usable - ttlMs;
    return { ttlMs, swrMs: Math.min(base.swrMs, rest), sieMs: Math.min(base.sieMs, rest) };
  }
  const nullable =
    <T>(policy: CachePolicy) =>
    (value: T | null): CachePolicy =>
      value === null ? policies.missing : policy;

  const views = new Map<Locale, HttpCatalogProvider>();

  /** The catalog in one language: the calls ask for `lang=<locale>`, the cache keys start with it. */
  function buildView(locale: Locale): HttpCatalogProvider {
    const cacheKey = (name: string) => `${locale}:${name}`;
    /** The call's query with the language asked for (every call carries it; see docs/catalog-api.md). */
    const withLang = (params?: URLSearchParams): URLSearchParams => {
      const query = new URLSearchParams(params);
      query.set("lang", locale);
      return query;
    };
    /** The translated text when the API sent one, else the default-language text; with its language. */
    const textIn = (base: string, translated: string | undefined): [string, Locale] =>
      translated ? [translated, locale] : [base, CATALOG_DEFAULT_LANGUAGE];

    function toDrama(d: UpstreamDrama): Drama {
      const { translations, ...rest } = d;
      const translated = locale === CATALOG_DEFAULT_LANGUAGE ? undefined : translations?.[locale];
      const [title, titleLang] = textIn(d.title, translated?.title);
      const [synopsis, synopsisLang] = textIn(d.synopsis, translated?.synopsis);
      return {
        ...rest,
        id: ours(d.id),
        posterUrl: fingerprinted(d.posterUrl),
        title,
        titleLang,
        synopsis,
        synopsisLang,
      };
    }
    function toEpisode(e: UpstreamEpisode): CachedEpisode {
      const { expiresAt, translations, ...rest } = e;
      const translated = locale === CATALOG_DEFAULT_LANGUAGE ? undefined : translations?.[locale];
      const [title, titleLang] = textIn(e.title, translated?.title);
      return {
        episode: {
          ...rest,
          id: ours(e.id),
          dramaId: ours(e.dramaId),
          thumbnailUrl: fingerprinted(e.thumbnailUrl),
          title,
          titleLang,
        },
        expiresAt: expiresAt ? Date.parse(expiresAt) : null,
      };
    }
    function remember(dramas: Drama[]) {
      for (const drama of dramas) cache.set(cacheKey(`drama:${drama.id}`), drama, policies.drama);
    }
    function toPage(page: z.infer<typeof UpstreamDramaPageSchema>): Page<Drama> {
      const items = page.items.map(toDrama);
      remember(items);
      return { ...page, items };
    }

    async function getDrama(id: string): Promise<Drama | null> {
      const key = upstreamId(id);
      if (!key) return null;
      return cache.get<Drama | null>(cacheKey(`drama:${id}`), "drama", nullable(policies.drama), async () => {
        const answer = await transport.get(
          "drama",
          `dramas/${encodeURIComponent(key)}`,
          withLang(),
          UpstreamDramaSchema,
        );
        return answer.data ? toDrama(answer.data) : null;
      });
    }

    async function getDramas(ids: string[]): Promise<Map<string, Drama>> {
      const found = new Map<string, Drama>();
      const wanted = [...new Set(ids)].filter((id) => upstreamId(id) !== null);
      const toFetch: string[] = [];
      for (const id of wanted) {
        if (cache.isFresh(cacheKey(`drama:${id}`))) {
          const drama = await cache.get<Drama | null>(
            cacheKey(`drama:${id}`),
            "drama",
            nullable(policies.drama),
            async () => null,
          );
          if (drama) found.set(id, drama);
        } else {
          toFetch.push(id);
        }
      }
      for (let i = 0; i < toFetch.length; i += 50) {
        const chunk = toFetch.slice(i, i + 50);
        try {
          const params = new URLSearchParams({ ids: chunk.map((id) => upstreamId(id) as string).join(",") });
          const answer = await transport.get("dramas_batch", "dramas", withLang(params), UpstreamDramaBatchSchema);
          const got = new Map((answer.data?.items ?? []).map((d) => [ours(d.id), toDrama(d)] as const));
          for (const id of chunk) {
            const drama = got.get(id);
            if (drama) {
              found.set(id, drama);
              cache.set(cacheKey(`drama:${id}`), drama, policies.drama);
            } else {
              cache.set(cacheKey(`drama:${id}`), null, policies.missing);
            }
          }
          m.cacheEvents.inc({ kind: "drama", event: "miss" }, chunk.length);
        } catch (error) {
          if (!(error instanceof CatalogUnavailableError)) throw error;
          let unresolved = false;
          for (const id of toFetch.slice(i)) {
            const old = cache.peek<Drama | null>(cacheKey(`drama:${id}`));
            if (old === undefined) unresolved = true;
            else if (old) found.set(id, old);
          }
          m.cacheEvents.inc({ kind: "drama", event: "stale-if-error" });
          if (unresolved) {
            throw new CatalogUnavailableError(error.message, {
              reason: error.reason,
              status: error.status,
              partial: found,
              cause: error,
            });
          }
          return found;
        }
      }
      return found;
    }

    async function getEpisodes(dramaId: string): Promise<Episode[]> {
      const key = upstreamId(dramaId);
      if (!key) return [];
      const cached = await cache.get<CachedEpisode[] | null>(
        cacheKey(`episodes:${dramaId}`),
        "episodes",
        (value) =>
          value === null
            ? policies.missing
            : expiringPolicy(
                policies.episodes,
                value.reduce<number | null>(
                  (min, e) => (e.expiresAt === null ? min : Math.min(min ?? Infinity, e.expiresAt)),
                  null,
                ),
              ),
        async () => {
          const answer = await transport.get(
            "episodes",
            `dramas/${encodeURIComponent(key)}/episodes`,
            withLang(),
            UpstreamEpisodeListSchema,
          );
          if (!answer.data) return null;
          const list = answer.data.items.map(toEpisode);
          for (const item of list)
            cache.set(cacheKey(`episode:${item.episode.id}`), item, expiringPolicy(policies.episode, item.expiresAt));
          return list;
        },
      );
      return (cached ?? []).map((item) => item.episode);
    }

    async function getEpisode(id: string): Promise<Episode | null> {
      const key = upstreamId(id);
      if (!key) return null;
      const cached = await cache.get<CachedEpisode | null>(
        cacheKey(`episode:${id}`),
        "episode",
        (value) => (value === null ? policies.missing : expiringPolicy(policies.episode, value.expiresAt)),
        async () => {
          const answer = await transport.get(
            "episode",
            `episodes/${encodeURIComponent(key)}`,
            withLang(),
            UpstreamEpisodeSchema,
          );
          return answer.data ? toEpisode(answer.data) : null;
        },
      );
      return cached?.episode ?? null;
    }

    /** The track filter as the API's `subtitles` and `descriptions` parameters (part of the cache key too). */
    function trackParams(params: URLSearchParams, tracks: TrackFilter): void {
      if (tracks.subtitles) params.set("subtitles", tracks.subtitles);
      if (tracks.descriptions) params.set("descriptions", tracks.descriptions);
    }

    function listParams(query: ListQuery): URLSearchParams {
      const params = new URLSearchParams();
      if (query.genre) params.set("genre", query.genre);
      if (query.vibe) params.set("vibe", query.vibe);
      if (query.year) params.set("year", String(query.year));
      if (query.status) params.set("status", query.status);
      trackParams(params, query);
      params.set("sort", query.sort ?? "latest");
      params.set("page", String(query.page ?? 1));
      if (query.pageSize) params.set("pageSize", String(query.pageSize));
      return params;
    }

    async function required<T>(answer: Answer<T>, endpoint: string): Promise<T> {
      if (answer.data === null) {
        throw new CatalogUnavailableError(`Catalog unavailable: ${endpoint} answered 404`, {
          reason: "status",
          status: 404,
        });
      }
      return answer.data;
    }

    return {
      name: "http",
      locale,
      inLocale: view,
      home: () =>
        cache.get<HomeFeed>(
          cacheKey("home"),
          "home",
          () => policies.home,
          async () => {
            const data = await required(await transport.get("home", "home", withLang(), UpstreamHomeSchema), "home");
            const featured = toDrama(data.featured);
            const rows = data.rows.map((row) => ({ ...row, dramas: row.dramas.map(toDrama) }));
            remember([featured, ...rows.flatMap((row) => row.dramas)]);
            return { featured, rows };
          },
        ),
      facets: () =>
        cache.get<Facets>(
          cacheKey("facets"),
          "facets",
          () => policies.facets,
          async () => required(await transport.get("facets", "facets", withLang(), UpstreamFacetsSchema), "facets"),
        ),
      list: (query) => {
        const params = listParams(query);
        return cache.get<Page<Drama>>(
          cacheKey(`list:${params}`),
          "list",
          () => policies.list,
          async () =>
            toPage(
              await required(await transport.get("list", "dramas", withLang(params), UpstreamDramaPageSchema), "list"),
            ),
        );
      },
      search: (q, page = 1, pageSize = 24, tracks = {}) => {
        const params = new URLSearchParams({
          q: q.trim().toLowerCase().slice(0, 200),
          page: String(page),
          pageSize: String(pageSize),
        });
        trackParams(params, tracks);
        return cache.get<Page<Drama>>(
          cacheKey(`search:${params}`),
          "search",
          () => policies.search,
          async () =>
            toPage(
              await required(
                await transport.get("search", "search", withLang(params), UpstreamDramaPageSchema),
                "search",
              ),
            ),
        );
      },
      getDrama,
      getDramas,
      getEpisodes,
      getEpisode,
      status: () => ({ provider: "http", ...transport.status(), cache: cache.stats() }),
      clearCache: () => cache.clear(),
      close: () => transport.close(),
    };
  }

  function view(locale: Locale): HttpCatalogProvider {
    let found = views.get(locale);
    if (!found) views.set(locale, (found = buildView(locale)));
    return found;
  }

  return view(CATALOG_DEFAULT_LANGUAGE);
}
