/**
 * Progress saves from the player (fetch or beacon). The catalog is the
 * authority: the episode must exist, its drama comes from the catalog, and
 * the position must lie within the episode.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getCatalog } from "~/catalog/index.server";
import { DURATION_TOLERANCE_SECONDS } from "~/lib/progress-rules";
import { recordViewing } from "~/models/history.server";
import { saveProgress } from "~/models/progress.server";
import { parseForm } from "~/utils/forms";
import { getUserId } from "~/utils/session.server";

const ProgressFormSchema = z.object({
  episodeId: z.string().min(1).max(200),
  position: z.string().trim().min(1).pipe(z.coerce.number<string>().finite().min(0)),
  duration: z.coerce.number().finite().positive().optional(),
  viewingStart: z.enum(["0", "1"]).default("0"),
  /** The client's report time in ms; orders saves that arrive out of order. */
  seq: z.coerce.number().finite().min(0).optional(),
});

/** How far ahead of the server's clock a client's seq may run (skewed clocks). */
const MAX_SEQ_AHEAD_MS = 60_000;

function problem(status: number, message: string) {
  return Response.json({ error: message }, { status, headers: { "Cache-Control": "no-store" } });
}

export async function loader() {
  return problem(405, "Use POST.");
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return problem(405, "Use POST.");
  const userId = await getUserId(request);
  if (!userId) return problem(401, "Sign in to save progress.");

  const parsed = parseForm(ProgressFormSchema, await request.formData());
  if (!parsed.ok) return problem(400, "Invalid progress: episodeId and a numeric position are required.");
  const { episodeId, position, viewingStart, seq } = parsed.data;

  const episode = await getCatalog().getEpisode(episodeId);
  if (!episode) return problem(404, "Unknown episode.");
  if (position > episode.duration + DURATION_TOLERANCE_SECONDS) {
    return problem(422, "Position is past the end of the episode.");
  }

  const now = Date.now();
  const save = {
    episodeId,
    dramaId: episode.dramaId,
    position: Math.min(position, episode.duration),
    duration: episode.duration,
    seq: Math.min(seq ?? now, now + MAX_SEQ_AHEAD_MS),
  };
  await saveProgress(userId, save);
  if (viewingStart === "1") await recordViewing(userId, { episodeId, dramaId: episode.dramaId });
  return new Response(null, { status: 204 });
}
