/**
 * Honest availability: a drama's episode count is what it will have (an
 * ongoing drama announces more than are out), the catalog lists the episodes
 * playable now. Pages say "58 of 65 episodes available" and name the missing
 * numbers, grouped into runs ("Episodes 59–65"), as not available yet. Pure.
 */

export interface MissingRun {
  from: number;
  to: number;
}

export interface Availability {
  available: number;
  /** The drama's episode count, never less than the highest episode number listed. */
  total: number;
  /** The numbers from 1 to `total` with no playable episode, as runs in order. */
  missing: MissingRun[];
}

export function availability(episodeCount: number, numbers: readonly number[]): Availability {
  const present = new Set(numbers.filter((n) => Number.isInteger(n) && n > 0));
  const total = Math.max(Number.isFinite(episodeCount) ? Math.floor(episodeCount) : 0, ...present, 0);
  const missing: MissingRun[] = [];
  for (let n = 1; n <= total; n++) {
    if (present.has(n)) continue;
    const last = missing[missing.length - 1];
    if (last && last.to === n - 1) last.to = n;
    else missing.push({ from: n, to: n });
  }
  return { available: present.size, total, missing };
}
