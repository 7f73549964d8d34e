/**
 * Prometheus metrics (text format): requests per normalised route, catalog
 * calls, cache events, circuit state, process metrics. See app/utils/metrics.server.ts.
 * Public like /healthz: it holds counts and timings only; block it at your proxy if unwanted.
 */
import { metrics } from "~/utils/metrics.server";

export async function loader() {
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" },
  });
}
