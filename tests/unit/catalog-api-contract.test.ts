/**
 * server/catalog-api.ts (what `npm run catalog:serve` answers) against the
 * contract: every path of docs/catalog-api.openapi.yaml is served, and every
 * answer passes the schemas the HTTP provider validates with.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  UpstreamDramaBatchSchema,
  UpstreamDramaPageSchema,
  UpstreamDramaSchema,
  UpstreamEpisodeListSchema,
  UpstreamEpisodeSchema,
  UpstreamErrorSchema,
  UpstreamFacetsSchema,
  UpstreamHomeSchema,
} from "~/catalog/upstream-schemas";
import { createCatalogApi } from "../../server/catalog-api";

const spec = fs.readFileSync(path.join(__dirname, "..", "..", "docs", "catalog-api.openapi.yaml"), "utf8");
const specPaths = [...spec.matchAll(/^ {2}(\/v1\/[^:]+):$/gm)].map((match) => match[1]);

const SAMPLES: Record<string, { url: string; schema: z.ZodType }> = {
  "/v1/home": { url: "/v1/home", schema: UpstreamHomeSchema },
  "/v1/facets": { url: "/v1/facets", schema: UpstreamFacetsSchema },
  "/v1/dramas": { url: "/v1/dramas?genre=romance&sort=rating&page=2&pageSize=5", schema: UpstreamDramaPageSchema },
  "/v1/search": { url: "/v1/search?q=moonlit", schema: UpstreamDramaPageSchema },
  "/v1/dramas/{id}": { url: "/v1/dramas/moonlit-tea-house", schema: UpstreamDramaSchema },
  "/v1/dramas/{id}/episodes": { url: "/v1/dramas/moonlit-tea-house/episodes", schema: UpstreamEpisodeListSchema },
  "/v1/episodes/{id}": { url: "/v1/episodes/moonlit-tea-house-ep-1", schema: UpstreamEpisodeSchema },
};

describe("catalog API (catalog:serve) against the contract", () => {
  const answer = createCatalogApi({ apiKey: "k", streamTtlSeconds: 600, mediaBaseUrl: "https://cdn.example" });
  const bearer = "Bearer k";

  it("serves every path of the OpenAPI file, and only those are sampled here", () => {
    expect(specPaths.sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(Object.entries(SAMPLES))("%s answers what the provider's schema accepts", async (_path, sample) => {
    const result = await answer("GET", sample.url, bearer);
    expect(result.status).toBe(200);
    const parsed = sample.schema.safeParse(result.body);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it("answers a batch by ids with the dramas that exist, in the order asked", async () => {
    const result = await answer("GET", "/v1/dramas?ids=neon-rain,nope,moonlit-tea-house", bearer);
    const batch = UpstreamDramaBatchSchema.parse(result.body);
    expect(batch.items.map((d) => d.id)).toEqual(["neon-rain", "moonlit-tea-house"]);
  });

  it("makes media URLs absolute when given a media base URL and adds expiresAt", async () => {
    const episode = UpstreamEpisodeSchema.parse(
      (await answer("GET", "/v1/episodes/moonlit-tea-house-ep-1", bearer)).body,
    );
    expect(episode.streams.hls).toBe("https://cdn.example/media/sample-1/master.m3u8");
    expect(Date.parse(episode.expiresAt ?? "")).toBeGreaterThan(Date.now());
  });

  it("answers errors as JSON: 401 without the key, 400 for bad parameters, 404 for unknown ids", async () => {
    const unauthorized = await answer("GET", "/v1/home", undefined);
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers?.["WWW-Authenticate"]).toBe("Bearer");
    const bad = await answer("GET", "/v1/dramas?sort=random", bearer);
    expect(bad.status).toBe(400);
    const missing = await answer("GET", "/v1/dramas/no-such-drama", bearer);
    expect(missing.status).toBe(404);
    for (const result of [unauthorized, bad, missing])
      expect(UpstreamErrorSchema.safeParse(result.body).success).toBe(true);
    expect((await answer("POST", "/v1/home", bearer)).status).toBe(405);
  });
});

describe("catalog API languages (?lang=)", () => {
  const answer = createCatalogApi();

  it.each(Object.entries(SAMPLES))("%s with ?lang=id still passes the provider's schema", async (_path, sample) => {
    const result = await answer("GET", `${sample.url}${sample.url.includes("?") ? "&" : "?"}lang=id`, undefined);
    expect(result.status).toBe(200);
    expect(sample.schema.safeParse(result.body).error?.issues ?? []).toEqual([]);
  });

  it("keeps the English texts and adds translations.id for the asked language", async () => {
    const drama = UpstreamDramaSchema.parse(
      (await answer("GET", "/v1/dramas/moonlit-tea-house?lang=id", undefined)).body,
    );
    expect(drama.title).toBe("Moonlit Tea House");
    expect(drama.synopsis).toMatch(/^After her grandfather dies/);
    // Titles stay English in the demo catalog, so only the synopsis is translated.
    expect(drama.translations).toEqual({ id: { synopsis: expect.stringMatching(/^Setelah kakeknya/) } });
    const episodes = UpstreamEpisodeListSchema.parse(
      (await answer("GET", "/v1/dramas/moonlit-tea-house/episodes?lang=id", undefined)).body,
    );
    expect(episodes.items[0]).toMatchObject({
      title: "The Last Pot of Oolong",
      translations: { id: { title: "Teko Oolong Terakhir" } },
    });
  });

  it("answers English only without lang, for lang=en and for a language it does not know", async () => {
    for (const query of ["", "?lang=en", "?lang=fr", "?lang="]) {
      const body = (await answer("GET", `/v1/dramas/moonlit-tea-house${query}`, undefined)).body as object;
      expect(body).not.toHaveProperty("translations");
      expect(body).not.toHaveProperty("titleLang");
    }
  });

  it("searches words of every language, whatever lang asks for", async () => {
    for (const url of ["/v1/search?q=kedai+teh+kakeknya", "/v1/search?q=kedai+teh+kakeknya&lang=id"]) {
      const page = UpstreamDramaPageSchema.parse((await answer("GET", url, undefined)).body);
      expect(page.items[0]?.id).toBe("moonlit-tea-house");
    }
  });

  it("translates home rows, list pages and batches", async () => {
    const home = UpstreamHomeSchema.parse((await answer("GET", "/v1/home?lang=id", undefined)).body);
    expect(home.featured.translations?.id?.synopsis).toBeTruthy();
    expect(home.rows.every((row) => row.dramas.every((d) => d.translations?.id?.synopsis))).toBe(true);
    const batch = UpstreamDramaBatchSchema.parse(
      (await answer("GET", "/v1/dramas?ids=neon-rain,moonlit-tea-house&lang=id", undefined)).body,
    );
    expect(batch.items.map((d) => [d.id, d.title, Boolean(d.translations?.id?.synopsis)])).toEqual([
      ["neon-rain", "Neon Rain", true],
      ["moonlit-tea-house", "Moonlit Tea House", true],
    ]);
  });
});
