/**
 * A progress report from the player, validated and stored. One home for the
 * rules of the save endpoint, called by the route action
 * (app/routes/resources.progress.tsx) and by the HTTP server's fast path for
 * the same URL (server/index.ts; docs/decisions/005-progress-fast-path.md).
 * The catalog is the authority: the episode must exist, its drama and
 * duration come from the catalog, the position must lie within it, and a
 * quality it does not list is stored as "auto".
 */
import { z } from "zod";
import { getCatalog, isCatalogUnavailable } from "~/catalog/index.server";
import { QUALITY_MAX_LENGTH, storedQuality } from "~/lib/data-meter";
import { DURATION_TOLERANCE_SECONDS } from "~/lib/progress-rules";
import { recordViewing } from "~/models/history.server";
import { saveProgress } from "~/models/progress.server";
import type { MessageKey } from "~/i18n";
import { parseFields } from "~/utils/forms";

export const ProgressReportSchema = z.object({
  episodeId: z.string().min(1).max(200),
  position: z.string().trim().min(1).pipe(z.coerce.number<string>().finite().min(0)),
  duration: z.coerce.number().finite().positive().optional(),
  viewingStart: z.enum(["0", "1"]).default("0"),
  /** The client's report time in ms; orders saves that arrive out of order. */
  seq: z.coerce.number().finite().min(0).optional(),
  /** The rendition playing ("360p"), or "auto" when the player cannot tell; stored for the data meter. */
  quality: z.string().trim().min(1).max(QUALITY_MAX_LENGTH).optional(),
});

/** How far ahead of the server's clock a client's seq may run (skewed clocks). */
export const MAX_SEQ_AHEAD_MS = 60_000;

/** A refusal carries a message key: each caller answers in its request's language. */
export type ReportOutcome = { status: 204 } | { status: 400 | 401 | 404 | 422 | 503; error: MessageKey };

export async function handleProgressReport(
  userId: string | null,
  fields: Record<string, unknown>,
): Promise<ReportOutcome> {
  if (!userId) return { status: 401, error: "progress.signIn" };
  const parsed = parseFields(ProgressReportSchema, fields);
  if (!parsed.ok) return { status: 400, error: "progress.invalid" };
  const { episodeId, position, viewingStart, seq, quality } = parsed.data;

  let episode;
  try {
    episode = await getCatalog().getEpisode(episodeId);
  } catch (error) {
    // The client keeps the save and retries later.
    if (isCatalogUnavailable(error)) return { status: 503, error: "progress.catalogUnavailable" };
    throw error;
  }
  if (!episode) return { status: 404, error: "progress.unknownEpisode" };
  if (position > episode.duration + DURATION_TOLERANCE_SECONDS) {
    return { status: 422, error: "progress.pastEnd" };
  }

  const now = Date.now();
  await saveProgress(userId, {
    episodeId,
    dramaId: episode.dramaId,
    position: Math.min(position, episode.duration),
    duration: episode.duration,
    seq: Math.min(seq ?? now, now + MAX_SEQ_AHEAD_MS),
    quality: storedQuality(quality, episode.streams.mp4),
  });
  if (viewingStart === "1") await recordViewing(userId, { episodeId, dramaId: episode.dramaId });
  return { status: 204 };
}
