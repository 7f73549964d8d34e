/**
 * The HTTP catalog provider in the viewer's language, against real catalog APIs
 * on 127.0.0.1: each call asks for `?lang=<locale>`, translations are picked
 * from the validated answer and fall back to the English text (an upstream
 * without them, a partial one, or an invalid one never breaks a page), the
 * cache is keyed by locale, search finds words of either language, and the
 * pages read the catalog in the request's language.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DemoDrama } from "~/catalog/demo-data";
import { createHttpCatalog, type HttpCatalogProvider } from "~/catalog/http.server";
import { setCatalogForTests } from "~/catalog/index.server";
import { createLocalCatalog, DEMO_CATALOG } from "~/catalog/local.server";
import { loader as dramaLoader } from "~/routes/drama.$dramaId";
import { loader as searchLoader } from "~/routes/search";
import { createCatalogApi, writeJson } from "../../server/catalog-api";
import { startFaultUpstream, type FaultUpstream } from "../helpers/fault-upstream";
import { getRequest } from "../helpers/requests";
import { callRoute, dataOf } from "../helpers/route";

vi.mock("~/utils/assets.server", () => import("../helpers/test-assets"));

const DRAMA = "ext:moonlit-tea-house";
const EPISODE = "ext:moonlit-tea-house-ep-1";

let upstream: FaultUpstream;
const providers: HttpCatalogProvider[] = [];
const servers: http.Server[] = [];

function provider(baseUrl = upstream.url): HttpCatalogProvider {
  const made = createHttpCatalog({ baseUrl, timeoutMs: 500, retries: 0 });
  providers.push(made);
  return made;
}

/** A catalog API whose JSON answers pass through `edit` first (an upstream with its own ideas). */
async function editingUpstream(edit: (body: unknown, path: string) => unknown): Promise<string> {
  const answer = createCatalogApi();
  const server = http.createServer((req, res) => {
    void answer(req.method ?? "GET", req.url ?? "/", req.headers.authorization).then((result) =>
      writeJson(res, "GET", { ...result, body: edit(result.body, new URL(req.url ?? "/", "http://x").pathname) }),
    );
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  upstream = await startFaultUpstream();
});

afterEach(async () => {
  upstream.resetCounts();
  setCatalogForTests(undefined);
  await Promise.all(providers.splice(0).map((p) => p.close()));
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

afterAll(async () => {
  await upstream.close();
});

describe("HTTP provider: languages", () => {
  it("asks the upstream for the view's language and maps its translations", async () => {
    const indonesian = provider().inLocale("id");
    expect(indonesian.locale).toBe("id");
    const drama = await indonesian.getDrama(DRAMA);
    expect(upstream.count("/v1/dramas/moonlit-tea-house?lang=id")).toBe(1);
    expect(drama).toMatchObject({ title: "Moonlit Tea House", titleLang: "en", synopsisLang: "id" });
    expect(drama?.synopsis).toMatch(/^Setelah kakeknya meninggal/);
    expect(drama).not.toHaveProperty("translations");
    const [first] = await indonesian.getEpisodes(DRAMA);
    expect(first).toMatchObject({ id: EPISODE, title: "Teko Oolong Terakhir", titleLang: "id" });
    expect(first).not.toHaveProperty("translations");
    expect((await indonesian.home()).featured.synopsisLang).toBe("id");
    expect((await indonesian.list({ sort: "rating" })).items.every((d) => d.synopsisLang === "id")).toBe(true);
  });

  it("asks for English in the default view and reads English texts", async () => {
    const english = provider();
    expect(english.locale).toBe("en");
    const drama = await english.getDrama(DRAMA);
    expect(upstream.count("/v1/dramas/moonlit-tea-house?lang=en")).toBe(1);
    expect(drama).toMatchObject({ titleLang: "en", synopsisLang: "en" });
    expect(drama?.synopsis).toMatch(/^After her grandfather dies/);
    expect((await english.getEpisode(EPISODE))?.title).toBe("The Last Pot of Oolong");
  });

  it("keys its cache by locale: one upstream call per language, none for repeats, never the other language's copy", async () => {
    const english = provider();
    const indonesian = english.inLocale("id");
    expect(english.inLocale("id")).toBe(indonesian);
    expect((await english.getDrama(DRAMA))?.synopsisLang).toBe("en");
    expect((await indonesian.getDrama(DRAMA))?.synopsisLang).toBe("id");
    expect((await english.getDrama(DRAMA))?.synopsisLang).toBe("en");
    expect((await indonesian.getDrama(DRAMA))?.synopsisLang).toBe("id");
    expect(upstream.count("/v1/dramas/moonlit-tea-house?")).toBe(2);
    // Dramas seeded from a list land in that language's cache only.
    upstream.resetCounts();
    await indonesian.list({ sort: "popularity", pageSize: 60 });
    expect((await indonesian.getDramas(["ext:neon-rain"])).get("ext:neon-rain")?.synopsisLang).toBe("id");
    expect(upstream.count("/v1/dramas?ids")).toBe(0);
    expect((await english.getDramas(["ext:neon-rain"])).get("ext:neon-rain")?.synopsisLang).toBe("en");
    expect(upstream.count("/v1/dramas?ids=neon-rain&lang=en")).toBe(1);
    // One cache behind every view: clearing it from one view empties them all.
    indonesian.clearCache();
    expect(english.status().cache.size).toBe(0);
  });

  it("falls back to the English text where the upstream has no translation", async () => {
    const partial: DemoDrama[] = DEMO_CATALOG.map((drama) =>
      drama.id === "neon-rain" ? { ...drama, translations: {} } : drama,
    );
    const sparse = await startFaultUpstream({ catalog: createLocalCatalog(partial) });
    try {
      const indonesian = provider(sparse.url).inLocale("id");
      expect(await indonesian.getDrama("ext:neon-rain")).toMatchObject({
        synopsisLang: "en",
        synopsis: expect.stringMatching(/^Every time it rains/),
      });
      expect((await indonesian.getEpisodes("ext:neon-rain")).every((e) => e.titleLang === "en")).toBe(true);
      expect((await indonesian.getDrama(DRAMA))?.synopsisLang).toBe("id");
    } finally {
      await sparse.close();
    }
  });

  it("drops an invalid translation and shows the English text instead of failing the page", async () => {
    const url = await editingUpstream((body, path) => {
      if (path === "/v1/dramas/moonlit-tea-house") {
        return { ...(body as object), translations: { id: { title: "", synopsis: 42 } } };
      }
      if (path === "/v1/dramas/neon-rain") return { ...(body as object), translations: "not an object" };
      if (path === "/v1/dramas/moonlit-tea-house/episodes") {
        const list = body as { items: Record<string, unknown>[] };
        return {
          items: list.items.map((e, i) => (i === 0 ? { ...e, translations: { id: { title: "x".repeat(301) } } } : e)),
        };
      }
      return body;
    });
    const indonesian = provider(url).inLocale("id");
    expect(await indonesian.getDrama(DRAMA)).toMatchObject({
      title: "Moonlit Tea House",
      titleLang: "en",
      synopsisLang: "en",
      synopsis: expect.stringMatching(/^After her grandfather dies/),
    });
    expect(await indonesian.getDrama("ext:neon-rain")).toMatchObject({ synopsisLang: "en" });
    const episodes = await indonesian.getEpisodes(DRAMA);
    expect(episodes[0]).toMatchObject({ title: "The Last Pot of Oolong", titleLang: "en" });
    expect(episodes[1]).toMatchObject({ titleLang: "id" });
    expect(indonesian.status().circuit).toBe("closed");
  });

  it("finds a drama by Indonesian or English words in either view", async () => {
    const english = provider();
    for (const view of [english, english.inLocale("id")]) {
      expect((await view.search("kakeknya kedai teh")).items[0]?.id).toBe(DRAMA);
      expect((await view.search("grandfather tea house")).items[0]?.id).toBe(DRAMA);
    }
  });
});

describe("pages read the catalog in the request's language", () => {
  it("drama page: Indonesian synopsis and episode titles for an Indonesian request, English otherwise", async () => {
    setCatalogForTests(provider());
    const indonesian = dataOf(await callRoute(dramaLoader, getRequest(`/drama/${DRAMA}?lang=id`), { dramaId: DRAMA }));
    expect(indonesian.drama.synopsisLang).toBe("id");
    expect(indonesian.episodes[0].title).toBe("Teko Oolong Terakhir");
    const byHeader = dataOf(
      await callRoute(
        dramaLoader,
        getRequest(`/drama/${DRAMA}`, { headers: { "Accept-Language": "id-ID,id;q=0.9" } }),
        {
          dramaId: DRAMA,
        },
      ),
    );
    expect(byHeader.drama.synopsisLang).toBe("id");
    const english = dataOf(await callRoute(dramaLoader, getRequest(`/drama/${DRAMA}`), { dramaId: DRAMA }));
    expect(english.drama.synopsisLang).toBe("en");
    expect(english.episodes[0].title).toBe("The Last Pot of Oolong");
  });

  it("search page: an English visitor finds a drama by Indonesian words, an Indonesian one by English words", async () => {
    setCatalogForTests(createLocalCatalog());
    const english = dataOf(await callRoute(searchLoader, getRequest("/search?q=kedai+teh")));
    expect(english.result?.items[0]).toMatchObject({ id: "moonlit-tea-house", synopsisLang: "en" });
    const indonesian = dataOf(await callRoute(searchLoader, getRequest("/search?q=tea+house&lang=id")));
    expect(indonesian.result?.items[0]).toMatchObject({ id: "moonlit-tea-house", synopsisLang: "id" });
  });
});
