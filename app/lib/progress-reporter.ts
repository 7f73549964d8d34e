/**
 * Decides when the player reports progress (after Jellyfin): on the first
 * play, every `intervalMs` while playing, and at once on pause, seek, end and
 * page hide. Pure: the player wires events in, `send` goes out.
 */

export interface ProgressReport {
  position: number;
  duration: number;
  /** True on the first report of a viewing (page load). */
  viewingStart: boolean;
  /** Page hide: the caller should use a beacon. */
  final: boolean;
}

export interface ReporterOptions {
  send: (report: ProgressReport) => void;
  intervalMs?: number;
  now?: () => number;
}

export class ProgressReporter {
  private readonly send: (report: ProgressReport) => void;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private lastSentAt = -Infinity;
  private lastSentPosition = -1;
  private position = 0;
  private duration = 0;
  private started = false;

  constructor(options: ReporterOptions) {
    this.send = options.send;
    this.intervalMs = options.intervalMs ?? 10_000;
    this.now = options.now ?? (() => Date.now());
  }

  /** Call on every timeupdate while playing. */
  timeUpdate(position: number, duration: number): void {
    if (!this.observe(position, duration)) return;
    if (!this.started || this.now() - this.lastSentAt >= this.intervalMs) this.flush(false);
  }

  pause(position: number, duration: number): void {
    if (this.observe(position, duration)) this.flush(false);
  }

  seeked(position: number, duration: number): void {
    if (this.observe(position, duration) && this.started) this.flush(false);
  }

  ended(duration: number): void {
    if (this.observe(duration, duration)) this.flush(false);
  }

  /** pagehide / visibility hidden: report what we have with a beacon. */
  hide(): void {
    if (this.started && this.position !== this.lastSentPosition) this.flush(true);
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

  private flush(final: boolean): void {
    const viewingStart = !this.started;
    this.started = true;
    this.lastSentAt = this.now();
    this.lastSentPosition = this.position;
    this.send({ position: this.position, duration: this.duration, viewingStart, final });
  }
}
