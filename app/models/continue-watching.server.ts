/**
 * The home page's Continue Watching row: per drama, the episode in progress,
 * or the next one after a completed episode; finished series drop out.
 */
import { getCatalog } from "~/catalog/index.server";
import type { Drama, Locale } from "~/catalog/types";
import { nextUp } from "~/lib/progress-rules";
import { getRecentProgress, type StoredProgress } from "~/models/progress.server";
import { prisma, type PrismaClient } from "~/utils/db.server";

export const CONTINUE_WATCHING_LIMIT = 12;

export type ContinueItem =
  | { kind: "resume"; drama: Drama; episodeId: string; number: number; percent: number; secondsLeft: number }
  | { kind: "next"; drama: Drama; episodeId: string; number: number };

/** The row's dramas come in `locale` (the page's language). */
export async function getContinueWatching(
  userId: string,
  locale: Locale,
  db: PrismaClient = prisma,
): Promise<ContinueItem[]> {
  const rows = await getRecentProgress(userId, 300, db);
  // Rows come newest first, so a drama's first row is its latest; a drama
  // whose latest row is hidden stays out until the viewer plays it again.
  const byDrama = new Map<string, StoredProgress[]>();
  const hidden = new Set<string>();
  for (const row of rows) {
    const list = byDrama.get(row.dramaId);
    if (list) list.push(row);
    else if (hidden.has(row.dramaId)) continue;
    else if (row.hiddenAt) hidden.add(row.dramaId);
    else if (byDrama.size < CONTINUE_WATCHING_LIMIT * 2) byDrama.set(row.dramaId, [row]);
  }
  const catalog = getCatalog(locale);
  const dramaIds = [...byDrama.keys()];
  const [dramas, episodeLists] = await Promise.all([
    catalog.getDramas(dramaIds),
    Promise.all(dramaIds.map((id) => catalog.getEpisodes(id))),
  ]);
  const items: ContinueItem[] = [];
  dramaIds.forEach((dramaId, index) => {
    const drama = dramas.get(dramaId);
    const dramaRows = byDrama.get(dramaId) ?? [];
    const next = drama ? nextUp(dramaRows, episodeLists[index]) : null;
    if (!drama || !next || next.kind === "finished" || items.length >= CONTINUE_WATCHING_LIMIT) return;
    if (next.kind === "resume") {
      const row = dramaRows.find((r) => r.episodeId === next.episodeId);
      const duration = Math.max(1, row?.duration ?? 1);
      const position = row?.currentTime ?? 0;
      items.push({
        kind: "resume",
        drama,
        episodeId: next.episodeId,
        number: next.number,
        percent: Math.round((position / duration) * 100),
        secondsLeft: Math.max(0, duration - position),
      });
    } else {
      items.push({ kind: "next", drama, episodeId: next.episodeId, number: next.number });
    }
  });
  return items;
}
