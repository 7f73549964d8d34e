/**
 * Prometheus metrics (text format): requests per normalised route, catalog
 * calls, cache events, circuit state, audit shipping, process metrics. See app/utils/metrics.server.ts.
 * Public like /healthz: it holds counts and timings only; block it at your proxy if unwanted.
 */
import { shippingStatus } from "~/models/audit-shipping.server";
import { metrics } from "~/utils/metrics.server";

export async function loader() {
  const m = metrics();
  const { registry } = m;
  // The audit shipping gauges are read from the database at scrape time (shared by every instance).
  const shipping = await shippingStatus().catch(() => null);
  if (shipping) {
    m.auditShipBacklog.set(shipping.backlog);
    m.auditShipConfigured.set(shipping.configured ? 1 : 0);
    m.auditShipLastSuccess.set(shipping.lastShippedAt ? Date.parse(shipping.lastShippedAt) / 1000 : 0);
  }
  return new Response(await registry.metrics(), {
    headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" },
  });
}
