/**
 * The "Up next" countdown: pure timing, no DOM. The count is derived from a
 * deadline, not from counting ticks, so a throttled timer (background tab,
 * slow phone) never stretches the 10 seconds, and it ends exactly once.
 */
import type { Schedule } from "./progress-reporter";

export const UP_NEXT_SECONDS = 10;

/** Whole seconds left until `deadline` (rounded up, never negative). */
export function secondsLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

export interface CountdownOptions {
  seconds?: number;
  now?: () => number;
  schedule?: Schedule;
  /** Called with the seconds left: once at start, then whenever the number changes. */
  onTick: (secondsLeft: number) => void;
  onDone: () => void;
}

export type CountdownState = "idle" | "running" | "cancelled" | "done";

const defaultSchedule: Schedule = (fn, ms) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};

export class Countdown {
  private readonly seconds: number;
  private readonly now: () => number;
  private readonly schedule: Schedule;
  private readonly onTick: (secondsLeft: number) => void;
  private readonly onDone: () => void;
  private deadline = 0;
  private shown = -1;
  private cancelTimer: (() => void) | null = null;
  state: CountdownState = "idle";

  constructor(options: CountdownOptions) {
    this.seconds = options.seconds ?? UP_NEXT_SECONDS;
    this.now = options.now ?? (() => Date.now());
    this.schedule = options.schedule ?? defaultSchedule;
    this.onTick = options.onTick;
    this.onDone = options.onDone;
  }

  start(): void {
    if (this.state === "running") return;
    this.state = "running";
    this.deadline = this.now() + this.seconds * 1000;
    this.shown = -1;
    this.update();
  }

  cancel(): void {
    if (this.state !== "running") return;
    this.state = "cancelled";
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private update(): void {
    this.cancelTimer = null;
    if (this.state !== "running") return;
    const left = secondsLeft(this.deadline, this.now());
    if (left !== this.shown) {
      this.shown = left;
      this.onTick(left);
    }
    if (left === 0) {
      this.state = "done";
      this.onDone();
      return;
    }
    // Wake up at the next whole-second boundary before the deadline.
    const untilNextChange = (this.deadline - this.now()) % 1000 || 1000;
    this.cancelTimer = this.schedule(() => this.update(), untilNextChange);
  }
}

/** What the card shows when the episode ends. */
export type UpNextMode = "countdown" | "manual";

export function upNextMode(autoplay: boolean): UpNextMode {
  return autoplay ? "countdown" : "manual";
}
