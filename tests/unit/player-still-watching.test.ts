import { describe, expect, it } from "vitest";
import {
  HANDOFF_MAX_AGE_MS,
  InteractionClock,
  STILL_WATCHING_AFTER_MS,
  createHandoff,
  readHandoff,
  shouldAskStillWatching,
} from "~/lib/still-watching";

const MINUTE = 60_000;
const T0 = 1_800_000_000_000;

/** One autoplayed page: the hand-off the previous page wrote, read `delay` ms later. */
function autoplayInto(to: string, lastInteractionAt: number, leftAt: number, delay = 1_000) {
  const raw = JSON.stringify(createHandoff(to, lastInteractionAt, leftAt));
  return readHandoff(raw, to, leftAt + delay);
}

describe("still watching", () => {
  it("asks after 90 minutes", () => {
    expect(STILL_WATCHING_AFTER_MS).toBe(90 * MINUTE);
  });

  it("a page opened by the viewer starts a new chain and never asks", () => {
    const start = readHandoff(null, "/watch/ep-2", T0);
    expect(start).toEqual({ autoplay: false, since: T0, focusPlayer: false });
    expect(shouldAskStillWatching(start, T0 + 5 * 60 * MINUTE)).toBe(false);
  });

  it("carries the last interaction across autoplayed episodes and asks once 90 minutes have passed", () => {
    // 2-minute episodes, no interaction after T0: the 45th hand-off is at T0 + 90 min.
    let since = T0;
    let asked = -1;
    for (let episode = 1; episode <= 60; episode += 1) {
      const leftAt = T0 + episode * 2 * MINUTE;
      const start = autoplayInto(`/watch/ep-${episode + 1}`, since, leftAt, 500);
      expect(start.autoplay).toBe(true);
      since = start.since;
      if (shouldAskStillWatching(start, leftAt + 500)) {
        asked = episode;
        break;
      }
    }
    expect(asked).toBe(45);
  });

  it("is time-gated, not episode-gated: three 30-minute episodes ask too", () => {
    const start = autoplayInto("/watch/ep-4", T0, T0 + 90 * MINUTE);
    expect(shouldAskStillWatching(start, T0 + 90 * MINUTE + 1_000)).toBe(true);
    const early = autoplayInto("/watch/ep-4", T0, T0 + 89 * MINUTE);
    expect(shouldAskStillWatching(early, T0 + 89 * MINUTE + 1_000)).toBe(false);
  });

  it("any interaction restarts the stretch", () => {
    const clock = new InteractionClock(T0);
    clock.interacted(T0 + 80 * MINUTE);
    const start = autoplayInto("/watch/ep-9", clock.lastInteractionAt, T0 + 95 * MINUTE);
    expect(start.since).toBe(T0 + 80 * MINUTE);
    expect(shouldAskStillWatching(start, T0 + 95 * MINUTE + 1_000)).toBe(false);
  });

  it("the interaction clock never goes backwards", () => {
    const clock = new InteractionClock(T0);
    clock.interacted(T0 - MINUTE);
    expect(clock.lastInteractionAt).toBe(T0);
  });

  it("only honours a fresh hand-off for this very page", () => {
    const raw = JSON.stringify(createHandoff("/watch/ep-2", T0 - 100 * MINUTE, T0));
    expect(readHandoff(raw, "/watch/ep-3", T0 + 1_000).autoplay).toBe(false);
    expect(readHandoff(raw, "/watch/ep-2", T0 + HANDOFF_MAX_AGE_MS + 1).autoplay).toBe(false);
    expect(readHandoff(raw, "/watch/ep-2", T0 + 1_000)).toEqual({
      autoplay: true,
      since: T0 - 100 * MINUTE,
      focusPlayer: false,
    });
  });

  it("carries focus into the next episode's player only when it was in this one", () => {
    const fromPlayer = JSON.stringify(createHandoff("/watch/ep-2", T0, T0, true));
    expect(readHandoff(fromPlayer, "/watch/ep-2", T0 + 1_000).focusPlayer).toBe(true);
    const fromPage = JSON.stringify(createHandoff("/watch/ep-2", T0, T0, false));
    expect(readHandoff(fromPage, "/watch/ep-2", T0 + 1_000).focusPlayer).toBe(false);
    // A stale or foreign hand-off moves no focus either.
    expect(readHandoff(fromPlayer, "/watch/ep-3", T0 + 1_000).focusPlayer).toBe(false);
    const odd = JSON.stringify({ to: "/watch/ep-2", since: T0, at: T0, focusInPlayer: "yes" });
    expect(readHandoff(odd, "/watch/ep-2", T0 + 1_000).focusPlayer).toBe(false);
  });

  it("ignores a damaged or future-dated hand-off", () => {
    for (const raw of [
      "",
      "{",
      "null",
      "42",
      JSON.stringify({ to: "/watch/ep-2" }),
      JSON.stringify({ to: 1, since: 1, at: 1 }),
    ]) {
      expect(readHandoff(raw, "/watch/ep-2", T0), raw).toEqual({ autoplay: false, since: T0, focusPlayer: false });
    }
    const future = JSON.stringify(createHandoff("/watch/ep-2", T0, T0 + 60 * MINUTE));
    expect(readHandoff(future, "/watch/ep-2", T0).autoplay).toBe(false);
  });

  it("a hand-off can never claim an interaction in the future", () => {
    expect(createHandoff("/watch/ep-2", T0 + MINUTE, T0).since).toBe(T0);
  });

  it("never asks on a page that was not autoplayed", () => {
    expect(shouldAskStillWatching({ autoplay: false, since: T0 - 500 * MINUTE, focusPlayer: false }, T0)).toBe(false);
  });
});
