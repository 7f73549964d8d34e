/**
 * Progress saves from the player (fetch or beacon), form-encoded:
 * episodeId, position, viewingStart, seq. 204 when stored (or older than
 * what is stored), JSON { error } with a 4xx otherwise. The rules live in
 * app/models/progress-report.server.ts.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { handleProgressReport } from "~/models/progress-report.server";
import { getUserId } from "~/utils/session.server";
import { readForm } from "~/utils/csrf.server";

function problem(status: number, message: string) {
  return Response.json({ error: message }, { status, headers: { "Cache-Control": "no-store" } });
}

export async function loader() {
  return problem(405, "Use POST.");
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return problem(405, "Use POST.");
  const userId = await getUserId(request);
  const form = await readForm(request);
  const outcome = await handleProgressReport(userId, Object.fromEntries(form));
  return outcome.status === 204 ? new Response(null, { status: 204 }) : problem(outcome.status, outcome.error);
}
