/**
 * The HTTP catalog's transport: how one GET reaches the catalog API and what
 * comes back, knowing nothing of dramas or the cache (http.server.ts owns those).
 *
 * - undici with a connect timeout and a total time budget per call (default 2 s each);
 * - at most 2 retries of these idempotent GETs, with jittered exponential backoff,
 *   honouring 429/503 Retry-After when it fits in the call's time budget;
 * - a circuit breaker (cockatiel): after `breakerThreshold` consecutive failed calls it
 *   answers at once with CatalogUnavailableError("circuit-open"), and lets one
 *   probe through after `halfOpenAfterMs`;
 * - a response size bound, JSON parsing and the zod check of the payload against the
 *   schema the caller names (upstream-schemas.ts);
 * - per-endpoint call metrics and the circuit-state gauge.
 *
 * Failures surface as CatalogUnavailableError (with a `reason`); 404 as `{ status: 404, data: null }`.
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
import { CatalogUnavailableError, type UnavailableReason } from "./errors";

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface HttpTransportOptions {
  /** Base URL of the API, e.g. http://127.0.0.1:4000 (endpoints live under /v1). */
  baseUrl: string;
  apiKey?: string;
  /** TCP connect timeout per attempt. Default: timeoutMs. */
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
  logger?: Logger;
  now?: () => number;
}

/** A 200 with its validated payload, or a 404 ("does not exist"). */
export interface Answer<T> {
  status: 200 | 404;
  data: T | null;
}

export type CircuitStateName = "closed" | "open" | "half-open";

export interface HttpTransportStatus {
  baseUrl: string;
  circuit: CircuitStateName;
  lastSuccessAt: string | null;
  lastFailure: { at: string; reason: UnavailableReason; endpoint: string } | null;
}

export interface HttpTransport {
  /**
   * GET `v1/<path>` (with `params` as its query), validated with `schema`.
   * `endpoint` names the call in logs and metrics.
   */
  get<T>(endpoint: string, path: string, params: URLSearchParams | null, schema: z.ZodType<T>): Promise<Answer<T>>;
  status(): HttpTransportStatus;
  /** Ends idle upstream connections (tests, shutdown). */
  close(): Promise<void>;
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

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The transport of one catalog API. `circuitLabel` is the `provider` label of
 * the circuit-state gauge (the catalog's id namespace).
 */
export function createHttpTransport(options: HttpTransportOptions, circuitLabel: string): HttpTransport {
  const base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  const timeoutMs = options.timeoutMs ?? 2000;
  const connectTimeoutMs = options.connectTimeoutMs ?? timeoutMs;
  const budgetMs = options.budgetMs ?? timeoutMs;
  const retries = Math.min(Math.max(options.retries ?? 2, 0), 2);
  const backoffMs = options.backoffMs ?? 100;
  const maxBodyBytes = options.maxBodyBytes ?? 2 * 1024 * 1024;
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

  let lastSuccessAt: number | null = null;
  let lastFailure: HttpTransportStatus["lastFailure"] = null;

  const breaker: CircuitBreakerPolicy = circuitBreaker(
    handleWhen((error) => error instanceof CatalogUnavailableError),
    {
      halfOpenAfter: options.halfOpenAfterMs ?? 10_000,
      breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
    },
  );
  m.circuitState.set({ provider: circuitLabel }, 0);
  breaker.onStateChange((state) => {
    const name = circuitName(state);
    m.circuitState.set({ provider: circuitLabel }, name === "closed" ? 0 : name === "half-open" ? 1 : 2);
    const fields = { circuit: name, baseUrl: base.origin };
    if (name === "open") logger.warn("catalog: circuit opened, the upstream is not called for a while", fields);
    else if (name === "half-open") logger.info("catalog: circuit half-open, probing the upstream", fields);
    else logger.info("catalog: circuit closed, the upstream answers again", fields);
  });

  async function attempt<T>(
    endpoint: string,
    url: URL,
    schema: z.ZodType<T>,
    attemptTimeoutMs: number,
  ): Promise<Answer<T>> {
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
        throw new AttemptError(reason, message, true, undefined, undefined, {
          code: (error as { code?: string }).code,
        });
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
          throw new AttemptError(
            "rate-limited",
            "the catalog API asked us to slow down (429)",
            true,
            429,
            retryAfterMs,
          );
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
            throw new AttemptError(
              "too-large",
              `the catalog API answer is larger than ${maxBodyBytes} bytes`,
              false,
              200,
            );
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
        throw new AttemptError(
          "invalid-shape",
          "the catalog API answer has an unexpected shape",
          false,
          200,
          undefined,
          {
            issues,
          },
        );
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

  /** One logical call: retries inside the time budget, behind the circuit breaker. */
  async function get<T>(
    endpoint: string,
    path: string,
    params: URLSearchParams | null,
    schema: z.ZodType<T>,
  ): Promise<Answer<T>> {
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
              failure.reason === "invalid-shape" ||
              failure.reason === "malformed" ||
              failure.status === 401 ||
              failure.status === 403
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
        throw new CatalogUnavailableError("Catalog unavailable: the circuit is open", {
          reason: "circuit-open",
          cause: error,
        });
      }
      throw error;
    }
  }

  return {
    get,
    status: () => ({
      baseUrl: base.origin + base.pathname.replace(/\/$/, ""),
      circuit: circuitName(breaker.state),
      lastSuccessAt: lastSuccessAt === null ? null : new Date(lastSuccessAt).toISOString(),
      lastFailure,
    }),
    close: () => agent.close(),
  };
}
