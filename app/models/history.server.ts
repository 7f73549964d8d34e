/** Watch history: an immutable log with one row per viewing. */
import { prisma, type PrismaClient } from "~/utils/db.server";

/** A reload or a second save within this window belongs to the same viewing. */
export const VIEWING_WINDOW_MS = 30 * 60 * 1000;

/** Attempts of a serializable transaction that lost a race (P2034) before giving up. */
const WRITE_CONFLICT_ATTEMPTS = 5;

function isWriteConflict(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2034";
}

/**
 * Records the start of a viewing, unless this user started one of the same
 * episode within the window. Returns true when a row was added.
 */
export async function recordViewing(
  userId: string,
  viewing: { episodeId: string; dramaId: string },
  now = new Date(),
): Promise<boolean> {
  // Check and insert in one serializable transaction, so two simultaneous first saves add one row.
  // SQLite runs write transactions one at a time; PostgreSQL lets both check, commits the first
  // insert and fails the other with a write conflict (P2034): run that one again, and it finds the row.
  const checkAndInsert = async (tx: Pick<PrismaClient, "watchHistory">): Promise<boolean> => {
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
  };
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await prisma.$transaction(checkAndInsert, { isolationLevel: "Serializable" });
    } catch (error) {
      if (attempt >= WRITE_CONFLICT_ATTEMPTS || !isWriteConflict(error)) throw error;
    }
  }
}

export interface HistoryPage {
  items: { id: string; episodeId: string; dramaId: string; watchedAt: Date }[];
  page: number;
  totalPages: number;
  total: number;
}

/** Newest first. */
export async function listHistory(userId: string, page: number, pageSize = 20, db: PrismaClient = prisma): Promise<HistoryPage> {
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
