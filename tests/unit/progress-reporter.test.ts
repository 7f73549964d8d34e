import { beforeEach, describe, expect, it } from "vitest";
import { ProgressReporter, type ProgressReport, type Schedule } from "~/lib/progress-reporter";

const INTERVAL = 10_000;
const COALESCE = 400;

/** A fake clock whose timers run when the test moves time on. */
function fakeTime(start = 1_000_000) {
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
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((timer) => timer !== due);
      now = due.at;
      due.fn();
    }
    now = end;
  };
  return { now: () => now, schedule, advance, pending: () => timers.length };
}

/** Reports without seq, for readable expectations. */
const plain = (reports: ProgressReport[]) => reports.map(({ seq: _seq, ...rest }) => rest);

describe("ProgressReporter", () => {
  let time: ReturnType<typeof fakeTime>;
  let sent: ProgressReport[];
  let reporter: ProgressReporter;

  beforeEach(() => {
    time = fakeTime();
    sent = [];
    reporter = new ProgressReporter({
      send: (report) => sent.push(report),
      intervalMs: INTERVAL,
      coalesceMs: COALESCE,
      now: time.now,
      schedule: time.schedule,
    });
  });

  it("sends the first report at once, marked as the start of a viewing", () => {
    reporter.timeUpdate(0.2, 100);
    expect(plain(sent)).toEqual([{ position: 0.2, duration: 100, viewingStart: true, final: false }]);
  });

  it("throttles reports to the interval while playing, sending the latest position", () => {
    reporter.timeUpdate(1, 100);
    time.advance(4_000);
    reporter.timeUpdate(5, 100);
    time.advance(5_999);
    reporter.timeUpdate(10.9, 100);
    expect(sent).toHaveLength(1);
    time.advance(1);
    reporter.timeUpdate(11, 100);
    expect(sent).toHaveLength(2);
    expect(plain(sent)[1]).toEqual({ position: 11, duration: 100, viewingStart: false, final: false });
  });

  it("uses a 10 second interval by default", () => {
    const reports: ProgressReport[] = [];
    const defaultReporter = new ProgressReporter({
      send: (report) => reports.push(report),
      now: time.now,
      schedule: time.schedule,
    });
    defaultReporter.timeUpdate(1, 100);
    time.advance(9_999);
    defaultReporter.timeUpdate(2, 100);
    expect(reports).toHaveLength(1);
    time.advance(1);
    defaultReporter.timeUpdate(3, 100);
    expect(reports).toHaveLength(2);
  });

  it("reports a pause within the coalescing window, not on the 10 s tick", () => {
    reporter.timeUpdate(1, 100);
    time.advance(500);
    reporter.pause(7, 100);
    expect(sent.map((report) => report.position)).toEqual([1]);
    time.advance(COALESCE);
    expect(sent.map((report) => report.position)).toEqual([1, 7]);
  });

  it("reports after a seek, once playback has started", () => {
    reporter.timeUpdate(1, 100);
    time.advance(500);
    reporter.seeked(60, 100);
    time.advance(COALESCE);
    expect(plain(sent).at(-1)).toEqual({ position: 60, duration: 100, viewingStart: false, final: false });
  });

  it("does not report a seek before the first play (the resume seek)", () => {
    reporter.seeked(30, 100);
    time.advance(COALESCE * 2);
    expect(sent).toEqual([]);
    reporter.timeUpdate(30, 100);
    expect(plain(sent)).toEqual([{ position: 30, duration: 100, viewingStart: true, final: false }]);
  });

  it("coalesces a burst of seeks and a pause into one report with the latest position", () => {
    reporter.timeUpdate(1, 100);
    time.advance(2_000);
    reporter.pause(3, 100);
    reporter.seeked(20, 100);
    time.advance(100);
    reporter.seeked(35, 100);
    time.advance(100);
    reporter.seeked(41.5, 100);
    // Timeupdates during the window are folded in, not sent on their own.
    reporter.timeUpdate(41.6, 100);
    expect(sent).toHaveLength(1);
    expect(reporter.pending).toBe(true);
    time.advance(COALESCE);
    expect(sent.map((report) => report.position)).toEqual([1, 41.6]);
    expect(reporter.pending).toBe(false);
    time.advance(COALESCE * 3);
    expect(sent).toHaveLength(2);
  });

  it("sends the end at once, replacing a coalesced report that was waiting", () => {
    reporter.timeUpdate(95, 100);
    time.advance(200);
    reporter.seeked(97, 100);
    reporter.ended(100);
    expect(plain(sent).at(-1)).toEqual({ position: 100, duration: 100, viewingStart: false, final: false });
    time.advance(COALESCE * 2);
    expect(sent.map((report) => report.position)).toEqual([95, 100]);
  });

  it("reports at once when the episode becomes completed (90 % or the last 3 s)", () => {
    reporter.timeUpdate(1, 20);
    time.advance(1_000);
    reporter.timeUpdate(16.9, 20);
    expect(sent).toHaveLength(1);
    // 17 s of 20 s is within 3 s of the end: completed, worth saving now.
    reporter.timeUpdate(17, 20);
    expect(sent.map((report) => report.position)).toEqual([1, 17]);
    // Only once: later positions wait for the interval again.
    time.advance(500);
    reporter.timeUpdate(17.5, 20);
    expect(sent).toHaveLength(2);
  });

  it("sends a final report on hide when there is an unsent position", () => {
    reporter.timeUpdate(1, 100);
    time.advance(3_000);
    reporter.timeUpdate(4, 100);
    reporter.hide();
    expect(plain(sent).at(-1)).toEqual({ position: 4, duration: 100, viewingStart: false, final: true });
  });

  it("sends a coalesced report at once, as the final one, when the page hides", () => {
    reporter.timeUpdate(1, 100);
    time.advance(1_000);
    reporter.pause(8, 100);
    reporter.hide();
    expect(plain(sent).at(-1)).toEqual({ position: 8, duration: 100, viewingStart: false, final: true });
    time.advance(COALESCE * 2);
    expect(sent).toHaveLength(2);
  });

  it("sends nothing on hide when nothing changed since the last report", () => {
    reporter.timeUpdate(1, 100);
    reporter.pause(8, 100);
    time.advance(COALESCE);
    reporter.hide();
    expect(sent).toHaveLength(2);
    expect(sent.every((report) => !report.final)).toBe(true);
  });

  it("sends nothing on hide before playback started", () => {
    reporter.hide();
    expect(sent).toEqual([]);
  });

  it("ignores a transient 0 after real progress", () => {
    reporter.timeUpdate(42, 100);
    time.advance(INTERVAL);
    reporter.timeUpdate(0, 100);
    reporter.pause(0, 100);
    time.advance(COALESCE);
    reporter.hide();
    expect(sent.map((report) => report.position)).toEqual([42]);
    time.advance(INTERVAL);
    reporter.timeUpdate(43, 100);
    expect(sent.map((report) => report.position)).toEqual([42, 43]);
  });

  it("ignores non-finite, negative and zero-duration values", () => {
    reporter.timeUpdate(Number.NaN, 100);
    reporter.timeUpdate(5, Number.POSITIVE_INFINITY);
    reporter.timeUpdate(5, Number.NaN);
    reporter.timeUpdate(-1, 100);
    reporter.timeUpdate(5, 0);
    reporter.pause(Number.POSITIVE_INFINITY, 100);
    time.advance(COALESCE);
    expect(sent).toEqual([]);
    reporter.timeUpdate(5, 100);
    expect(plain(sent)).toEqual([{ position: 5, duration: 100, viewingStart: true, final: false }]);
  });

  it("never reports a position past the duration", () => {
    reporter.pause(130, 100);
    time.advance(COALESCE);
    expect(plain(sent)).toEqual([{ position: 100, duration: 100, viewingStart: true, final: false }]);
  });

  it("stamps every report with a strictly increasing seq taken from the clock", () => {
    reporter.timeUpdate(1, 100);
    expect(sent[0].seq).toBe(1_000_000);
    // Two reports in the same millisecond still get distinct, ordered numbers.
    reporter.ended(100);
    reporter.hide();
    expect(sent.map((report) => report.seq)).toEqual([1_000_000, 1_000_001]);
    time.advance(5_000);
    reporter.seeked(50, 100);
    time.advance(COALESCE);
    expect(sent.at(-1)!.seq).toBe(1_000_000 + 5_000 + COALESCE);
  });
});
