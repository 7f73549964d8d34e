/**
 * What watching costs in mobile data, said before anything plays: a
 * rendition's real average bit rate (from the catalog, measured on the file)
 * × the seconds to be watched. Estimates, shown with "≈"; a rendition whose
 * bit rate the catalog does not know has none. Pure: views format the bytes
 * (formatBytes in app/i18n/format.ts).
 */
import type { StreamRendition } from "~/catalog/types";
import { episodeState, resumePosition, type ProgressLike } from "~/lib/progress-rules";

export interface RenditionCost {
  quality: string;
  bytes: number;
}

/** Bytes to stream `seconds` of a rendition; null without a bit rate. */
export function streamBytes(rendition: Pick<StreamRendition, "bitrate">, seconds: number): number | null {
  const { bitrate } = rendition;
  if (bitrate === undefined || !(bitrate > 0) || !Number.isFinite(bitrate)) return null;
  return Math.round((bitrate * Math.max(0, seconds)) / 8);
}

/** A whole episode's size in each rendition whose bit rate is known, lowest first. */
export function episodeCosts(episode: {
  duration: number;
  streams: { mp4: readonly StreamRendition[] };
}): RenditionCost[] {
  return episode.streams.mp4.flatMap((rendition) => {
    const bytes = streamBytes(rendition, episode.duration);
    return bytes === null ? [] : [{ quality: rendition.quality, bytes }];
  });
}

/** The seconds of an episode still to watch: none once it counts as watched, else from where playback resumes. */
export function secondsLeft(duration: number, progress: ProgressLike | undefined): number {
  if (episodeState(progress).kind === "watched") return 0;
  return Math.max(0, duration - resumePosition(progress));
}

/**
 * What finishing the series costs from where the viewer is, per quality: the rest of every episode not watched
 * yet. A quality counts only when every episode has it with a known bit rate (else the sum would undercount).
 */
export function costToFinish(
  episodes: readonly { id: string; duration: number; costs: readonly RenditionCost[] }[],
  progress: Readonly<Record<string, ProgressLike | undefined>>,
): RenditionCost[] {
  if (episodes.length === 0) return [];
  const qualities = episodes[0].costs.map((cost) => cost.quality);
  return qualities.flatMap((quality) => {
    let bytes = 0;
    for (const episode of episodes) {
      const cost = episode.costs.find((c) => c.quality === quality);
      if (!cost) return [];
      const share = episode.duration > 0 ? secondsLeft(episode.duration, progress[episode.id]) / episode.duration : 0;
      bytes += cost.bytes * share;
    }
    return [{ quality, bytes: Math.round(bytes) }];
  });
}
