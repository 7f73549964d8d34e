/**
 * Per-episode watch progress. Every query is scoped by the acting userId. The
 * save and the reads signed-in pages make are hot statements on the primary
 * (app/utils/hot-statements.server.ts); a replica reads through Prisma.
 */
import crypto from "node:crypto";
import { isCompleted, type ProgressRow } from "~/lib/progress-rules";
import { prisma, type PrismaClient } from "~/utils/db.server";
import {
  booleanOf,
  dateOf,
  dateOrNull,
  defineHotStatement,
  hotRow,
  hotRows,
  hotRun,
  type Dialect,
  type SqlBoolean,
  type SqlMs,
} from "~/utils/hot-statements.server";

/** The columns of a stored progress row (Prisma's select; the hot statements read the same). */
export const PROGRESS_SELECT = {
  episodeId: true,
  dramaId: true,
  currentTime: true,
  duration: true,
  completed: true,
  updatedAt: true,
  hiddenAt: true,
} as const;

export type StoredProgress = ProgressRow & { hiddenAt: Date | null };

/** PROGRESS_SELECT as a hot statement's columns, timestamps in epoch milliseconds. */
interface ProgressHotRow {
  episodeId: string;
  dramaId: string;
  currentTime: number;
  duration: number;
  completed: SqlBoolean;
  updatedMs: number;
  hiddenMs: SqlMs;
}

const progressColumns = ({ ms }: Dialect) =>
  `"episodeId", "dramaId", "currentTime", "duration", "completed", ${ms('"updatedAt"')} AS "updatedMs", ${ms('"hiddenAt"')} AS "hiddenMs"`;

function storedProgress(row: ProgressHotRow): StoredProgress {
  return {
    episodeId: row.episodeId,
    dramaId: row.dramaId,
    currentTime: row.currentTime,
    duration: row.duration,
    completed: booleanOf(row.completed),
    updatedAt: dateOf(row.updatedMs),
    hiddenAt: dateOrNull(row.hiddenMs),
  };
}

const EPISODE_PROGRESS = defineHotStatement(
  "progress-episode",
  (dialect) =>
    `SELECT ${progressColumns(dialect)} FROM "UserProgress" WHERE "userId" = $1 AND "episodeId" = $2 LIMIT 1`,
);

const DRAMA_PROGRESS = defineHotStatement(
  "progress-drama",
  (dialect) => `SELECT ${progressColumns(dialect)} FROM "UserProgress" WHERE "userId" = $1 AND "dramaId" = $2`,
);

const RECENT_PROGRESS = defineHotStatement(
  "progress-recent",
  (dialect) =>
    `SELECT ${progressColumns(dialect)} FROM "UserProgress" WHERE "userId" = $1 ORDER BY "updatedAt" DESC LIMIT $2`,
);

// Timestamps and booleans are bound as each engine stores them (hotRun converts them as Prisma's adapters do).
const SAVE_PROGRESS = defineHotStatement(
  "progress-save",
  () => `INSERT INTO "UserProgress"
      ("id", "userId", "episodeId", "dramaId", "currentTime", "duration", "completed", "clientSeq", "hiddenAt", "quality", "createdAt", "updatedAt")
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $10, $9, $9)
    ON CONFLICT ("userId", "episodeId") DO UPDATE SET
      "dramaId" = excluded."dramaId",
      "currentTime" = excluded."currentTime",
      "duration" = excluded."duration",
      "completed" = excluded."completed",
      "clientSeq" = excluded."clientSeq",
      "hiddenAt" = NULL,
      "quality" = COALESCE(excluded."quality", "UserProgress"."quality"),
      "updatedAt" = excluded."updatedAt"
    WHERE excluded."clientSeq" >= "UserProgress"."clientSeq"`,
);

export interface ProgressSave {
  episodeId: string;
  dramaId: string;
  /** Seconds, already validated against the catalog duration. */
  position: number;
  duration: number;
  /** Orders saves: a save with a lower seq than the stored one is ignored. */
  seq: number;
  /**
   * The rendition the player reported (a catalog quality label, or "auto"; storedQuality in app/lib/data-meter.ts).
   * Absent or null keeps the stored one: "Mark as watched" streams nothing.
   */
  quality?: string | null;
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
  const changed = await hotRun(SAVE_PROGRESS, [
    crypto.randomUUID(),
    userId,
    save.episodeId,
    save.dramaId,
    currentTime,
    duration,
    completed,
    save.seq,
    now,
    save.quality ?? null,
  ]);
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
  const row = await hotRow<ProgressHotRow>(EPISODE_PROGRESS, [userId, episodeId]);
  return row ? storedProgress(row) : null;
}

export async function getDramaProgress(userId: string, dramaId: string): Promise<StoredProgress[]> {
  return (await hotRows<ProgressHotRow>(DRAMA_PROGRESS, [userId, dramaId])).map(storedProgress);
}

/** Progress rows of the dramas watched most recently, newest first. */
export async function getRecentProgress(
  userId: string,
  take = 300,
  db: PrismaClient = prisma,
): Promise<StoredProgress[]> {
  if (db === prisma) return (await hotRows<ProgressHotRow>(RECENT_PROGRESS, [userId, take])).map(storedProgress);
  return db.userProgress.findMany({
    where: { userId },
    orderBy: { updatedAt: "desc" },
    take,
    select: PROGRESS_SELECT,
  });
}
