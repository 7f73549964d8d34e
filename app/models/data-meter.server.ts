/**
 * The data meter on /account: this calendar month's (UTC) estimated video data from the viewer's own progress
 * rows, priced with the catalog's bit rates. The rules are pure, in app/lib/data-meter.ts; this reads the rows
 * and the renditions (one catalog call per drama, as Continue Watching does: the catalog has no batch of
 * episodes by id, and a drama's list fills the provider's per-episode cache too).
 */
import { getCatalog, isCatalogUnavailable } from "~/catalog/index.server";
import type { StreamRendition } from "~/catalog/types";
import { meterTotal, monthStart, wasPlayed, type DataMeter } from "~/lib/data-meter";
import { prisma, type PrismaClient } from "~/utils/db.server";
import { log } from "~/utils/log.server";

/** The month's estimate, or "unavailable" when the catalog cannot give the bit rates right now. */
export type DataMeterResult = ({ state: "ok" } & DataMeter) | { state: "unavailable" };

export async function getDataMeter(
  userId: string,
  now = new Date(),
  db: PrismaClient = prisma,
): Promise<DataMeterResult> {
  const rows = await db.userProgress.findMany({
    where: { userId, updatedAt: { gte: monthStart(now) } },
    select: { episodeId: true, dramaId: true, currentTime: true, duration: true, completed: true, quality: true },
  });
  const played = rows.filter(wasPlayed);
  const dramaIds = [...new Set(played.map((row) => row.dramaId))];
  const catalog = getCatalog();
  let episodeLists;
  try {
    episodeLists = await Promise.all(dramaIds.map((dramaId) => catalog.getEpisodes(dramaId)));
  } catch (error) {
    // A sum without some dramas would undercount without saying so.
    if (!isCatalogUnavailable(error)) throw error;
    log.warn("catalog unavailable: no data meter", { reason: error.reason, status: error.status });
    return { state: "unavailable" };
  }
  const renditions = new Map<string, readonly StreamRendition[]>();
  for (const episode of episodeLists.flat()) renditions.set(episode.id, episode.streams.mp4);
  return { state: "ok", ...meterTotal(played, (episodeId) => renditions.get(episodeId)) };
}
