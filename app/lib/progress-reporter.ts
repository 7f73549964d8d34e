/**
 * Decides when the player reports progress (after Jellyfin): on the first
 * play, every `intervalMs` while playing, when the episode becomes
 * "completed", and on pause, seek, end and page hide. Pure: the player wires
 * events in, `send` goes out; time and timers are injected.
 *
 * - Coalescing: pause and seek do not send at once but within `coalesceMs`,
 *   so a burst (scrubbing, pause + seek + play) sends one report holding the
 *   latest position. End and page hide send at once (the page may be gone).
 * - Ordering: every report carries `seq`, the client clock in ms at the
 *   moment the report is made, strictly increasing within a page, so the
 *   server can drop a save that arrives after a newer one.
 * - A transient 0 (source switch, stream reload) after real progress is
 *   ignored rather than reported.
 */
import { isCompleted } from "./progress-rules";

export interface ProgressReport {
  position: number;
  duration: number;
  /** True on the first report of a viewing (page load). */
  viewingStart: boolean;
  /** Page hide: the caller should use a beacon. */
  final: boolean;
  /** Orders reports: the client's clock (ms) when the report was made. */
  seq: number;
}

/** Runs `fn` after `ms`; returns a function that cancels it. */
export type Schedule = (fn: () => void, ms: number) => () => void;

export interface ReporterOptions {
  send: (report: ProgressReport) => void;
  intervalMs?: number;
  coalesceMs?: number;
  now?: () => number;
  schedule?: Schedule;
}

export const REPORT_INTERVAL_MS = 10_000;
export const COALESCE_MS = 400;

const defaultSchedule: Schedule = (fn, ms) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};

export class ProgressReporter {
  private readonly sendReport: (report: ProgressReport) => void;
  private readonly intervalMs: number;
  private readonly coalesceMs: number;
  private readonly now: () => number;
  private readonly schedule: Schedule;
  private lastSentAt = -Infinity;
  private lastSentPosition = -1;
  private lastSeq = 0;
  private position = 0;
  private duration = 0;
  private started = false;
  private completed = false;
  private cancelPending: (() => void) | null = null;

  constructor(options: ReporterOptions) {
    this.sendReport = options.send;
    this.intervalMs = options.intervalMs ?? REPORT_INTERVAL_MS;
    this.coalesceMs = options.coalesceMs ?? COALESCE_MS;
    this.now = options.now ?? (() => Date.now());
    this.schedule = options.schedule ?? defaultSchedule;
  }

  /** Call on every timeupdate while playing. */
  timeUpdate(position: number, duration: number): void {
    if (!this.observe(position, duration)) return;
    if (this.cancelPending) return; // a coalesced report will carry this position
    const justCompleted = !this.completed && isCompleted(this.position, this.duration);
    if (!this.started || justCompleted || this.now() - this.lastSentAt >= this.intervalMs) this.flush(false);
  }

  pause(position: number, duration: number): void {
    if (this.observe(position, duration)) this.soon();
  }

  seeked(position: number, duration: number): void {
    if (this.observe(position, duration) && this.started) this.soon();
  }

  ended(duration: number): void {
    if (this.observe(duration, duration)) this.flush(false);
  }

  /** pagehide / visibility hidden: report what we have, for a beacon. */
  hide(): void {
    if (!this.started) return;
    if (this.cancelPending || this.position !== this.lastSentPosition) this.flush(true);
  }

  /** True while a coalesced report waits to be sent. */
  get pending(): boolean {
    return this.cancelPending !== null;
  }

  /**
   * Keeps the latest sane position. A transient 0 (source switch, reload of
   * the stream) after real progress is ignored rather than reported.
   */
  private observe(position: number, duration: number): boolean {
    if (!Number.isFinite(position) || !Number.isFinite(duration) || duration <= 0 || position < 0) return false;
    if (position === 0 && this.position > 1) return false;
    this.position = Math.min(position, duration);
    this.duration = duration;
    return true;
  }

  private soon(): void {
    if (this.cancelPending) return;
    this.cancelPending = this.schedule(() => {
      this.cancelPending = null;
      this.flush(false);
    }, this.coalesceMs);
  }

  private flush(final: boolean): void {
    if (this.cancelPending) {
      this.cancelPending();
      this.cancelPending = null;
    }
    const viewingStart = !this.started;
    this.started = true;
    this.completed = isCompleted(this.position, this.duration);
    this.lastSentAt = this.now();
    this.lastSentPosition = this.position;
    this.lastSeq = Math.max(Math.floor(this.now()), this.lastSeq + 1);
    this.sendReport({ position: this.position, duration: this.duration, viewingStart, final, seq: this.lastSeq });
  }
}
