/**
 * A drama's orientation (landscape 16:9 or portrait 9:16) through the catalog: the upstream schema's
 * default and refusal, the demo catalog's portrait dramas and their media, and the catalog API that
 * serves it (server/catalog-api.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { DEMO_DRAMAS } from "~/catalog/demo-data";
import { createLocalCatalog } from "~/catalog/local.server";
import { SAMPLE_MEDIA } from "~/catalog/media";
import { UpstreamDramaPageSchema, UpstreamDramaSchema, UpstreamHomeSchema } from "~/catalog/upstream-schemas";
import { createCatalogApi } from "../../server/catalog-api";

vi.mock("~/utils/assets.server", () => import("../helpers/test-assets"));

const UPSTREAM_DRAMA = {
  id: "moonlit-tea-house",
  title: "Moonlit Tea House",
  year: 2024,
  status: "completed",
  rating: 8.7,
  popularity: 7420,
  posterUrl: "/posters/moonlit-tea-house.svg",
  addedAt: "2025-03-14",
  episodeCount: 12,
};

const PORTRAIT_IDS = DEMO_DRAMAS.filter((demo) => demo.orientation === "portrait").map((demo) => demo.id);

describe("UpstreamDramaSchema: orientation", () => {
  it("takes a drama without the field (an API from before vertical dramas) as landscape", () => {
    expect(UpstreamDramaSchema.parse(UPSTREAM_DRAMA).orientation).toBe("landscape");
  });

  it("keeps landscape and portrait", () => {
    for (const orientation of ["landscape", "portrait"] as const) {
      expect(UpstreamDramaSchema.parse({ ...UPSTREAM_DRAMA, orientation }).orientation).toBe(orientation);
    }
  });

  it("refuses any other value, like other bad fields, naming the field", () => {
    for (const orientation of ["square", "Portrait", "", 9 / 16, null]) {
      const result = UpstreamDramaSchema.safeParse({ ...UPSTREAM_DRAMA, orientation });
      expect(result.success, String(orientation)).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["orientation"]);
    }
  });
});

describe("the demo catalog's orientations", () => {
  const catalog = createLocalCatalog();

  it("has 3 or 4 portrait dramas; the first drama, moonlit-tea-house, stays landscape", async () => {
    expect(PORTRAIT_IDS.length).toBeGreaterThanOrEqual(3);
    expect(PORTRAIT_IDS.length).toBeLessThanOrEqual(4);
    expect((await catalog.getDrama("moonlit-tea-house"))?.orientation).toBe("landscape");
  });

  it("says every drama's orientation in lists, home rows and single dramas, in both languages", async () => {
    for (const view of [catalog, catalog.inLocale("id")]) {
      const page = await view.list({ pageSize: 60 });
      expect(page.items).toHaveLength(DEMO_DRAMAS.length);
      for (const drama of page.items) {
        expect(drama.orientation).toBe(PORTRAIT_IDS.includes(drama.id) ? "portrait" : "landscape");
        expect(await view.getDrama(drama.id)).toMatchObject({ orientation: drama.orientation });
      }
      const home = await view.home();
      for (const drama of home.rows.flatMap((row) => row.dramas)) {
        expect(drama.orientation).toBe(PORTRAIT_IDS.includes(drama.id) ? "portrait" : "landscape");
      }
    }
  });

  it("plays vertical samples (60–90 s) with 9:16 stills in portrait dramas, and the landscape samples elsewhere", async () => {
    const portraitSamples = SAMPLE_MEDIA.filter((media) => media.orientation === "portrait").map((m) => m.streams.hls);
    const landscapeSamples = SAMPLE_MEDIA.filter((media) => media.orientation === "landscape").map(
      (m) => m.streams.hls,
    );
    for (const demo of DEMO_DRAMAS) {
      const portrait = demo.orientation === "portrait";
      for (const episode of await catalog.getEpisodes(demo.id)) {
        expect(portrait ? portraitSamples : landscapeSamples, episode.id).toContain(episode.streams.hls);
        if (portrait) {
          expect(episode.duration).toBeGreaterThanOrEqual(60);
          expect(episode.duration).toBeLessThanOrEqual(90);
          // The portrait still exists and is 9:16.
          expect(episode.thumbnailUrl).toBe(`/posters/${demo.id}.portrait.svg`);
          const svg = fs.readFileSync(path.join("public", episode.thumbnailUrl), "utf8");
          expect(svg).toMatch(/viewBox="0 0 360 640"/);
          // Its renditions are taller than wide (the real frame height, which the player matches to HLS levels).
          expect(episode.streams.mp4.map((r) => [r.quality, r.height])).toEqual([
            ["360p", 640],
            ["720p", 1280],
          ]);
        } else {
          expect(episode.thumbnailUrl).toBe(`/posters/${demo.id}.svg`);
          expect(episode.duration).toBeLessThan(60);
        }
      }
    }
    // The card poster stays 2:3 for every drama, so grids keep their rows.
    for (const id of PORTRAIT_IDS) {
      expect((await catalog.getDrama(id))?.posterUrl).toBe(`/posters/${id}.svg`);
      expect(fs.readFileSync(path.join("public", "posters", `${id}.svg`), "utf8")).toMatch(/viewBox="0 0 300 450"/);
    }
  });
});

describe("catalog API (catalog:serve): orientation", () => {
  const answer = createCatalogApi();
  const portrait = PORTRAIT_IDS[0];

  it("serves each drama's orientation on a drama, list pages and home rows", async () => {
    const one = UpstreamDramaSchema.parse((await answer("GET", `/v1/dramas/${portrait}`, undefined)).body);
    expect(one.orientation).toBe("portrait");
    const raw = (await answer("GET", "/v1/dramas/moonlit-tea-house", undefined)).body as Record<string, unknown>;
    expect(raw.orientation).toBe("landscape");
    const page = UpstreamDramaPageSchema.parse((await answer("GET", "/v1/dramas?pageSize=60", undefined)).body);
    expect(page.items.filter((d) => d.orientation === "portrait").map((d) => d.id)).toEqual(
      expect.arrayContaining(PORTRAIT_IDS),
    );
    expect(page.items.filter((d) => d.orientation === "portrait")).toHaveLength(PORTRAIT_IDS.length);
    const home = UpstreamHomeSchema.parse((await answer("GET", "/v1/home?lang=id", undefined)).body);
    for (const drama of home.rows.flatMap((row) => row.dramas)) {
      expect(drama.orientation).toBe(PORTRAIT_IDS.includes(drama.id) ? "portrait" : "landscape");
    }
  });
});
