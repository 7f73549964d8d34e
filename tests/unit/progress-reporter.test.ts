import { beforeEach, describe, expect, it } from "vitest";
import { ProgressReporter, type ProgressReport } from "~/lib/progress-reporter";

const INTERVAL = 10_000;

describe("ProgressReporter", () => {
  let clock: number;
  let sent: ProgressReport[];
  let reporter: ProgressReporter;

  beforeEach(() => {
    clock = 1_000_000;
    sent = [];
    reporter = new ProgressReporter({ send: (report) => sent.push(report), intervalMs: INTERVAL, now: () => clock });
  });

  const tick = (ms: number) => {
    clock += ms;
  };

  it("sends the first report at once, marked as the start of a viewing", () => {
    reporter.timeUpdate(0.2, 100);
    expect(sent).toEqual([{ position: 0.2, duration: 100, viewingStart: true, final: false }]);
  });

  it("throttles reports to the interval while playing, sending the latest position", () => {
    reporter.timeUpdate(1, 100);
    tick(4_000);
    reporter.timeUpdate(5, 100);
    tick(5_999);
    reporter.timeUpdate(10.9, 100);
    expect(sent).toHaveLength(1);
    tick(1);
    reporter.timeUpdate(11, 100);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual({ position: 11, duration: 100, viewingStart: false, final: false });
  });

  it("uses a 10 second interval by default", () => {
    const reports: ProgressReport[] = [];
    const defaultReporter = new ProgressReporter({ send: (report) => reports.push(report), now: () => clock });
    defaultReporter.timeUpdate(1, 100);
    tick(9_999);
    defaultReporter.timeUpdate(2, 100);
    expect(reports).toHaveLength(1);
    tick(1);
    defaultReporter.timeUpdate(3, 100);
    expect(reports).toHaveLength(2);
  });

  it("reports at once on pause, within the interval", () => {
    reporter.timeUpdate(1, 100);
    tick(500);
    reporter.pause(7, 100);
    expect(sent.map((report) => report.position)).toEqual([1, 7]);
  });

  it("reports at once after a seek, once playback has started", () => {
    reporter.timeUpdate(1, 100);
    tick(500);
    reporter.seeked(60, 100);
    expect(sent.at(-1)).toEqual({ position: 60, duration: 100, viewingStart: false, final: false });
  });

  it("does not report a seek before the first play", () => {
    reporter.seeked(30, 100);
    expect(sent).toEqual([]);
    reporter.timeUpdate(30, 100);
    expect(sent).toEqual([{ position: 30, duration: 100, viewingStart: true, final: false }]);
  });

  it("reports the full duration at once when the episode ends", () => {
    reporter.timeUpdate(95, 100);
    tick(200);
    reporter.ended(100);
    expect(sent.at(-1)).toEqual({ position: 100, duration: 100, viewingStart: false, final: false });
  });

  it("sends a final report on hide when there is an unsent position", () => {
    reporter.timeUpdate(1, 100);
    tick(3_000);
    reporter.timeUpdate(4, 100);
    reporter.hide();
    expect(sent.at(-1)).toEqual({ position: 4, duration: 100, viewingStart: false, final: true });
  });

  it("sends nothing on hide when nothing changed since the last report", () => {
    reporter.timeUpdate(1, 100);
    reporter.pause(8, 100);
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
    tick(INTERVAL);
    reporter.timeUpdate(0, 100);
    reporter.pause(0, 100);
    reporter.hide();
    expect(sent.map((report) => report.position)).toEqual([42]);
    tick(INTERVAL);
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
    expect(sent).toEqual([]);
    reporter.timeUpdate(5, 100);
    expect(sent).toEqual([{ position: 5, duration: 100, viewingStart: true, final: false }]);
  });

  it("never reports a position past the duration", () => {
    reporter.pause(130, 100);
    expect(sent).toEqual([{ position: 100, duration: 100, viewingStart: true, final: false }]);
  });
});
