/** Liveness: the process is up and answering. Readiness (database, catalog) is /readyz. */
export async function loader() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
