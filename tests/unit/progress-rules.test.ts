import { describe, expect, it } from "vitest";
import {
  episodeState,
  isCompleted,
  isStarted,
  nextUp,
  resumePosition,
  type EpisodeRef,
  type ProgressRow,
} from "~/lib/progress-rules";

describe("isCompleted", () => {
  it("is true from 90 % of the episode on", () => {
    expect(isCompleted(900, 1000)).toBe(true);
    expect(isCompleted(899, 1000)).toBe(false);
    expect(isCompleted(1000, 1000)).toBe(true);
  });

  it("is true within 3 seconds of the end, even below 90 %", () => {
    // 20 s episode: 90 % is 18 s, but 17 s is already within 3 s of the end.
    expect(isCompleted(17, 20)).toBe(true);
    expect(isCompleted(16.9, 20)).toBe(false);
  });

  it("is false for an unknown or zero duration", () => {
    expect(isCompleted(10, 0)).toBe(false);
    expect(isCompleted(10, Number.NaN)).toBe(false);
    expect(isCompleted(0, -5)).toBe(false);
  });
});

describe("isStarted", () => {
  it("needs 5 % of the episode", () => {
    expect(isStarted(50, 1000)).toBe(true);
    expect(isStarted(49.9, 1000)).toBe(false);
  });

  it("needs at least 3 seconds, even when 5 % is less", () => {
    // 20 s episode: 5 % is 1 s.
    expect(isStarted(3, 20)).toBe(true);
    expect(isStarted(2.9, 20)).toBe(false);
  });
});

describe("resumePosition", () => {
  it("resumes an episode in progress at the whole second", () => {
    expect(resumePosition({ currentTime: 42.7, duration: 100, completed: false })).toBe(42);
  });

  it("starts from 0 with no progress, barely started, near the end or completed", () => {
    expect(resumePosition(null)).toBe(0);
    expect(resumePosition(undefined)).toBe(0);
    expect(resumePosition({ currentTime: 2, duration: 100, completed: false })).toBe(0);
    expect(resumePosition({ currentTime: 95, duration: 100, completed: false })).toBe(0);
    expect(resumePosition({ currentTime: 40, duration: 100, completed: true })).toBe(0);
  });
});

describe("episodeState", () => {
  it("is not-started without progress or below the start threshold", () => {
    expect(episodeState(null)).toEqual({ kind: "not-started" });
    expect(episodeState({ currentTime: 1, duration: 100, completed: false })).toEqual({ kind: "not-started" });
  });

  it("is in-progress with the percentage and seconds left", () => {
    expect(episodeState({ currentTime: 30, duration: 120, completed: false })).toEqual({
      kind: "in-progress",
      percent: 25,
      secondsLeft: 90,
    });
  });

  it("is watched when completed or past the completion threshold", () => {
    expect(episodeState({ currentTime: 10, duration: 100, completed: true })).toEqual({ kind: "watched" });
    expect(episodeState({ currentTime: 91, duration: 100, completed: false })).toEqual({ kind: "watched" });
  });
});

describe("nextUp", () => {
  const episodes: EpisodeRef[] = [
    { id: "d-ep-1", number: 1 },
    { id: "d-ep-2", number: 2 },
    { id: "d-ep-3", number: 3 },
  ];
  const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, minutes));
  const row = (episodeId: string, currentTime: number, updatedAt: Date, completed = false): ProgressRow => ({
    episodeId,
    dramaId: "d",
    currentTime,
    duration: 100,
    completed,
    updatedAt,
  });

  it("is null when nothing of the drama was watched", () => {
    expect(nextUp([], episodes)).toBeNull();
  });

  it("resumes the most recently watched episode when it is in progress", () => {
    const rows = [row("d-ep-1", 100, at(1), true), row("d-ep-2", 40, at(2))];
    expect(nextUp(rows, episodes)).toEqual({ kind: "resume", episodeId: "d-ep-2", number: 2, position: 40 });
  });

  it("offers the next episode after the most recent completed one", () => {
    const rows = [row("d-ep-2", 40, at(1)), row("d-ep-1", 95, at(5))];
    expect(nextUp(rows, episodes)).toEqual({ kind: "next", episodeId: "d-ep-2", number: 2 });
  });

  it("treats a position past 90 % as completed even without the flag", () => {
    expect(nextUp([row("d-ep-1", 92, at(1))], episodes)).toEqual({ kind: "next", episodeId: "d-ep-2", number: 2 });
  });

  it("is finished after the last episode", () => {
    expect(nextUp([row("d-ep-3", 100, at(1), true)], episodes)).toEqual({ kind: "finished" });
  });

  it("is none (null) when the latest row names an episode the drama no longer has", () => {
    expect(nextUp([row("d-ep-9", 40, at(1))], episodes)).toBeNull();
    expect(nextUp([row("d-ep-1", 40, at(1))], [])).toBeNull();
  });
});
