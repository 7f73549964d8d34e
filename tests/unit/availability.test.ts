/** Honest availability (app/lib/availability.ts): "58 of 65 available", and the missing numbers as runs. */
import { describe, expect, it } from "vitest";
import { availability } from "~/lib/availability";

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("availability", () => {
  it("says 58 of 65 and names episodes 59–65 as one run", () => {
    expect(availability(65, range(1, 58))).toEqual({ available: 58, total: 65, missing: [{ from: 59, to: 65 }] });
  });

  it("has nothing missing when every episode is out", () => {
    expect(availability(12, range(1, 12))).toEqual({ available: 12, total: 12, missing: [] });
  });

  it("finds gaps in the middle, each run on its own", () => {
    expect(availability(10, [1, 2, 4, 5, 8]).missing).toEqual([
      { from: 3, to: 3 },
      { from: 6, to: 7 },
      { from: 9, to: 10 },
    ]);
  });

  it("never counts fewer episodes than the highest number listed, nor odd numbers", () => {
    expect(availability(3, [1, 2, 3, 4, 5])).toEqual({ available: 5, total: 5, missing: [] });
    expect(availability(Number.NaN, [1, 2])).toEqual({ available: 2, total: 2, missing: [] });
    expect(availability(4, [1, 1, 0, -2, 2.5, 2])).toEqual({ available: 2, total: 4, missing: [{ from: 3, to: 4 }] });
    expect(availability(0, [])).toEqual({ available: 0, total: 0, missing: [] });
  });
});
