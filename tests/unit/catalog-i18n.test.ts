/**
 * The catalog in the viewer's language: the Indonesian demo text covers every
 * drama and episode, the local provider's views answer in their locale and fall
 * back to English text (saying so) where a translation is missing, search finds
 * a drama by words of either language, and getCatalog(locale) hands out the view.
 */
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_DRAMAS, type DemoDrama } from "~/catalog/demo-data";
import { DEMO_TRANSLATIONS_ID } from "~/catalog/demo-data.id";
import { getCatalog, setCatalogForTests } from "~/catalog/index.server";
import { createLocalCatalog } from "~/catalog/local.server";
import { searchDramas } from "~/catalog/query";
import { fixtureDramas, ids } from "../helpers/dramas";

const base: DemoDrama = {
  id: "tea",
  title: "Moonlit Tea House",
  originalTitle: "月下茶馆",
  synopsis: "An accountant inherits a tea house.",
  year: 2024,
  status: "completed",
  genres: ["romance"],
  vibes: ["healing"],
  cast: ["Lin Qiaoyu"],
  rating: 8.7,
  popularity: 700,
  addedAt: "2025-03-14",
  episodeTitles: ["The Last Pot of Oolong", "A Stranger at Closing Time", "Leaves That Remember"],
};

afterEach(() => {
  setCatalogForTests(undefined);
});

describe("the Indonesian demo text", () => {
  it.each(DEMO_DRAMAS.map((drama) => [drama.id, drama] as const))(
    "%s has an Indonesian synopsis and a title for every episode",
    (id, drama) => {
      const translation = DEMO_TRANSLATIONS_ID[id];
      expect(translation?.synopsis?.trim()).toBeTruthy();
      expect(translation?.synopsis).not.toBe(drama.synopsis);
      expect(translation?.episodeTitles).toHaveLength(drama.episodeTitles.length);
      for (const title of translation?.episodeTitles ?? []) expect(title.trim()).toBeTruthy();
      // A translated list, not the English one copied: most titles differ.
      const same = (translation?.episodeTitles ?? []).filter((title, index) => title === drama.episodeTitles[index]);
      expect(same.length).toBeLessThanOrEqual(1);
    },
  );

  it("has no entry for a drama the catalog does not hold", () => {
    const known = new Set(DEMO_DRAMAS.map((drama) => drama.id));
    expect(Object.keys(DEMO_TRANSLATIONS_ID).filter((id) => !known.has(id))).toEqual([]);
  });
});

describe("local provider views", () => {
  const catalog = createLocalCatalog();

  it("starts in English and hands out one memoised view per locale", () => {
    expect(catalog.locale).toBe("en");
    const indonesian = catalog.inLocale("id");
    expect(indonesian.locale).toBe("id");
    expect(catalog.inLocale("id")).toBe(indonesian);
    expect(indonesian.inLocale("en")).toBe(catalog);
  });

  it("answers dramas and episodes in the view's language, marking the language of each text", async () => {
    const english = await catalog.getDrama("moonlit-tea-house");
    const indonesian = await catalog.inLocale("id").getDrama("moonlit-tea-house");
    expect(english).toMatchObject({ titleLang: "en", synopsisLang: "en" });
    expect(english?.synopsis).toMatch(/^After her grandfather dies/);
    expect(indonesian?.synopsis).toMatch(/^Setelah kakeknya meninggal/);
    expect(indonesian).toMatchObject({ synopsisLang: "id", originalTitle: "月下茶馆" });
    // Drama titles stay the English ones, and say so.
    expect(indonesian).toMatchObject({ title: "Moonlit Tea House", titleLang: "en" });

    const [first] = await catalog.inLocale("id").getEpisodes("moonlit-tea-house");
    expect(first).toMatchObject({ title: "Teko Oolong Terakhir", titleLang: "id", number: 1 });
    expect(await catalog.inLocale("id").getEpisode(first.id)).toEqual(first);
    expect((await catalog.getEpisode(first.id))?.title).toBe("The Last Pot of Oolong");
  });

  it("gives every view the same ids, media and order, so lists do not move with the language", async () => {
    const english = await catalog.list({ sort: "popularity", pageSize: 60 });
    const indonesian = await catalog.inLocale("id").list({ sort: "popularity", pageSize: 60 });
    expect(ids(indonesian.items)).toEqual(ids(english.items));
    expect(indonesian.items.map((d) => d.posterUrl)).toEqual(english.items.map((d) => d.posterUrl));
    expect(await catalog.inLocale("id").facets()).toEqual(await catalog.facets());
  });

  it("builds one home feed per view (the rows' HTML is memoised per feed object)", async () => {
    const indonesian = catalog.inLocale("id");
    expect(await indonesian.home()).toBe(await indonesian.home());
    expect(await indonesian.home()).not.toBe(await catalog.home());
    expect((await indonesian.home()).featured.synopsisLang).toBe("id");
  });

  it("falls back to the English text, per text, when a translation is missing or empty", async () => {
    const partial = createLocalCatalog([
      { ...base, translations: { id: { episodeTitles: ["Teko Oolong Terakhir", "", "  "] } } },
      { ...base, id: "titled", translations: { id: { title: "Kedai Teh", synopsis: "" } } },
      { ...base, id: "untranslated" },
    ]).inLocale("id");
    expect(await partial.getDrama("tea")).toMatchObject({
      title: "Moonlit Tea House",
      titleLang: "en",
      synopsis: base.synopsis,
      synopsisLang: "en",
    });
    expect(await partial.getDrama("titled")).toMatchObject({
      title: "Kedai Teh",
      titleLang: "id",
      synopsis: base.synopsis,
      synopsisLang: "en",
    });
    expect((await partial.getEpisodes("tea")).map((e) => [e.title, e.titleLang])).toEqual([
      ["Teko Oolong Terakhir", "id"],
      ["A Stranger at Closing Time", "en"],
      ["Leaves That Remember", "en"],
    ]);
    expect((await partial.getEpisodes("untranslated")).every((e) => e.titleLang === "en")).toBe(true);
  });
});

describe("search in either language", () => {
  const catalog = createLocalCatalog();

  it.each(["en", "id"] as const)("finds a drama by Indonesian synopsis words in the %s view", async (locale) => {
    const result = await catalog.inLocale(locale).search("kakeknya kedai teh");
    expect(ids(result.items)[0]).toBe("moonlit-tea-house");
    expect(result.items[0].synopsisLang).toBe(locale);
  });

  it.each(["en", "id"] as const)("finds a drama by English words in the %s view", async (locale) => {
    const result = await catalog.inLocale(locale).search("grandfather tea house");
    expect(ids(result.items)[0]).toBe("moonlit-tea-house");
  });

  it("ranks an Indonesian title match like an English one", async () => {
    const custom = createLocalCatalog([
      { ...base, id: "synopsis-only", synopsis: "Somewhere there is a kedai.", popularity: 900 },
      { ...base, id: "titled", translations: { id: { title: "Kedai Teh Rembulan" } }, popularity: 100 },
    ]);
    expect(ids((await custom.search("kedai")).items)).toEqual(["titled", "synopsis-only"]);
    expect((await custom.inLocale("id").search("rembulan")).items[0]).toMatchObject({
      id: "titled",
      title: "Kedai Teh Rembulan",
    });
  });

  it("does not match words of no language the drama has", async () => {
    expect((await catalog.inLocale("id").search("spaceship")).total).toBe(0);
  });

  it("searchDramas looks at every text textsOf gives (by default only the drama's own)", () => {
    const dramas = fixtureDramas();
    expect(searchDramas(dramas, "akuntan")).toEqual([]);
    const withIndonesian = searchDramas(dramas, "akuntan", (drama) =>
      drama.id === "tea" ? [drama, { title: "", synopsis: "Seorang akuntan mewarisi kedai teh." }] : [drama],
    );
    expect(ids(withIndonesian)).toEqual(["tea"]);
  });
});

describe("getCatalog(locale)", () => {
  it("is the installed provider's view in that locale, English without one", () => {
    const local = createLocalCatalog();
    setCatalogForTests(local);
    expect(getCatalog()).toBe(local);
    expect(getCatalog("en")).toBe(local);
    expect(getCatalog("id")).toBe(local.inLocale("id"));
    expect(getCatalog("id").locale).toBe("id");
  });
});
