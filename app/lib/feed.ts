/**
 * The binge feed's order and bounds, pure (docs/feed.md): which episode a
 * drama's feed opens at and what sits before and after it. The feed holds the
 * episodes the catalog can play, in the catalog's order; where it opens
 * without an episode asked for follows the viewer's progress the way the
 * drama page's play button does (nextUp).
 */
import { nextUp, type EpisodeRef, type ProgressRow } from "./progress-rules";

/** The longest `?episode=` value read; longer is bad input (400). */
export const MAX_EPISODE_PARAM = 200;

export type FeedStart =
  /** The episode at `index` of the feed. */
  | { kind: "episode"; index: number }
  /** An episode was asked for that this drama's feed does not hold (404). */
  | { kind: "unknown" }
  /** The drama has no playable episode. */
  | { kind: "empty" };

/**
 * Where the feed opens: the episode asked for, else the episode in progress
 * (or the one after the last finished), else the first. A series watched to
 * the end opens at its first episode again.
 */
export function feedStart(episodes: readonly EpisodeRef[], requested: string | null, rows: ProgressRow[]): FeedStart {
  if (episodes.length === 0) return requested ? { kind: "unknown" } : { kind: "empty" };
  if (requested) {
    const index = episodes.findIndex((episode) => episode.id === requested);
    return index === -1 ? { kind: "unknown" } : { kind: "episode", index };
  }
  const up = nextUp(rows, [...episodes]);
  if (up && up.kind !== "finished") {
    const index = episodes.findIndex((episode) => episode.id === up.episodeId);
    if (index !== -1) return { kind: "episode", index };
  }
  return { kind: "episode", index: 0 };
}

export interface FeedNeighbours<E extends EpisodeRef> {
  previous: E | null;
  next: E | null;
}

/** The episodes either side of `index` in the feed; null at its ends. */
export function feedNeighbours<E extends EpisodeRef>(episodes: readonly E[], index: number): FeedNeighbours<E> {
  return {
    previous: index > 0 ? (episodes[index - 1] ?? null) : null,
    next: index >= 0 && index < episodes.length - 1 ? (episodes[index + 1] ?? null) : null,
  };
}

/** The feed page at one episode: what the links go to without JavaScript, and the address bar shows. */
export function feedPath(dramaId: string, episodeId: string): string {
  return `/drama/${encodeURIComponent(dramaId)}/feed?${new URLSearchParams({ episode: episodeId })}`;
}

/** The same episode's screen as a fragment, for the feed script. */
export function feedFragmentPath(dramaId: string, episodeId: string): string {
  return `/resources/feed?${new URLSearchParams({ drama: dramaId, episode: episodeId })}`;
}

export type FeedMove = "next" | "previous";

/** What a key press asks of the feed, if anything. */
export interface KeyLike {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** Where it was pressed: fields that take typing or arrows keep their keys. */
export interface KeyTarget {
  tagName: string;
  isContentEditable?: boolean;
}

const TYPING = new Set(["INPUT", "SELECT", "TEXTAREA"]);
/** A focused video's own controls use the arrows (seek, volume). */
const MEDIA = new Set(["VIDEO", "AUDIO"]);

/**
 * The feed's keys: Page Down or Arrow Down to the next episode, Page Up or
 * Arrow Up to the one before. Never with a modifier (browser and screen
 * reader commands), never while typing in a field, and only the Page keys on
 * a focused video, whose controls have the arrows.
 */
export function feedKey(event: KeyLike, target: KeyTarget | null): FeedMove | null {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  const tag = target?.tagName.toUpperCase() ?? "";
  if (TYPING.has(tag) || target?.isContentEditable) return null;
  if (event.key === "PageDown") return "next";
  if (event.key === "PageUp") return "previous";
  if (MEDIA.has(tag)) return null;
  if (event.key === "ArrowDown") return "next";
  if (event.key === "ArrowUp") return "previous";
  return null;
}
