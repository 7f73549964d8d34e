/**
 * "Still watching?": after 90 minutes of autoplay without any interaction
 * (key press, pointer or touch), the next autoplayed episode does not start
 * but asks first. Time-gated, not episode-count-gated: 45 two-minute episodes
 * and 3 half-hour ones ask at the same moment.
 *
 * The chain crosses page loads: before the page moves to the next episode it
 * writes a hand-off into sessionStorage (this tab only) holding the time of
 * the viewer's last interaction; the next page reads it once. A page the
 * viewer opened themselves has no hand-off and starts a new chain. The hand-off
 * also says whether keyboard focus was in the player, so the next episode's
 * page puts it back there instead of at the top of the page. Pure: the
 * storage and clock are passed in.
 */

export const STILL_WATCHING_AFTER_MS = 90 * 60 * 1000;
/** A hand-off older than this is stale (the next page took too long, or it is a later visit). */
export const HANDOFF_MAX_AGE_MS = 2 * 60 * 1000;
export const HANDOFF_KEY = "dracin:autoplay-handoff";

export interface Handoff {
  /** Path of the page that should start playing. */
  to: string;
  /** When the viewer last interacted (ms), carried along the chain. */
  since: number;
  /** When the hand-off was written (ms). */
  at: number;
  /** Focus was in the player when the page moved on. */
  focusInPlayer?: boolean;
}

export interface PageStart {
  /** Start playing without a click: this page was reached by autoplay or "Play now". */
  autoplay: boolean;
  /** Start of the current interaction-free stretch (ms). */
  since: number;
  /** Put focus in the player: it was there on the page before. */
  focusPlayer: boolean;
}

export function createHandoff(to: string, lastInteractionAt: number, now: number, focusInPlayer = false): Handoff {
  const handoff: Handoff = { to, since: Math.min(lastInteractionAt, now), at: now };
  return focusInPlayer ? { ...handoff, focusInPlayer } : handoff;
}

/** How this page load starts, from the raw hand-off value (or null). */
export function readHandoff(raw: string | null, pathname: string, now: number): PageStart {
  const fresh: PageStart = { autoplay: false, since: now, focusPlayer: false };
  if (!raw) return fresh;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return fresh;
  }
  if (!value || typeof value !== "object") return fresh;
  const { to, since, at, focusInPlayer } = value as Record<string, unknown>;
  if (typeof to !== "string" || typeof since !== "number" || typeof at !== "number") return fresh;
  if (to !== pathname || now - at > HANDOFF_MAX_AGE_MS || at > now + 1000) return fresh;
  return { autoplay: true, since: Math.min(since, now), focusPlayer: focusInPlayer === true };
}

/** Ask before autoplaying when nobody interacted for the limit. */
export function shouldAskStillWatching(start: PageStart, now: number, limitMs = STILL_WATCHING_AFTER_MS): boolean {
  return start.autoplay && now - start.since >= limitMs;
}

/**
 * Tracks the interaction-free stretch on one page: starts from the page's
 * `since`, and any interaction restarts it.
 */
export class InteractionClock {
  private last: number;

  constructor(since: number) {
    this.last = since;
  }

  interacted(now: number): void {
    this.last = Math.max(this.last, now);
  }

  get lastInteractionAt(): number {
    return this.last;
  }
}
