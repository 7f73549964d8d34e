/**
 * Prometheus metrics (prom-client), served at /metrics.
 *
 * Requests are recorded by the HTTP server's first handler
 * (app/utils/http-hooks.server.ts), catalog calls by the catalog provider.
 * Labels are bounded: routes are normalised (normaliseRoute), never raw URLs.
 */
import client from "prom-client";

function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new client.Counter({
      name: "dracin_http_requests_total",
      help: "HTTP requests by method, normalised route and status code.",
      labelNames: ["method", "route", "status"] as const,
      registers: [registry],
    }),
    httpDuration: new client.Histogram({
      name: "dracin_http_request_duration_seconds",
      help: "HTTP request latency by method and normalised route.",
      labelNames: ["method", "route"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    catalogCalls: new client.Counter({
      name: "dracin_catalog_upstream_requests_total",
      help: "Catalog API requests (attempts) by endpoint and outcome (ok, not_found, or the failure reason).",
      labelNames: ["endpoint", "outcome"] as const,
      registers: [registry],
    }),
    catalogDuration: new client.Histogram({
      name: "dracin_catalog_upstream_duration_seconds",
      help: "Catalog API request latency (one attempt) by endpoint.",
      labelNames: ["endpoint"] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers: [registry],
    }),
    cacheEvents: new client.Counter({
      name: "dracin_catalog_cache_events_total",
      help: "Catalog cache lookups by kind and event (hit, miss, stale, stale-if-error, refresh-failed).",
      labelNames: ["kind", "event"] as const,
      registers: [registry],
    }),
    circuitState: new client.Gauge({
      name: "dracin_catalog_circuit_state",
      help: "Catalog circuit breaker state: 0 closed, 1 half-open, 2 open.",
      labelNames: ["provider"] as const,
      registers: [registry],
    }),
    auditShipBacklog: new client.Gauge({
      name: "dracin_audit_ship_backlog",
      help: "Sealed audit rows not yet delivered to the syslog receiver (the chain head's seq minus the shipped seq).",
      registers: [registry],
    }),
    auditShipLastSuccess: new client.Gauge({
      name: "dracin_audit_ship_last_success_timestamp_seconds",
      help: "When audit rows were last delivered to the syslog receiver (Unix time; 0: never).",
      registers: [registry],
    }),
    auditShipConfigured: new client.Gauge({
      name: "dracin_audit_ship_configured",
      help: "1 when AUDIT_SYSLOG_URL is set, else 0.",
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof create>;

let instance: Metrics | undefined;

/** The process's metrics, made on first use. */
export function metrics(): Metrics {
  instance ??= create();
  return instance;
}

const FIXED = new Set([
  "/",
  "/browse",
  "/search",
  "/my-list",
  "/history",
  "/account",
  "/login",
  "/logout",
  "/register",
  "/healthz",
  "/readyz",
  "/metrics",
  "/admin/catalog",
  "/admin/audit",
]);

/** A bounded route label for a request path: "/drama/:dramaId", "/resources/favorites", "other". */
export function normaliseRoute(path: string): string {
  const clean = path.length > 1 ? path.replace(/\/+$/, "") : path;
  if (FIXED.has(clean)) return clean;
  if (/^\/drama\/[^/]+$/.test(clean)) return "/drama/:dramaId";
  if (/^\/watch\/[^/]+$/.test(clean)) return "/watch/:episodeId";
  if (/^\/resources\/[a-z-]+$/.test(clean)) return clean;
  const top = /^\/(build|assets|media|posters|vendor)\//.exec(clean);
  if (top) return `/${top[1]}/*`;
  return "other";
}
