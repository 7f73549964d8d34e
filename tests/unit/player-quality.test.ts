import { describe, expect, it } from "vitest";
import { AUTO, initialChoice, levelsToEnable, parseRenditions, pickMp4, type Rendition } from "~/lib/quality";

const R360: Rendition = { quality: "360p", height: 360, src: "/media/sample-1/360p.mp4" };
const R720: Rendition = { quality: "720p", height: 720, src: "/media/sample-1/720p.mp4" };
const BOTH = [R360, R720];

describe("parseRenditions", () => {
  it("reads the server's JSON, lowest first", () => {
    expect(parseRenditions(JSON.stringify([R720, R360]))).toEqual(BOTH);
  });

  it("skips malformed entries and derives a missing height from the label", () => {
    const json = JSON.stringify([
      { quality: "480p", src: "/a.mp4" },
      { quality: "x" },
      null,
      3,
      { height: 240, src: "/b.mp4" },
    ]);
    expect(parseRenditions(json)).toEqual([
      { quality: "240p", height: 240, src: "/b.mp4" },
      { quality: "480p", height: 480, src: "/a.mp4" },
    ]);
  });

  it("keeps the server's label with the episode's size, and drops one that is not a short string", () => {
    const json = JSON.stringify([
      { ...R360, label: "360p · ≈ 256 kB" },
      { ...R720, label: 42 },
      { quality: "1080p", height: 1080, src: "/c.mp4", label: "x".repeat(81) },
    ]);
    expect(parseRenditions(json)).toEqual([
      { ...R360, label: "360p · ≈ 256 kB" },
      R720,
      { quality: "1080p", height: 1080, src: "/c.mp4" },
    ]);
  });

  it("falls back to the single MP4 when the attribute is missing or broken", () => {
    expect(parseRenditions(undefined, "/media/x/360p.mp4")).toEqual([
      { quality: "360p", height: 360, src: "/media/x/360p.mp4" },
    ]);
    expect(parseRenditions("{oops", "/media/x/360p.mp4")).toHaveLength(1);
    expect(parseRenditions(undefined)).toEqual([]);
  });
});

describe("initialChoice", () => {
  it("is Auto normally and the lowest rendition with data saver", () => {
    expect(initialChoice(BOTH, false)).toBe(AUTO);
    expect(initialChoice(BOTH, true)).toBe("360p");
    expect(initialChoice([], true)).toBe(AUTO);
  });
});

describe("levelsToEnable", () => {
  it("enables every level for Auto", () => {
    expect(levelsToEnable([360, 720], AUTO, BOTH)).toEqual([true, true]);
  });

  it("enables only the chosen height", () => {
    expect(levelsToEnable([360, 720], "720p", BOTH)).toEqual([false, true]);
    expect(levelsToEnable([720, 360], "360p", BOTH)).toEqual([false, true]);
  });

  it("falls back to the closest height so something always plays", () => {
    expect(levelsToEnable([240, 540, 1080], "720p", BOTH)).toEqual([false, true, false]);
  });

  it("enables everything when the choice means nothing", () => {
    expect(levelsToEnable([360, 720], "best", [])).toEqual([true, true]);
  });
});

describe("pickMp4", () => {
  const wide = { dataSaver: false, constrained: false, screenHeight: 1000 };
  it("plays the chosen rendition", () => {
    expect(pickMp4(BOTH, "360p", wide)).toBe(R360);
    expect(pickMp4(BOTH, "720p", { ...wide, dataSaver: true })).toBe(R720);
  });

  it("Auto: the lowest with data saver or a constrained connection", () => {
    expect(pickMp4(BOTH, AUTO, { ...wide, dataSaver: true })).toBe(R360);
    expect(pickMp4(BOTH, AUTO, { ...wide, constrained: true })).toBe(R360);
  });

  it("Auto: the smallest rendition that covers the player, else the highest", () => {
    expect(pickMp4(BOTH, AUTO, { ...wide, screenHeight: 300 })).toBe(R360);
    expect(pickMp4(BOTH, AUTO, { ...wide, screenHeight: 600 })).toBe(R720);
    expect(pickMp4(BOTH, AUTO, { ...wide, screenHeight: 2000 })).toBe(R720);
  });

  it("has nothing to pick without renditions", () => {
    expect(pickMp4([], AUTO, wide)).toBeNull();
  });
});
