/** Per-episode watch progress. Every query is scoped by the acting userId. */
import crypto from "node:crypto";
import { isCompleted, type ProgressRow } from "~/lib/progress-rules";
import { prisma, type PrismaClient } from "~/utils/db.server";

const PROGRESS_SELECT = {
  episodeId: true,
  dramaId: true,
  currentTime: true,
  duration: true,
  completed: true,
  updatedAt: true,
  hiddenAt: true,
} as const;

export type StoredProgress = ProgressRow & { hiddenAt: Date | null };

export interface ProgressSave {
  episodeId: string;
  dramaId: string;
  /** Seconds, already validated against the catalog duration. */
  position: number;
  duration: number;
  /** Orders saves: a save with a lower seq than the stored one is ignored. */
  seq: number;
}

/**
 * One statement, no read-modify-write: insert, or update only when this save
 * is not older than the stored one. Safe under concurrency (the database
 * serialises the conflict check) and with beacons arriving out of order.
 * A save also brings a hidden drama back into Continue Watching.
 * Returns false when the save was older than what is stored.
 */
export async function saveProgress(userId: string, save: ProgressSave, now = new Date()): Promise<boolean> {
  const currentTime = Math.floor(save.position);
  const duration = Math.round(save.duration);
  const completed = isCompleted(save.position, save.duration);
  const changed = await prisma.$executeRaw`
    INSERT INTO "UserProgress"
      ("id", "userId", "episodeId", "dramaId", "currentTime", "duration", "completed", "clientSeq", "hiddenAt", "createdAt", "updatedAt")
    VALUES
      (${crypto.randomUUID()}, ${userId}, ${save.episodeId}, ${save.dramaId}, ${currentTime}, ${duration}, ${completed}, ${save.seq}, NULL, ${now}, ${now})
    ON CONFLICT ("userId", "episodeId") DO UPDATE SET
      "dramaId" = excluded."dramaId",
      "currentTime" = excluded."currentTime",
      "duration" = excluded."duration",
      "completed" = excluded."completed",
      "clientSeq" = excluded."clientSeq",
      "hiddenAt" = NULL,
      "updatedAt" = excluded."updatedAt"
    WHERE excluded."clientSeq" >= "UserProgress"."clientSeq"`;
  return changed > 0;
}

/** "Mark as unwatched": forgets the episode's progress. */
export async function clearProgress(userId: string, episodeId: string): Promise<void> {
  await prisma.userProgress.deleteMany({ where: { userId, episodeId } });
}

/** "Remove from Continue Watching": hides the drama until the viewer next plays it. */
export async function hideDramaProgress(userId: string, dramaId: string, now = new Date()): Promise<void> {
  await prisma.userProgress.updateMany({ where: { userId, dramaId, hiddenAt: null }, data: { hiddenAt: now } });
}

export async function getEpisodeProgress(userId: string, episodeId: string): Promise<StoredProgress | null> {
  return prisma.userProgress.findUnique({
    where: { userId_episodeId: { userId, episodeId } },
    select: PROGRESS_SELECT,
  });
}

export async function getDramaProgress(userId: string, dramaId: string): Promise<StoredProgress[]> {
  return prisma.userProgress.findMany({ where: { userId, dramaId }, select: PROGRESS_SELECT });
}

/** Progress rows of the dramas watched most recently, newest first. */
export async function getRecentProgress(
  userId: string,
  take = 300,
  db: PrismaClient = prisma,
): Promise<StoredProgress[]> {
  return db.userProgress.findMany({
    where: { userId },
    orderBy: { updatedAt: "desc" },
    take,
    select: PROGRESS_SELECT,
  });
}
