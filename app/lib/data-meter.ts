/**
 * The account page's data meter, pure: what this calendar month's video cost in mobile data, estimated from the
 * viewer's own progress rows and the rendition each episode played in (docs/progress.md, "Data meter";
 * docs/decisions/025-progress-quality.md).
 *
 * - The month is the calendar month in UTC, as every date the site shows.
 * - A row counts how far the viewer got: the whole episode once completed, else the saved position.
 * - At the rendition the player reported; when it could not tell ("auto", or a label the episode no longer has),
 *   at the episode's highest rendition whose bit rate is known.
 * - A row no player save described (quality null: only marked as watched) costs nothing: nothing was streamed.
 */
import type { StreamRendition } from "~/catalog/types";
import { streamBytes } from "~/lib/data-cost";
import { AUTO } from "~/lib/quality";

/** The longest quality label a save may carry (the catalog's limit, app/catalog/upstream-schemas.ts). */
export const QUALITY_MAX_LENGTH = 20;

/** The stored progress a meter reads. */
export interface MeterRow {
  episodeId: string;
  currentTime: number;
  duration: number;
  completed: boolean;
  quality: string | null;
}

export interface DataMeter {
  /** Estimated bytes of the rows that could be priced. */
  bytes: number;
  /** Rows played this month (a player reported them), whether or not the catalog could price them. */
  played: number;
}

/** The first instant of the calendar month (UTC) that holds `now`. */
export function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/**
 * What a save's `quality` is stored as, given the episode's renditions: one of their labels as it is; any other
 * label (the player saw a level the catalog does not list, or the catalog changed since the page loaded) as
 * "auto", since something did play; absent as null (the stored value is kept).
 */
export function storedQuality(given: string | undefined, renditions: readonly Pick<StreamRendition, "quality">[]) {
  if (given === undefined) return null;
  return renditions.some((rendition) => rendition.quality === given) ? given : AUTO;
}

/** Whether a row was played, as opposed to only marked as watched. */
export function wasPlayed<Row extends Pick<MeterRow, "quality">>(row: Row): row is Row & { quality: string } {
  return row.quality !== null;
}

/** Seconds a row counts: the whole episode once completed, else how far the viewer got (never past the end). */
export function secondsWatched(row: Pick<MeterRow, "currentTime" | "duration" | "completed">): number {
  const duration = Math.max(0, row.duration);
  return row.completed ? duration : Math.min(Math.max(0, row.currentTime), duration);
}

function hasBitrate(rendition: StreamRendition): boolean {
  return streamBytes(rendition, 1) !== null;
}

/**
 * The rendition a played row is priced at: the one its quality names, when its bit rate is known; else the
 * highest (tallest, then the larger bit rate) whose bit rate is known. Null when none is.
 */
export function meterRendition(renditions: readonly StreamRendition[], quality: string): StreamRendition | null {
  const named = renditions.find((rendition) => rendition.quality === quality);
  if (named && hasBitrate(named)) return named;
  let highest: StreamRendition | null = null;
  for (const rendition of renditions) {
    if (!hasBitrate(rendition)) continue;
    if (
      !highest ||
      rendition.height > highest.height ||
      (rendition.height === highest.height && (rendition.bitrate ?? 0) > (highest.bitrate ?? 0))
    ) {
      highest = rendition;
    }
  }
  return highest;
}

/**
 * The month's total over `rows` (already this month's). `renditionsOf` gives an episode's renditions from the
 * catalog, undefined when the catalog no longer has the episode: such a row is played but not priced.
 */
export function meterTotal(
  rows: readonly MeterRow[],
  renditionsOf: (episodeId: string) => readonly StreamRendition[] | undefined,
): DataMeter {
  let bytes = 0;
  let played = 0;
  for (const row of rows) {
    if (!wasPlayed(row)) continue;
    played += 1;
    const rendition = meterRendition(renditionsOf(row.episodeId) ?? [], row.quality);
    if (rendition) bytes += streamBytes(rendition, secondsWatched(row)) ?? 0;
  }
  return { bytes, played };
}
