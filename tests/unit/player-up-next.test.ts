import { describe, expect, it } from "vitest";
import type { Schedule } from "~/lib/progress-reporter";
import { Countdown, UP_NEXT_SECONDS, secondsLeft, upNextMode } from "~/lib/up-next";

function fakeTime(start = 5_000_000) {
  let now = start;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  const schedule: Schedule = (fn, ms) => {
    const id = ++ids;
    timers.push({ at: now + ms, fn, id });
    return () => {
      timers = timers.filter((timer) => timer.id !== id);
    };
  };
  /** Moves time on; `lateBy` delays every timer (a throttled background tab). */
  const advance = (ms: number, lateBy = 0) => {
    const end = now + ms;
    for (;;) {
      const due = timers.filter((timer) => timer.at + lateBy <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((timer) => timer !== due);
      now = due.at + lateBy;
      due.fn();
    }
    now = end;
  };
  return { now: () => now, schedule, advance, timers: () => timers.length };
}

describe("secondsLeft", () => {
  it("rounds up and never goes below zero", () => {
    expect(secondsLeft(10_000, 0)).toBe(10);
    expect(secondsLeft(10_000, 1)).toBe(10);
    expect(secondsLeft(10_000, 9_001)).toBe(1);
    expect(secondsLeft(10_000, 10_000)).toBe(0);
    expect(secondsLeft(10_000, 12_000)).toBe(0);
  });
});

describe("Countdown", () => {
  it("counts 10 to 0 once a second, then finishes exactly once", () => {
    const time = fakeTime();
    const ticks: number[] = [];
    let done = 0;
    const countdown = new Countdown({
      now: time.now,
      schedule: time.schedule,
      onTick: (s) => ticks.push(s),
      onDone: () => done++,
    });
    countdown.start();
    expect(ticks).toEqual([10]);
    time.advance(9_999);
    expect(done).toBe(0);
    time.advance(1);
    expect(ticks).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(done).toBe(1);
    expect(countdown.state).toBe("done");
    time.advance(30_000);
    expect(done).toBe(1);
    expect(time.timers()).toBe(0);
  });

  it("uses 10 seconds by default", () => {
    expect(UP_NEXT_SECONDS).toBe(10);
  });

  it("can be cancelled: no more ticks, never finishes", () => {
    const time = fakeTime();
    const ticks: number[] = [];
    let done = 0;
    const countdown = new Countdown({
      now: time.now,
      schedule: time.schedule,
      onTick: (s) => ticks.push(s),
      onDone: () => done++,
    });
    countdown.start();
    time.advance(3_000);
    countdown.cancel();
    time.advance(20_000);
    expect(ticks).toEqual([10, 9, 8, 7]);
    expect(done).toBe(0);
    expect(countdown.state).toBe("cancelled");
  });

  it("keeps to the deadline when timers fire late (background tab), skipping numbers", () => {
    const time = fakeTime();
    const ticks: number[] = [];
    let doneAt = 0;
    const countdown = new Countdown({
      now: time.now,
      schedule: time.schedule,
      onTick: (s) => ticks.push(s),
      onDone: () => (doneAt = time.now()),
    });
    const started = time.now();
    countdown.start();
    time.advance(13_000, 2_500);
    expect(doneAt - started).toBeLessThanOrEqual(10_000 + 2_500);
    expect(ticks[0]).toBe(10);
    expect(ticks.at(-1)).toBe(0);
    expect(ticks.length).toBeLessThan(11);
  });

  it("honours a custom length", () => {
    const time = fakeTime();
    const ticks: number[] = [];
    new Countdown({
      seconds: 3,
      now: time.now,
      schedule: time.schedule,
      onTick: (s) => ticks.push(s),
      onDone: () => {},
    }).start();
    time.advance(3_000);
    expect(ticks).toEqual([3, 2, 1, 0]);
  });
});

describe("upNextMode", () => {
  it("counts down with autoplay on, and waits for the viewer with it off", () => {
    expect(upNextMode(true)).toBe("countdown");
    expect(upNextMode(false)).toBe("manual");
  });
});
