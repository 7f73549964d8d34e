import { describe, expect, it } from "vitest";
import { createLocalCatalog } from "~/catalog/local.server";
import { filterDramas } from "~/catalog/query";
import { confirmedTracks, dramaTracks } from "~/catalog/tracks";
import type { Episode, Subtitle } from "~/catalog/types";
import { makeDrama } from "../helpers/dramas";

function track(lang: string): Subtitle {
  return { lang, label: lang, src: `/media/x.${lang}.vtt` };
}

function episode(number: number, subtitles: string[], descriptions: string[] = []): Episode {
  return {
    id: `d-ep-${number}`,
    dramaId: "d",
    number,
    title: `Episode ${number}`,
    titleLang: "en",
    duration: 20,
    streams: { hls: "/media/x.m3u8", mp4: [{ quality: "360p", height: 360, src: "/media/x.mp4" }] },
    subtitles: subtitles.map(track),
    descriptions: descriptions.map(track),
    thumbnailUrl: "/posters/d.svg",
  };
}

describe("dramaTracks", () => {
  it("lists a language only when every episode carries it", () => {
    const episodes = [episode(1, ["en", "id"], ["en"]), episode(2, ["id", "en"], ["en", "id"]), episode(3, ["en"])];
    expect(dramaTracks(episodes)).toEqual({ subtitles: ["en"], descriptions: [] });
    expect(dramaTracks(episodes.slice(0, 2))).toEqual({ subtitles: ["en", "id"], descriptions: ["en"] });
  });

  it("claims nothing for a drama without episodes", () => {
    expect(dramaTracks([])).toEqual({ subtitles: [], descriptions: [] });
  });
});

describe("confirmedTracks", () => {
  it("keeps only what the catalog claims and the episodes carry", () => {
    const claimed = { subtitles: ["en", "id"], descriptions: ["en"] };
    expect(confirmedTracks(claimed, [episode(1, ["en"], ["en"]), episode(2, ["en", "id"])])).toEqual({
      subtitles: ["en"],
      descriptions: [],
    });
    expect(confirmedTracks({ subtitles: [], descriptions: [] }, [episode(1, ["en"], ["en"])])).toEqual({
      subtitles: [],
      descriptions: [],
    });
  });
});

describe("filterDramas by tracks", () => {
  const described = makeDrama({ id: "a", tracks: { subtitles: ["en", "id"], descriptions: ["en", "id"] } });
  const englishOnly = makeDrama({ id: "b", tracks: { subtitles: ["en"], descriptions: [] } });
  const none = makeDrama({ id: "c", tracks: { subtitles: [], descriptions: [] } });

  it("keeps the dramas with captions in the language asked", () => {
    expect(filterDramas([described, englishOnly, none], { subtitles: "id" }).map((d) => d.id)).toEqual(["a"]);
    expect(filterDramas([described, englishOnly, none], { subtitles: "en" }).map((d) => d.id)).toEqual(["a", "b"]);
  });

  it("keeps the dramas with descriptions in the language asked", () => {
    expect(filterDramas([described, englishOnly, none], { descriptions: "id" }).map((d) => d.id)).toEqual(["a"]);
  });
});

describe("the demo catalog", () => {
  it("gives descriptions to some dramas' episodes and not others, and its badges say exactly that", async () => {
    const catalog = createLocalCatalog();
    const all = await catalog.list({ pageSize: 60 });
    const described = all.items.filter((drama) => drama.tracks.descriptions.length > 0);
    expect(described.length).toBeGreaterThan(0);
    expect(described.length).toBeLessThan(all.items.length);
    for (const drama of all.items) {
      const episodes = await catalog.getEpisodes(drama.id);
      expect(drama.tracks).toEqual(dramaTracks(episodes));
      const everyDescribed = episodes.every((e) => e.descriptions.length > 0);
      expect(drama.tracks.descriptions.length > 0).toBe(everyDescribed);
    }
    const filtered = await catalog.list({ descriptions: "id", pageSize: 60 });
    expect(filtered.items.map((d) => d.id).sort()).toEqual(described.map((d) => d.id).sort());
  });
});
