/** Watch history: an immutable log with one row per viewing. */
import { prisma, transaction, type PrismaClient } from "~/utils/db.server";

/** A reload or a second save within this window belongs to the same viewing. */
export const VIEWING_WINDOW_MS = 30 * 60 * 1000;

/**
 * Records the start of a viewing, unless this user started one of the same
 * episode within the window. Returns true when a row was added.
 */
export async function recordViewing(
  userId: string,
  viewing: { episodeId: string; dramaId: string },
  now = new Date(),
): Promise<boolean> {
  // Check and insert in one serializable transaction, so two simultaneous first saves add one row
  // (on PostgreSQL the loser is run again and finds the winner's row).
  return transaction(async (tx) => {
    const recent = await tx.watchHistory.findFirst({
      where: { userId, episodeId: viewing.episodeId, watchedAt: { gt: new Date(now.getTime() - VIEWING_WINDOW_MS) } },
      select: { id: true },
    });
    if (recent) return false;
    await tx.watchHistory.create({
      data: { userId, episodeId: viewing.episodeId, dramaId: viewing.dramaId, watchedAt: now },
      select: { id: true },
    });
    return true;
  });
}

export interface HistoryPage {
  items: { id: string; episodeId: string; dramaId: string; watchedAt: Date }[];
  page: number;
  totalPages: number;
  total: number;
}

/** Newest first. */
export async function listHistory(
  userId: string,
  page: number,
  pageSize = 20,
  db: PrismaClient = prisma,
): Promise<HistoryPage> {
  const [total, items] = await Promise.all([
    db.watchHistory.count({ where: { userId } }),
    db.watchHistory.findMany({
      where: { userId },
      orderBy: [{ watchedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, episodeId: true, dramaId: true, watchedAt: true },
    }),
  ]);
  return { items, page, total, totalPages: Math.max(1, Math.ceil(total / pageSize)) };
}

/** Deletes this user's viewings of one drama (offered when the catalog no longer has it). Returns the rows removed. */
export async function removeDramaFromHistory(userId: string, dramaId: string): Promise<number> {
  const { count } = await prisma.watchHistory.deleteMany({ where: { userId, dramaId } });
  return count;
}
