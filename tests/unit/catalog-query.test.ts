import { describe, expect, it } from "vitest";
import { SAMPLE_MEDIA } from "~/catalog/media";
import { createLocalCatalog, episodeId } from "~/catalog/local.server";
import { DEMO_DRAMAS, GENRES, VIBES } from "~/catalog/demo-data";
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  filterDramas,
  listDramas,
  normalise,
  paginate,
  searchDramas,
  sortDramas,
  tokenize,
} from "~/catalog/query";
import { fixtureDramas, ids } from "../helpers/dramas";

const dramas = fixtureDramas();

describe("filterDramas", () => {
  it("filters by genre", () => {
    expect(ids(filterDramas(dramas, { genre: "romance" }))).toEqual(["tea", "hairpin", "lanterns"]);
  });

  it("filters by vibe", () => {
    expect(ids(filterDramas(dramas, { vibe: "healing" }))).toEqual(["tea", "noodles"]);
  });

  it("filters by year", () => {
    expect(ids(filterDramas(dramas, { year: 2024 }))).toEqual(["tea", "neon"]);
  });

  it("filters by status", () => {
    expect(ids(filterDramas(dramas, { status: "ongoing" }))).toEqual(["neon", "lanterns"]);
  });

  it("combines filters with AND", () => {
    expect(ids(filterDramas(dramas, { genre: "romance", status: "ongoing" }))).toEqual(["lanterns"]);
    expect(ids(filterDramas(dramas, { genre: "romance", year: 2024, status: "completed" }))).toEqual(["tea"]);
    expect(filterDramas(dramas, { genre: "comedy", vibe: "sweet", year: 2022 })).toEqual([]);
  });

  it("returns everything when no filter is set", () => {
    expect(filterDramas(dramas, {})).toHaveLength(dramas.length);
  });

  it("returns nothing for an unknown genre", () => {
    expect(filterDramas(dramas, { genre: "western" })).toEqual([]);
  });
});

describe("sortDramas", () => {
  it("sorts latest first by date added, ties by title", () => {
    expect(ids(sortDramas(dramas, "latest"))).toEqual(["lanterns", "neon", "tea", "hairpin", "noodles"]);
  });

  it("defaults to latest", () => {
    expect(ids(sortDramas(dramas))).toEqual(ids(sortDramas(dramas, "latest")));
  });

  it("sorts by rating, ties by popularity", () => {
    expect(ids(sortDramas(dramas, "rating"))).toEqual(["hairpin", "tea", "neon", "lanterns", "noodles"]);
  });

  it("sorts by popularity", () => {
    expect(ids(sortDramas(dramas, "popularity"))).toEqual(["neon", "hairpin", "tea", "lanterns", "noodles"]);
  });

  it("does not reorder the input array", () => {
    const before = ids(dramas);
    sortDramas(dramas, "popularity");
    expect(ids(dramas)).toEqual(before);
  });
});

describe("paginate", () => {
  const items = Array.from({ length: 23 }, (_, index) => index + 1);

  it("slices a page and reports the totals", () => {
    expect(paginate(items, 2, 10)).toEqual({
      items: [11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
      page: 2,
      pageSize: 10,
      total: 23,
      totalPages: 3,
    });
    expect(paginate(items, 3, 10).items).toEqual([21, 22, 23]);
  });

  it("clamps a page past the end to the last page", () => {
    const page = paginate(items, 99, 10);
    expect(page.page).toBe(3);
    expect(page.items).toEqual([21, 22, 23]);
  });

  it("clamps page 0, negative and fractional pages", () => {
    expect(paginate(items, 0, 10).page).toBe(1);
    expect(paginate(items, -4, 10).page).toBe(1);
    expect(paginate(items, 2.7, 10).page).toBe(2);
  });

  it("clamps the page size between 1 and the maximum", () => {
    expect(paginate(items, 1, 0).pageSize).toBe(1);
    expect(paginate(items, 1, 1000).pageSize).toBe(MAX_PAGE_SIZE);
    expect(paginate(items).pageSize).toBe(DEFAULT_PAGE_SIZE);
  });

  it("has one empty page for an empty list", () => {
    expect(paginate([], 5, 10)).toEqual({ items: [], page: 1, pageSize: 10, total: 0, totalPages: 1 });
  });
});

describe("listDramas", () => {
  it("filters, sorts and paginates together", () => {
    const page = listDramas(dramas, { genre: "romance", sort: "popularity", page: 1, pageSize: 2 });
    expect(ids(page.items)).toEqual(["hairpin", "tea"]);
    expect(page.total).toBe(3);
    expect(page.totalPages).toBe(2);
    expect(ids(listDramas(dramas, { genre: "romance", sort: "popularity", page: 2, pageSize: 2 }).items)).toEqual([
      "lanterns",
    ]);
  });
});

describe("search helpers", () => {
  it("normalise lower-cases and removes accents", () => {
    expect(normalise("Qiáo ÉLAN")).toBe("qiao elan");
  });

  it("tokenize splits on anything that is not a letter or digit", () => {
    expect(tokenize("  Neon-Rain, 2024!  ")).toEqual(["neon", "rain", "2024"]);
    expect(tokenize("…!?")).toEqual([]);
  });
});

describe("searchDramas", () => {
  it("finds by title", () => {
    expect(ids(searchDramas(dramas, "neon"))).toEqual(["neon"]);
  });

  it("finds by synopsis", () => {
    expect(ids(searchDramas(dramas, "detective"))).toEqual(["neon"]);
  });

  it("finds by cast", () => {
    expect(ids(searchDramas(dramas, "mochuan"))).toEqual(["tea"]);
  });

  it("finds by genre and vibe", () => {
    expect(ids(searchDramas(dramas, "thriller"))).toEqual(["neon"]);
    expect(ids(searchDramas(dramas, "suspenseful"))).toEqual(["neon"]);
  });

  it("is case-insensitive", () => {
    expect(ids(searchDramas(dramas, "MOONLIT"))).toEqual(["tea"]);
  });

  it("is accent-insensitive both ways", () => {
    expect(ids(searchDramas(dramas, "qiaoyu"))).toEqual(["tea"]);
    expect(ids(searchDramas(dramas, "Néon"))).toEqual(["neon"]);
  });

  it("matches word prefixes, not the middle of words", () => {
    expect(ids(searchDramas(dramas, "lant"))).toContain("lanterns");
    expect(searchDramas(dramas, "ntern")).toEqual([]);
  });

  it("requires every term to match (AND)", () => {
    expect(ids(searchDramas(dramas, "tea carpenter"))).toEqual(["tea"]);
    expect(ids(searchDramas(dramas, "sweet romance")).sort()).toEqual(["lanterns", "tea"]);
    expect(searchDramas(dramas, "tea detective")).toEqual([]);
  });

  it("ranks title matches before more popular synopsis matches", () => {
    // "lanterns": title of a popularity-400 drama, synopsis of a popularity-900 one.
    expect(ids(searchDramas(dramas, "lanterns"))).toEqual(["lanterns", "hairpin"]);
    expect(ids(searchDramas(dramas, "tea"))).toEqual(["tea", "noodles"]);
  });

  it("breaks score ties by popularity", () => {
    expect(ids(searchDramas(dramas, "comedy"))).toEqual(["lanterns", "noodles"]);
  });

  it("returns nothing for an empty or punctuation-only query", () => {
    expect(searchDramas(dramas, "")).toEqual([]);
    expect(searchDramas(dramas, "   ")).toEqual([]);
    expect(searchDramas(dramas, "?!")).toEqual([]);
  });

  it("returns nothing when no drama matches", () => {
    expect(searchDramas(dramas, "spaceship")).toEqual([]);
  });
});

describe("the local catalog provider", () => {
  const catalog = createLocalCatalog();
  const sampleDurations = SAMPLE_MEDIA.map((media) => media.duration);

  it("has at least 24 dramas", async () => {
    const page = await catalog.list({ pageSize: MAX_PAGE_SIZE });
    expect(page.total).toBeGreaterThanOrEqual(24);
    expect(page.total).toBe(DEMO_DRAMAS.length);
  });

  it("gives every drama 6 to 20 episodes numbered from 1; episodeCount is that many, or the announced number", async () => {
    for (const demo of DEMO_DRAMAS) {
      const drama = await catalog.getDrama(demo.id);
      const episodes = await catalog.getEpisodes(demo.id);
      expect(episodes.length).toBeGreaterThanOrEqual(6);
      expect(episodes.length).toBeLessThanOrEqual(20);
      expect(drama?.episodeCount).toBe(demo.announcedEpisodes ?? episodes.length);
      expect(drama!.episodeCount).toBeGreaterThanOrEqual(episodes.length);
      expect(episodes.map((episode) => episode.number)).toEqual(episodes.map((_, index) => index + 1));
      expect(episodes.every((episode) => episode.dramaId === demo.id)).toBe(true);
    }
  });

  it("gives every episode the duration of the sample media it plays (20, 28, 36 s; 64 or 80 s vertical)", async () => {
    expect(sampleDurations).toEqual([20, 28, 36, 64, 80]);
    for (const demo of DEMO_DRAMAS) {
      for (const episode of await catalog.getEpisodes(demo.id)) {
        const media = SAMPLE_MEDIA.find((sample) => sample.streams.hls === episode.streams.hls);
        expect(media, episode.id).toBeDefined();
        expect(episode.duration).toBe(media?.duration);
        expect(episode.subtitles.length).toBeGreaterThan(0);
      }
    }
  });

  it("finds an episode by id, the same one getEpisodes lists", async () => {
    const [first, second] = await catalog.getEpisodes("moonlit-tea-house");
    expect(second.id).toBe(episodeId("moonlit-tea-house", 2));
    expect(await catalog.getEpisode(second.id)).toEqual(second);
    expect(await catalog.getEpisode(first.id)).toEqual(first);
  });

  it("answers unknown ids with null or empty", async () => {
    expect(await catalog.getDrama("no-such-drama")).toBeNull();
    expect(await catalog.getEpisodes("no-such-drama")).toEqual([]);
    expect(await catalog.getEpisode("no-such-drama-ep-1")).toBeNull();
    expect(await catalog.getEpisode("moonlit-tea-house-ep-999")).toBeNull();
  });

  it("getDramas returns only the known ids", async () => {
    const found = await catalog.getDramas(["moonlit-tea-house", "nope", "neon-rain"]);
    expect([...found.keys()].sort()).toEqual(["moonlit-tea-house", "neon-rain"]);
    expect(found.get("neon-rain")?.title).toBe("Neon Rain");
  });

  it("lists with filters and reports facets from the data", async () => {
    const page = await catalog.list({ genre: "romance", status: "completed", pageSize: MAX_PAGE_SIZE });
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((drama) => drama.genres.includes("romance") && drama.status === "completed")).toBe(true);
    const facets = await catalog.facets();
    expect(facets.genres.every((genre) => (GENRES as readonly string[]).includes(genre))).toBe(true);
    expect(facets.vibes.every((vibe) => (VIBES as readonly string[]).includes(vibe))).toBe(true);
    expect(facets.years).toEqual([...facets.years].sort((a, b) => b - a));
  });

  it("searches the demo data, title matches first", async () => {
    const result = await catalog.search("moonlit tea");
    expect(result.items[0]?.id).toBe("moonlit-tea-house");
    expect((await catalog.search("")).total).toBe(0);
  });
});
