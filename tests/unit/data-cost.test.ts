/** What watching costs (app/lib/data-cost.ts): bit rate × seconds, per rendition, and what is left of a series. */
import { describe, expect, it } from "vitest";
import { SAMPLE_MEDIA } from "~/catalog/media";
import { costToFinish, episodeCosts, secondsLeft, streamBytes } from "~/lib/data-cost";

const rendition = (quality: string, bitrate?: number) => ({ quality, height: 360, src: `/${quality}.mp4`, bitrate });

describe("streamBytes", () => {
  it("is bit rate × seconds in bytes, rounded", () => {
    expect(streamBytes({ bitrate: 800_000 }, 60)).toBe(6_000_000);
    expect(streamBytes({ bitrate: 102_510 }, 20)).toBe(256_275);
    expect(streamBytes({ bitrate: 3 }, 1)).toBe(0);
    expect(streamBytes({ bitrate: 800_000 }, -5)).toBe(0);
  });

  it("has no answer without a usable bit rate", () => {
    expect(streamBytes({}, 60)).toBeNull();
    expect(streamBytes({ bitrate: 0 }, 60)).toBeNull();
    expect(streamBytes({ bitrate: Number.NaN }, 60)).toBeNull();
    expect(streamBytes({ bitrate: Number.POSITIVE_INFINITY }, 60)).toBeNull();
  });

  it("matches the real size of every sample file within 2 % (the bit rate is the file's own)", () => {
    for (const media of SAMPLE_MEDIA) {
      for (const made of media.renditions) {
        const estimate = streamBytes(made, media.duration)!;
        expect(Math.abs(estimate - made.bytes) / made.bytes, `${media.name} ${made.quality}`).toBeLessThan(0.02);
      }
    }
  });
});

describe("episodeCosts", () => {
  it("lists each rendition with a known bit rate, lowest first, and leaves out the rest", () => {
    const episode = {
      duration: 100,
      streams: { mp4: [rendition("360p", 400_000), rendition("540p"), rendition("720p", 1_200_000)] },
    };
    expect(episodeCosts(episode)).toEqual([
      { quality: "360p", bytes: 5_000_000 },
      { quality: "720p", bytes: 15_000_000 },
    ]);
    expect(episodeCosts({ duration: 100, streams: { mp4: [] } })).toEqual([]);
  });
});

describe("what finishing a series costs", () => {
  const costs = [
    { quality: "360p", bytes: 1_000_000 },
    { quality: "720p", bytes: 3_000_000 },
  ];
  const episodes = [1, 2, 3, 4].map((n) => ({ id: `e${n}`, duration: 100, costs }));

  it("is every episode for a viewer who has not started", () => {
    expect(costToFinish(episodes, {})).toEqual([
      { quality: "360p", bytes: 4_000_000 },
      { quality: "720p", bytes: 12_000_000 },
    ]);
  });

  it("leaves out watched episodes and the part of an episode already seen", () => {
    const progress = {
      e1: { currentTime: 100, duration: 100, completed: true },
      e2: { currentTime: 95, duration: 100, completed: false },
      e3: { currentTime: 40, duration: 100, completed: false },
    };
    // e1 and e2 (95 %, past the completion threshold) are watched; 60 % of e3 and all of e4 remain.
    expect(costToFinish(episodes, progress)).toEqual([
      { quality: "360p", bytes: 1_600_000 },
      { quality: "720p", bytes: 4_800_000 },
    ]);
  });

  it("counts a barely started episode whole, as playback starts it again from the beginning", () => {
    expect(secondsLeft(100, { currentTime: 2, duration: 100, completed: false })).toBe(100);
    expect(secondsLeft(100, undefined)).toBe(100);
    expect(secondsLeft(100, { currentTime: 50, duration: 100, completed: false })).toBe(50);
  });

  it("names only qualities every episode has, so a sum never undercounts", () => {
    const partial = [...episodes.slice(0, 3), { id: "e4", duration: 100, costs: costs.slice(0, 1) }];
    expect(costToFinish(partial, {})).toEqual([{ quality: "360p", bytes: 4_000_000 }]);
    expect(costToFinish([], {})).toEqual([]);
  });
});
