/** Per-episode watch progress. Every query is scoped by the acting userId. */
import { isCompleted, type ProgressRow } from "~/lib/progress-rules";
import { prisma } from "~/utils/db.server";

const PROGRESS_SELECT = {
  episodeId: true,
  dramaId: true,
  currentTime: true,
  duration: true,
  completed: true,
  updatedAt: true,
} as const;

export interface ProgressSave {
  episodeId: string;
  dramaId: string;
  /** Seconds, already validated against the catalog duration. */
  position: number;
  duration: number;
}

/** One upsert; the completed flag follows the progress rules. */
export async function saveProgress(userId: string, save: ProgressSave): Promise<ProgressRow> {
  const currentTime = Math.floor(save.position);
  const duration = Math.round(save.duration);
  const completed = isCompleted(save.position, save.duration);
  return prisma.userProgress.upsert({
    where: { userId_episodeId: { userId, episodeId: save.episodeId } },
    create: { userId, episodeId: save.episodeId, dramaId: save.dramaId, currentTime, duration, completed },
    update: { currentTime, duration, completed },
    select: PROGRESS_SELECT,
  });
}

export async function getEpisodeProgress(userId: string, episodeId: string): Promise<ProgressRow | null> {
  return prisma.userProgress.findUnique({
    where: { userId_episodeId: { userId, episodeId } },
    select: PROGRESS_SELECT,
  });
}

export async function getDramaProgress(userId: string, dramaId: string): Promise<ProgressRow[]> {
  return prisma.userProgress.findMany({ where: { userId, dramaId }, select: PROGRESS_SELECT });
}

/** Progress rows of the dramas watched most recently, newest first. */
export async function getRecentProgress(userId: string, take = 300): Promise<ProgressRow[]> {
  return prisma.userProgress.findMany({
    where: { userId },
    orderBy: { updatedAt: "desc" },
    take,
    select: PROGRESS_SELECT,
  });
}
