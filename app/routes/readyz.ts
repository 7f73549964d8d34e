/**
 * Readiness as JSON: the database answers, and the catalog provider's state
 * (circuit closed / open / half-open, last successful upstream call).
 * 503 only when the database is unreachable: an open catalog circuit is
 * reported but does not take the instance out of rotation, since pages
 * still render from the cache and user pages work without the catalog
 * (docs/decisions/006-http-catalog-resilience.md).
 * Also 503 while the process drains for a graceful shutdown (docs/deploy.md),
 * so a load balancer stops sending it new requests.
 * The audit trail's shipping to syslog (off, ok, or behind with its backlog)
 * is reported without affecting readiness: the site works while it catches up.
 */
import { catalogStatus } from "~/catalog/index.server";
import { shippingConfigured, shippingHealth, shippingStatus } from "~/models/audit-shipping.server";
import { prisma } from "~/utils/db.server";
import { isDraining } from "~/utils/lifecycle.server";
import { log } from "~/utils/log.server";

export async function loader() {
  let database: { status: "ok" | "error"; ms: number };
  const started = performance.now();
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
    database = { status: "ok", ms: Math.round(performance.now() - started) };
  } catch (error) {
    log.error("readyz: database unreachable", { error });
    database = { status: "error", ms: Math.round(performance.now() - started) };
  }
  const catalog = catalogStatus();
  const unknown = {
    status: shippingConfigured() ? ("behind" as const) : ("off" as const),
    backlog: null,
    lastError: "status unavailable: the database did not answer",
  };
  const auditShipping =
    database.status === "ok"
      ? await shippingStatus().then(
          (status) => ({ status: shippingHealth(status), backlog: status.backlog, lastError: status.lastError }),
          () => unknown,
        )
      : unknown;
  const draining = isDraining();
  const ready = database.status === "ok" && !draining;
  return Response.json(
    {
      status: draining ? "draining" : ready ? "ok" : "unavailable",
      database,
      catalog: {
        provider: catalog.provider,
        status: catalog.circuit === "closed" ? "ok" : "degraded",
        circuit: catalog.circuit,
        lastSuccessAt: catalog.lastSuccessAt,
        lastFailure: catalog.lastFailure,
      },
      auditShipping,
    },
    { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
