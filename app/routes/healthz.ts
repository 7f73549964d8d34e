/** Liveness: the process is up and answering. (Readiness checks come with the HTTP catalog work.) */
export async function loader() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
