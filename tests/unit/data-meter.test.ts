/** The data meter's rules (app/lib/data-meter.ts): the month, the seconds a row counts, the rendition it is priced at. */
import { describe, expect, it } from "vitest";
import type { StreamRendition } from "~/catalog/types";
import {
  meterRendition,
  meterTotal,
  monthStart,
  secondsWatched,
  storedQuality,
  wasPlayed,
  type MeterRow,
} from "~/lib/data-meter";

const rendition = (quality: string, height: number, bitrate?: number): StreamRendition => ({
  quality,
  height,
  src: `/${quality}.mp4`,
  bitrate,
});
const LOW = rendition("360p", 360, 400_000);
const HIGH = rendition("720p", 720, 1_200_000);
const RENDITIONS = [LOW, HIGH];

function row(fields: Partial<MeterRow> = {}): MeterRow {
  return { episodeId: "ep-1", currentTime: 60, duration: 600, completed: false, quality: "360p", ...fields };
}

describe("monthStart", () => {
  it("is midnight UTC on the first of the month, whatever the time of day or zone offset", () => {
    expect(monthStart(new Date("2026-12-08T10:11:12.345Z"))).toEqual(new Date("2026-12-01T00:00:00.000Z"));
    expect(monthStart(new Date("2026-12-01T00:00:00.000Z"))).toEqual(new Date("2026-12-01T00:00:00.000Z"));
    expect(monthStart(new Date("2026-11-30T23:59:59.999Z"))).toEqual(new Date("2026-11-01T00:00:00.000Z"));
    // 1 January 06:00 in Jakarta is still 31 December in UTC.
    expect(monthStart(new Date("2027-01-01T06:00:00+07:00"))).toEqual(new Date("2026-12-01T00:00:00.000Z"));
  });
});

describe("storedQuality", () => {
  it("keeps a label the episode has, and stores any other label as auto (something played)", () => {
    expect(storedQuality("360p", RENDITIONS)).toBe("360p");
    expect(storedQuality("720p", RENDITIONS)).toBe("720p");
    expect(storedQuality("auto", RENDITIONS)).toBe("auto");
    expect(storedQuality("1080p", RENDITIONS)).toBe("auto");
    expect(storedQuality("360P", RENDITIONS)).toBe("auto");
    expect(storedQuality("360p", [])).toBe("auto");
  });

  it("is null when the save names none, so the stored quality is kept", () => {
    expect(storedQuality(undefined, RENDITIONS)).toBeNull();
  });
});

describe("secondsWatched", () => {
  it("is how far the viewer got, or the whole episode once completed", () => {
    expect(secondsWatched(row({ currentTime: 125 }))).toBe(125);
    expect(secondsWatched(row({ currentTime: 560, completed: true }))).toBe(600);
    expect(secondsWatched(row({ currentTime: 0 }))).toBe(0);
  });

  it("never counts past the end or below zero", () => {
    expect(secondsWatched(row({ currentTime: 900 }))).toBe(600);
    expect(secondsWatched(row({ currentTime: -5 }))).toBe(0);
    expect(secondsWatched(row({ duration: -1, completed: true }))).toBe(0);
  });
});

describe("meterRendition", () => {
  it("is the rendition the row names", () => {
    expect(meterRendition(RENDITIONS, "360p")).toBe(LOW);
    expect(meterRendition(RENDITIONS, "720p")).toBe(HIGH);
  });

  it("is the highest rendition for auto or a label the episode does not have", () => {
    expect(meterRendition(RENDITIONS, "auto")).toBe(HIGH);
    expect(meterRendition([HIGH, LOW], "auto")).toBe(HIGH);
    expect(meterRendition(RENDITIONS, "1080p")).toBe(HIGH);
  });

  it("is the highest one whose bit rate is known when the named one's is not", () => {
    const unpriced = rendition("1080p", 1080);
    expect(meterRendition([LOW, HIGH, unpriced], "auto")).toBe(HIGH);
    expect(meterRendition([LOW, HIGH, unpriced], "1080p")).toBe(HIGH);
    // Two of the same height: the larger bit rate.
    const richer = rendition("720p HDR", 720, 2_000_000);
    expect(meterRendition([LOW, HIGH, richer], "auto")).toBe(richer);
  });

  it("is null when no rendition has a bit rate", () => {
    expect(meterRendition([rendition("360p", 360)], "360p")).toBeNull();
    expect(meterRendition([], "auto")).toBeNull();
  });
});

describe("meterTotal", () => {
  const catalog = new Map<string, readonly StreamRendition[]>([
    ["ep-1", RENDITIONS],
    ["ep-2", RENDITIONS],
    ["ep-3", [rendition("360p", 360)]],
  ]);
  const renditionsOf = (id: string) => catalog.get(id);

  it("sums bit rate × seconds watched over the rows, each at its own rendition", () => {
    const rows = [
      row({ episodeId: "ep-1", currentTime: 80, quality: "360p" }),
      row({ episodeId: "ep-2", completed: true, currentTime: 590, quality: "720p" }),
    ];
    // 400 kbit/s × 80 s + 1.2 Mbit/s × 600 s.
    expect(meterTotal(rows, renditionsOf)).toEqual({ bytes: 4_000_000 + 90_000_000, played: 2 });
  });

  it("prices auto at the episode's highest rendition", () => {
    expect(meterTotal([row({ currentTime: 10, quality: "auto" })], renditionsOf)).toEqual({
      bytes: 1_500_000,
      played: 1,
    });
  });

  it("leaves out rows only marked as watched: nothing was streamed", () => {
    const marked = row({ completed: true, currentTime: 600, quality: null });
    expect(wasPlayed(marked)).toBe(false);
    expect(meterTotal([marked], renditionsOf)).toEqual({ bytes: 0, played: 0 });
  });

  it("counts as played, at nothing, a row the catalog can no longer price", () => {
    const rows = [row({ episodeId: "gone" }), row({ episodeId: "ep-3" }), row({ currentTime: 8 })];
    expect(meterTotal(rows, renditionsOf)).toEqual({ bytes: 400_000, played: 3 });
  });

  it("is zero for no rows", () => {
    expect(meterTotal([], renditionsOf)).toEqual({ bytes: 0, played: 0 });
  });
});
