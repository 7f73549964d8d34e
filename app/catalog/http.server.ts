/**
 * The "http" provider: a catalog API that implements docs/catalog-api.md.
 *
 * - undici with a connect timeout and a total time budget per call (default 2 s each);
 * - at most 2 retries of these idempotent GETs, with jittered exponential backoff,
 *   honouring 429/503 Retry-After when it fits in the call's time budget;
 * - a circuit breaker (cockatiel): after `threshold` consecutive failed calls it
 *   answers at once with CatalogUnavailableError("circuit-open"), and lets one
 *   probe through after `halfOpenAfterMs`;
 * - a response size bound; every payload validated with zod (upstream-schemas.ts)
 *   and mapped onto our types, with ids namespaced as `<namespace>:<upstream id>`;
 * - the LRU + TTL cache (cache.server.ts): per-kind TTLs, stale-while-revalidate,
 *   stale-if-error, single-flight. Stream URLs are cached no longer than their `expiresAt`.
 *
 * Failures surface as CatalogUnavailableError; "does not exist" (404) as null.
 */
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  type CircuitBreakerPolicy,
} from "cockatiel";
import { Agent, errors as undiciErrors, request } from "undici";
import type { z } from "zod";
import { log as defaultLog } from "~/utils/log.server";
import { metrics } from "~/utils/metrics.server";
import { CatalogCache, type CacheEvent, type CachePolicy, type CacheStats } from "./cache.server";
import { CatalogUnavailableError, type UnavailableReason } from "./errors";
import type { CatalogProvider, Drama, Episode, Facets, HomeFeed, ListQuery, Page } from "./types";
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

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface HttpCatalogOptions {
  /** Base URL of the API, e.g. http://127.0.0.1:4000 (endpoints live under /v1). */
  baseUrl: string;
  apiKey?: string;
  /** Prefix of our ids: `<namespace>:<upstream id>`. Default "ext". */
  namespace?: string;
  /** TCP connect timeout per attempt. Default 2000. */
  connectTimeoutMs?: number;
  /** Total time of one attempt (headers and body). Default 2000. */
  timeoutMs?: number;
  /**
   * Total time of one call, retries and their waits included. Default: timeoutMs, so a page waits at most
   * that long for the catalog (a slow upstream gets one attempt; quick failures are retried within it).
   */
  budgetMs?: number;
  /** Retries after the first attempt (0–2). Default 2. */
  retries?: number;
  /** Base of the exponential backoff. Default 100. */
  backoffMs?: number;
  /** Largest accepted response body. Default 2 MiB. */
  maxBodyBytes?: number;
  /** Consecutive failed calls that open the circuit. Default 5. */
  breakerThreshold?: number;
  /** How long the circuit stays open before one probe. Default 10 s. */
  halfOpenAfterMs?: number;
  /** Per-kind cache policies (merged over the defaults). */
  cachePolicies?: Partial<Record<CacheKind, CachePolicy>>;
  cacheMax?: number;
  logger?: Logger;
  now?: () => number;
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

export type CircuitStateName = "closed" | "open" | "half-open";

export interface HttpCatalogStatus {
  provider: "http";
  baseUrl: string;
  circuit: CircuitStateName;
  lastSuccessAt: string | null;
  lastFailure: { at: string; reason: UnavailableReason; endpoint: string } | null;
  cache: CacheStats;
}

export interface HttpCatalogProvider extends CatalogProvider {
  readonly name: "http";
  status(): HttpCatalogStatus;
  clearCache(): void;
  /** Ends idle upstream connections (tests, shutdown). */
  close(): Promise<void>;
}

interface Answer<T> {
  status: 200 | 404;
  data: T | null;
}

/** An episode with the expiry of its stream URLs, as cached. */
interface CachedEpisode {
  episode: Episode;
  expiresAt: number | null;
}

class AttemptError extends Error {
  constructor(
    readonly reason: UnavailableReason,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

function circuitName(state: CircuitState): CircuitStateName {
  if (state === CircuitState.Open || state === CircuitState.Isolated) return "open";
  if (state === CircuitState.HalfOpen) return "half-open";
  return "closed";
}

/** Retry-After in ms: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  if (/^\d+$/.test(raw.trim())) return Number(raw.trim()) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function classify(error: unknown): { reason: UnavailableReason; message: string } {
  const code = (error as { code?: string } | null)?.code;
  if (
    error instanceof undiciErrors.ConnectTimeoutError ||
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    (error as Error | null)?.name === "TimeoutError" ||
    (error as Error | null)?.name === "AbortError"
  ) {
    return { reason: "timeout", message: "the catalog API did not answer in time" };
  }
  return { reason: "network", message: `the catalog API connection failed${code ? ` (${code})` : ""}` };
}

export function createHttpCatalog(options: HttpCatalogOptions): HttpCatalogProvider {
  const base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  const namespace = options.namespace ?? "ext";
  const prefix = `${namespace}:`;
  const timeoutMs = options.timeoutMs ?? 2000;
  const connectTimeoutMs = options.connectTimeoutMs ?? timeoutMs;
  const budgetMs = options.budgetMs ?? timeoutMs;
  const retries = Math.min(Math.max(options.retries ?? 2, 0), 2);
  const backoffMs = options.backoffMs ?? 100;
  const maxBodyBytes = options.maxBodyBytes ?? 2 * 1024 * 1024;
  const policies = { ...DEFAULT_CACHE_POLICIES, ...options.cachePolicies };
  const logger = options.logger ?? defaultLog;
  const now = options.now ?? Date.now;
  const m = metrics();

  const agent = new Agent({
    connect: { timeout: connectTimeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 10_000,
    connections: 64,
  });

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

  let lastSuccessAt: number | null = null;
  let lastFailure: HttpCatalogStatus["lastFailure"] = null;

  const breaker: CircuitBreakerPolicy = circuitBreaker(
    handleWhen((error) => error instanceof CatalogUnavailableError),
    {
      halfOpenAfter: options.halfOpenAfterMs ?? 10_000,
      breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
    },
  );
  m.circuitState.set({ provider: namespace }, 0);
  breaker.onStateChange((state) => {
    const name = circuitName(state);
    m.circuitState.set({ provider: namespace }, name === "closed" ? 0 : name === "half-open" ? 1 : 2);
    const fields = { circuit: name, baseUrl: base.origin };
    if (name === "open") logger.warn("catalog: circuit opened, the upstream is not called for a while", fields);
    else if (name === "half-open") logger.info("catalog: circuit half-open, probing the upstream", fields);
    else logger.info("catalog: circuit closed, the upstream answers again", fields);
  });

  function describe(error: unknown): Record<string, unknown> | undefined {
    if (!error) return undefined;
    if (error instanceof CatalogUnavailableError) return { reason: error.reason, status: error.status, message: error.message };
    return { message: error instanceof Error ? error.message : String(error) };
  }

  async function attempt<T>(endpoint: string, url: URL, schema: z.ZodType<T>, attemptTimeoutMs: number): Promise<Answer<T>> {
    const started = performance.now();
    let outcome = "ok";
    try {
      let response;
      try {
        response = await request(url, {
          method: "GET",
          dispatcher: agent,
          headers: {
            accept: "application/json",
            ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
          },
          signal: AbortSignal.timeout(attemptTimeoutMs),
          headersTimeout: attemptTimeoutMs,
          bodyTimeout: attemptTimeoutMs,
        });
      } catch (error) {
        const { reason, message } = classify(error);
        throw new AttemptError(reason, message, true, undefined, undefined, { code: (error as { code?: string }).code });
      }
      const { statusCode, headers, body } = response;
      if (statusCode === 404) {
        body.dump().catch(() => {});
        outcome = "not_found";
        return { status: 404, data: null };
      }
      if (statusCode !== 200) {
        body.dump().catch(() => {});
        const retryAfterMs = parseRetryAfter(headers["retry-after"], now());
        if (statusCode === 429) {
          throw new AttemptError("rate-limited", "the catalog API asked us to slow down (429)", true, 429, retryAfterMs);
        }
        const retryable = statusCode >= 500;
        throw new AttemptError("status", `the catalog API answered ${statusCode}`, retryable, statusCode, retryAfterMs);
      }
      const declared = Number(headers["content-length"]);
      if (Number.isFinite(declared) && declared > maxBodyBytes) {
        body.destroy();
        throw new AttemptError("too-large", `the catalog API answer is too large (${declared} bytes)`, false, 200);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of body) {
          size += (chunk as Buffer).length;
          if (size > maxBodyBytes) {
            body.destroy();
            throw new AttemptError("too-large", `the catalog API answer is larger than ${maxBodyBytes} bytes`, false, 200);
          }
          chunks.push(chunk as Buffer);
        }
      } catch (error) {
        if (error instanceof AttemptError) throw error;
        const { reason, message } = classify(error);
        throw new AttemptError(reason, `${message} while sending the body`, true, 200);
      }
      let json: unknown;
      try {
        json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        throw new AttemptError("malformed", "the catalog API answered with malformed JSON", false, 200);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issues = parsed.error.issues
          .slice(0, 5)
          .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
        throw new AttemptError("invalid-shape", "the catalog API answer has an unexpected shape", false, 200, undefined, {
          issues,
        });
      }
      return { status: 200, data: parsed.data };
    } catch (error) {
      outcome = error instanceof AttemptError ? error.reason : "network";
      throw error;
    } finally {
      m.catalogCalls.inc({ endpoint, outcome });
      m.catalogDuration.observe({ endpoint }, (performance.now() - started) / 1000);
    }
  }

  function sleep(ms: number) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** One logical call: retries inside the time budget, behind the circuit breaker. */
  async function call<T>(endpoint: string, path: string, params: URLSearchParams | null, schema: z.ZodType<T>): Promise<Answer<T>> {
    const url = new URL(`v1/${path}`, base);
    if (params) url.search = params.toString();
    try {
      return await breaker.execute(async () => {
        const started = now();
        for (let n = 0; ; n++) {
          const left = budgetMs - (now() - started);
          try {
            const answer = await attempt(endpoint, url, schema, Math.max(1, Math.min(timeoutMs, left)));
            lastSuccessAt = now();
            return answer;
          } catch (error) {
            const failure = error as AttemptError;
            const fields = {
              endpoint,
              path: url.pathname,
              attempt: n + 1,
              reason: failure.reason,
              status: failure.status,
              ...failure.details,
            };
            const jitter = backoffMs * 2 ** n * (0.5 + Math.random());
            const wait = Math.max(jitter, failure.retryAfterMs ?? 0);
            const elapsed = now() - started;
            const canRetry = failure.retryable && n < retries && elapsed + wait + 50 < budgetMs;
            if (canRetry) {
              logger.debug("catalog: upstream attempt failed, retrying", { ...fields, waitMs: Math.round(wait) });
              await sleep(wait);
              continue;
            }
            const level =
              failure.reason === "invalid-shape" || failure.reason === "malformed" || failure.status === 401 || failure.status === 403
                ? "error"
                : "warn";
            logger[level]("catalog: upstream call failed", fields);
            lastFailure = { at: new Date(now()).toISOString(), reason: failure.reason, endpoint };
            throw new CatalogUnavailableError(`Catalog unavailable: ${failure.message}`, {
              reason: failure.reason,
              status: failure.status,
              cause: error,
            });
          }
        }
      });
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        m.catalogCalls.inc({ endpoint, outcome: "circuit_open" });
        throw new CatalogUnavailableError("Catalog unavailable: the circuit is open", { reason: "circuit-open", cause: error });
      }
      throw error;
    }
  }

  // ---- mapping (upstream shapes -> ours; ids namespaced) ----
  const ours = (id: string) => `${prefix}${id}`;
  const upstreamId = (id: string): string | null =>
    id.startsWith(prefix) && id.length > prefix.length ? id.slice(prefix.length) : null;

  function toDrama(d: UpstreamDrama): Drama {
    return { ...d, id: ours(d.id) };
  }
  function toEpisode(e: UpstreamEpisode): CachedEpisode {
    const { expiresAt, ...rest } = e;
    return {
      episode: { ...rest, id: ours(e.id), dramaId: ours(e.dramaId) },
      expiresAt: expiresAt ? Date.parse(expiresAt) : null,
    };
  }
  function remember(dramas: Drama[]) {
    for (const drama of dramas) cache.set(`drama:${drama.id}`, drama, policies.drama);
  }
  function toPage(page: z.infer<typeof UpstreamDramaPageSchema>): Page<Drama> {
    const items = page.items.map(toDrama);
    remember(items);
    return { ...page, items };
  }

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

  async function getDrama(id: string): Promise<Drama | null> {
    const key = upstreamId(id);
    if (!key) return null;
    return cache.get<Drama | null>(`drama:${id}`, "drama", nullable(policies.drama), async () => {
      const answer = await call("drama", `dramas/${encodeURIComponent(key)}`, null, UpstreamDramaSchema);
      return answer.data ? toDrama(answer.data) : null;
    });
  }

  async function getDramas(ids: string[]): Promise<Map<string, Drama>> {
    const found = new Map<string, Drama>();
    const wanted = [...new Set(ids)].filter((id) => upstreamId(id) !== null);
    const toFetch: string[] = [];
    for (const id of wanted) {
      if (cache.isFresh(`drama:${id}`)) {
        const drama = await cache.get<Drama | null>(`drama:${id}`, "drama", nullable(policies.drama), async () => null);
        if (drama) found.set(id, drama);
      } else {
        toFetch.push(id);
      }
    }
    for (let i = 0; i < toFetch.length; i += 50) {
      const chunk = toFetch.slice(i, i + 50);
      try {
        const params = new URLSearchParams({ ids: chunk.map((id) => upstreamId(id) as string).join(",") });
        const answer = await call("dramas_batch", "dramas", params, UpstreamDramaBatchSchema);
        const got = new Map((answer.data?.items ?? []).map((d) => [ours(d.id), toDrama(d)] as const));
        for (const id of chunk) {
          const drama = got.get(id);
          if (drama) {
            found.set(id, drama);
            cache.set(`drama:${id}`, drama, policies.drama);
          } else {
            cache.set(`drama:${id}`, null, policies.missing);
          }
        }
        m.cacheEvents.inc({ kind: "drama", event: "miss" }, chunk.length);
      } catch (error) {
        if (!(error instanceof CatalogUnavailableError)) throw error;
        let unresolved = false;
        for (const id of toFetch.slice(i)) {
          const old = cache.peek<Drama | null>(`drama:${id}`);
          if (old === undefined) unresolved = true;
          else if (old) found.set(id, old);
        }
        m.cacheEvents.inc({ kind: "drama", event: "stale-if-error" });
        if (unresolved) {
          throw new CatalogUnavailableError(error.message, { reason: error.reason, status: error.status, partial: found, cause: error });
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
      `episodes:${dramaId}`,
      "episodes",
      (value) =>
        value === null
          ? policies.missing
          : expiringPolicy(
              policies.episodes,
              value.reduce<number | null>((min, e) => (e.expiresAt === null ? min : Math.min(min ?? Infinity, e.expiresAt)), null),
            ),
      async () => {
        const answer = await call("episodes", `dramas/${encodeURIComponent(key)}/episodes`, null, UpstreamEpisodeListSchema);
        if (!answer.data) return null;
        const list = answer.data.items.map(toEpisode);
        for (const item of list) cache.set(`episode:${item.episode.id}`, item, expiringPolicy(policies.episode, item.expiresAt));
        return list;
      },
    );
    return (cached ?? []).map((item) => item.episode);
  }

  async function getEpisode(id: string): Promise<Episode | null> {
    const key = upstreamId(id);
    if (!key) return null;
    const cached = await cache.get<CachedEpisode | null>(
      `episode:${id}`,
      "episode",
      (value) => (value === null ? policies.missing : expiringPolicy(policies.episode, value.expiresAt)),
      async () => {
        const answer = await call("episode", `episodes/${encodeURIComponent(key)}`, null, UpstreamEpisodeSchema);
        return answer.data ? toEpisode(answer.data) : null;
      },
    );
    return cached?.episode ?? null;
  }

  function listParams(query: ListQuery): URLSearchParams {
    const params = new URLSearchParams();
    if (query.genre) params.set("genre", query.genre);
    if (query.vibe) params.set("vibe", query.vibe);
    if (query.year) params.set("year", String(query.year));
    if (query.status) params.set("status", query.status);
    params.set("sort", query.sort ?? "latest");
    params.set("page", String(query.page ?? 1));
    if (query.pageSize) params.set("pageSize", String(query.pageSize));
    return params;
  }

  async function required<T>(answer: Answer<T>, endpoint: string): Promise<T> {
    if (answer.data === null) {
      throw new CatalogUnavailableError(`Catalog unavailable: ${endpoint} answered 404`, { reason: "status", status: 404 });
    }
    return answer.data;
  }

  return {
    name: "http",
    home: () =>
      cache.get<HomeFeed>("home", "home", () => policies.home, async () => {
        const data = await required(await call("home", "home", null, UpstreamHomeSchema), "home");
        const featured = toDrama(data.featured);
        const rows = data.rows.map((row) => ({ ...row, dramas: row.dramas.map(toDrama) }));
        remember([featured, ...rows.flatMap((row) => row.dramas)]);
        return { featured, rows };
      }),
    facets: () =>
      cache.get<Facets>("facets", "facets", () => policies.facets, async () =>
        required(await call("facets", "facets", null, UpstreamFacetsSchema), "facets"),
      ),
    list: (query) => {
      const params = listParams(query);
      return cache.get<Page<Drama>>(`list:${params}`, "list", () => policies.list, async () =>
        toPage(await required(await call("list", "dramas", params, UpstreamDramaPageSchema), "list")),
      );
    },
    search: (q, page = 1, pageSize = 24) => {
      const params = new URLSearchParams({ q: q.trim().toLowerCase().slice(0, 200), page: String(page), pageSize: String(pageSize) });
      return cache.get<Page<Drama>>(`search:${params}`, "search", () => policies.search, async () =>
        toPage(await required(await call("search", "search", params, UpstreamDramaPageSchema), "search")),
      );
    },
    getDrama,
    getDramas,
    getEpisodes,
    getEpisode,
    status: () => ({
      provider: "http",
      baseUrl: base.origin + base.pathname.replace(/\/$/, ""),
      circuit: circuitName(breaker.state),
      lastSuccessAt: lastSuccessAt === null ? null : new Date(lastSuccessAt).toISOString(),
      lastFailure,
      cache: cache.stats(),
    }),
    clearCache: () => cache.clear(),
    close: () => agent.close(),
  };
}
