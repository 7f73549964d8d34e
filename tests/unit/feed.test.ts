/** The binge feed's order and bounds (app/lib/feed.ts): where it opens, what is either side, which keys move it. */
import { describe, expect, it } from "vitest";
import { feedFragmentPath, feedKey, feedNeighbours, feedPath, feedStart } from "~/lib/feed";
import type { ProgressRow } from "~/lib/progress-rules";

const episodes = [1, 2, 3, 4, 5].map((number) => ({ id: `ep-${number}`, number }));

function row(episodeId: string, currentTime: number, minutesAgo: number, completed = false): ProgressRow {
  return {
    episodeId,
    dramaId: "d",
    currentTime,
    duration: 100,
    completed,
    updatedAt: new Date(Date.UTC(2026, 11, 8, 12, 0) - minutesAgo * 60_000),
  };
}

describe("feedStart", () => {
  it("opens at the episode asked for, wherever the viewer is", () => {
    expect(feedStart(episodes, "ep-4", [row("ep-2", 50, 1)])).toEqual({ kind: "episode", index: 3 });
  });

  it("refuses an episode this drama does not have", () => {
    expect(feedStart(episodes, "other-ep-1", [])).toEqual({ kind: "unknown" });
    expect(feedStart([], "ep-1", [])).toEqual({ kind: "unknown" });
  });

  it("opens at the first episode for a viewer who has watched nothing", () => {
    expect(feedStart(episodes, null, [])).toEqual({ kind: "episode", index: 0 });
  });

  it("opens at the episode in progress, the latest one watched", () => {
    const rows = [row("ep-1", 100, 30, true), row("ep-3", 40, 5), row("ep-2", 100, 20, true)];
    expect(feedStart(episodes, null, rows)).toEqual({ kind: "episode", index: 2 });
  });

  it("opens at the episode after the last one finished", () => {
    expect(feedStart(episodes, null, [row("ep-1", 100, 10, true), row("ep-2", 95, 1)])).toEqual({
      kind: "episode",
      index: 2,
    });
  });

  it("opens a series watched to the end at its first episode", () => {
    expect(feedStart(episodes, null, [row("ep-5", 100, 1, true)])).toEqual({ kind: "episode", index: 0 });
  });

  it("says so when nothing can be played", () => {
    expect(feedStart([], null, [])).toEqual({ kind: "empty" });
  });
});

describe("feedNeighbours", () => {
  it("gives the episodes either side", () => {
    expect(feedNeighbours(episodes, 2)).toEqual({ previous: episodes[1], next: episodes[3] });
  });

  it("has nothing before the first and nothing after the last", () => {
    expect(feedNeighbours(episodes, 0)).toEqual({ previous: null, next: episodes[1] });
    expect(feedNeighbours(episodes, 4)).toEqual({ previous: episodes[3], next: null });
    expect(feedNeighbours([episodes[0]], 0)).toEqual({ previous: null, next: null });
  });

  it("has nothing either side of a place outside the feed", () => {
    expect(feedNeighbours(episodes, -1).next).toBeNull();
    expect(feedNeighbours(episodes, 9)).toEqual({ previous: null, next: null });
  });
});

describe("feed URLs", () => {
  it("name the drama and the episode, encoded", () => {
    expect(feedPath("a b", "ep/1")).toBe("/drama/a%20b/feed?episode=ep%2F1");
    expect(feedFragmentPath("a b", "ep/1")).toBe("/resources/feed?drama=a+b&episode=ep%2F1");
  });
});

describe("feedKey", () => {
  const plain = { altKey: false, ctrlKey: false, metaKey: false, shiftKey: false };
  const on = (tagName: string, isContentEditable = false) => ({ tagName, isContentEditable });

  it("moves on with Page Down and Arrow Down, back with Page Up and Arrow Up", () => {
    expect(feedKey({ ...plain, key: "PageDown" }, on("BODY"))).toBe("next");
    expect(feedKey({ ...plain, key: "ArrowDown" }, on("A"))).toBe("next");
    expect(feedKey({ ...plain, key: "PageUp" }, on("SECTION"))).toBe("previous");
    expect(feedKey({ ...plain, key: "ArrowUp" }, null)).toBe("previous");
  });

  it("leaves every other key alone", () => {
    for (const key of [" ", "Enter", "ArrowLeft", "ArrowRight", "Home", "End", "j", "k"]) {
      expect(feedKey({ ...plain, key }, on("BODY"))).toBeNull();
    }
  });

  it("leaves keys with a modifier to the browser and the screen reader", () => {
    for (const modifier of ["altKey", "ctrlKey", "metaKey", "shiftKey"] as const) {
      expect(feedKey({ ...plain, [modifier]: true, key: "PageDown" }, on("BODY"))).toBeNull();
    }
  });

  it("leaves a focused video its arrows, but not the Page keys", () => {
    expect(feedKey({ ...plain, key: "ArrowDown" }, on("VIDEO"))).toBeNull();
    expect(feedKey({ ...plain, key: "ArrowUp" }, on("video"))).toBeNull();
    expect(feedKey({ ...plain, key: "PageDown" }, on("VIDEO"))).toBe("next");
    expect(feedKey({ ...plain, key: "PageUp" }, on("VIDEO"))).toBe("previous");
  });

  it("leaves fields their keys", () => {
    for (const tag of ["INPUT", "select", "TEXTAREA"]) {
      expect(feedKey({ ...plain, key: "ArrowDown" }, on(tag))).toBeNull();
    }
    expect(feedKey({ ...plain, key: "PageDown" }, on("DIV", true))).toBeNull();
  });
});
