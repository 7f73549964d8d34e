/**
 * Progress saves from the player (fetch or beacon), form-encoded:
 * episodeId, position, viewingStart, seq, quality. 204 when stored (or older than
 * what is stored), JSON { error } with a 4xx otherwise. The rules live in
 * app/models/progress-report.server.ts.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { translator, type MessageKey } from "~/i18n";
import { requestLocale } from "~/i18n/locale.server";
import { handleProgressReport } from "~/models/progress-report.server";
import { getUserId } from "~/utils/session.server";
import { readForm } from "~/utils/csrf.server";

/** JSON { error } in the request's language. */
async function problem(request: Request, status: number, key: MessageKey) {
  const locale = await requestLocale(request);
  return Response.json(
    { error: translator(locale)(key) },
    { status, headers: { "Cache-Control": "no-store", "Content-Language": locale } },
  );
}

export async function loader({ request }: LoaderFunctionArgs) {
  return problem(request, 405, "http.usePost");
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return problem(request, 405, "http.usePost");
  const userId = await getUserId(request);
  const form = await readForm(request);
  const outcome = await handleProgressReport(userId, Object.fromEntries(form));
  return outcome.status === 204 ? new Response(null, { status: 204 }) : problem(request, outcome.status, outcome.error);
}
