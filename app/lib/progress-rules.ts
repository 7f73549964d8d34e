/**
 * Watch-progress rules, pure and shared by the server and the player script.
 * See docs/progress.md.
 */

/** Below this share of an episode (or the first few seconds) nothing is "in progress". */
export const START_THRESHOLD_RATIO = 0.05;
export const START_THRESHOLD_SECONDS = 3;
/** Past this share (or within a few seconds of the end) an episode is completed. */
export const COMPLETE_THRESHOLD_RATIO = 0.9;
export const END_THRESHOLD_SECONDS = 3;
/** Extra seconds a client may report past the catalog duration (rounding, container padding). */
export const DURATION_TOLERANCE_SECONDS = 5;

export function isCompleted(position: number, duration: number): boolean {
  if (!(duration > 0)) return false;
  return position >= duration * COMPLETE_THRESHOLD_RATIO || duration - position <= END_THRESHOLD_SECONDS;
}

export function isStarted(position: number, duration: number): boolean {
  return position >= START_THRESHOLD_SECONDS && position >= duration * START_THRESHOLD_RATIO;
}

export interface ProgressLike {
  currentTime: number;
  duration: number;
  completed: boolean;
}

/** Where playback should start: 0 for new, barely started or completed episodes. */
export function resumePosition(progress: ProgressLike | null | undefined): number {
  if (!progress || progress.completed) return 0;
  if (!isStarted(progress.currentTime, progress.duration)) return 0;
  if (isCompleted(progress.currentTime, progress.duration)) return 0;
  return Math.floor(progress.currentTime);
}

export type EpisodeState =
  { kind: "not-started" } | { kind: "in-progress"; percent: number; secondsLeft: number } | { kind: "watched" };

export function episodeState(progress: ProgressLike | null | undefined): EpisodeState {
  if (!progress) return { kind: "not-started" };
  if (progress.completed || isCompleted(progress.currentTime, progress.duration)) return { kind: "watched" };
  if (!isStarted(progress.currentTime, progress.duration)) return { kind: "not-started" };
  const duration = Math.max(progress.duration, 1);
  return {
    kind: "in-progress",
    percent: Math.min(99, Math.max(1, Math.round((progress.currentTime / duration) * 100))),
    secondsLeft: Math.max(0, Math.round(duration - progress.currentTime)),
  };
}

export interface ProgressRow extends ProgressLike {
  episodeId: string;
  dramaId: string;
  updatedAt: Date;
}

export interface EpisodeRef {
  id: string;
  number: number;
}

export type NextUp =
  | { kind: "resume"; episodeId: string; number: number; position: number }
  | { kind: "next"; episodeId: string; number: number }
  | { kind: "finished" };

/**
 * What to play next in one drama, from the viewer's progress rows for it and
 * the drama's episodes (in order): resume the most recent episode in
 * progress, or start the one after the most recent completed one.
 * Null when the viewer has not watched anything of it.
 */
export function nextUp(rows: ProgressRow[], episodes: EpisodeRef[]): NextUp | null {
  if (rows.length === 0 || episodes.length === 0) return null;
  const latest = rows.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a));
  const index = episodes.findIndex((episode) => episode.id === latest.episodeId);
  if (index === -1) return null;
  const position = resumePosition(latest);
  const done = latest.completed || isCompleted(latest.currentTime, latest.duration);
  if (!done) {
    return { kind: "resume", episodeId: latest.episodeId, number: episodes[index].number, position };
  }
  const following = episodes[index + 1];
  return following ? { kind: "next", episodeId: following.id, number: following.number } : { kind: "finished" };
}
