/**
 * Honest badges and filters: cards and drama pages say what every episode of
 * a drama carries (subtitles per language, audio description, transcript),
 * and /browse and /search filter by it, with and without htmx.
 */
import { describe, expect, it, vi } from "vitest";
import { createLocalCatalog } from "~/catalog/local.server";
import * as browse from "~/routes/browse";
import * as drama from "~/routes/drama.$dramaId";
import * as search from "~/routes/search";
import * as searchFragment from "~/routes/resources.search";
import { buildOf, pageRenderer } from "../helpers/render-page";

vi.mock("~/utils/assets.server", () => import("../helpers/test-assets"));

const render = pageRenderer(
  buildOf([
    { id: "routes/browse", path: "browse", module: browse },
    { id: "routes/search", path: "search", module: search },
    { id: "routes/resources.search", path: "resources/search", module: searchFragment },
    { id: "routes/drama.$dramaId", path: "drama/:dramaId", module: drama },
  ]),
);
const english = { "Accept-Language": "en-US" };
const indonesian = { "Accept-Language": "id-ID" };
const catalog = createLocalCatalog();

/** The drama ids of the cards on a page, in order. */
function cardIds(html: string): string[] {
  return [...html.matchAll(/<article class="card"><a href="\/drama\/([^"]+)"/g)].map((m) => m[1]);
}

/** The text of an element found by a pattern, tags dropped. */
function textOf(html: string, pattern: RegExp): string {
  return (pattern.exec(html)?.[0] ?? "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

async function describedIds(): Promise<string[]> {
  const all = await catalog.list({ pageSize: 60 });
  return all.items.filter((d) => d.tracks.descriptions.includes("id")).map((d) => d.id);
}

describe("badges", () => {
  it("a card says 'CC EN ID' and 'AD' only for a drama whose every episode has them, read out in full", async () => {
    const page = await render("/browse?sort=popularity", "", { headers: english });
    expect(page.status).toBe(200);
    const described = new Set(await describedIds());
    const cards = [...page.html.matchAll(/<article class="card">[\s\S]*?<\/article>/g)].map((m) => m[0]);
    expect(cards.length).toBeGreaterThan(10);
    for (const card of cards) {
      const id = /href="\/drama\/([^"]+)"/.exec(card)?.[1] ?? "";
      expect(card).toContain("Subtitles: English, Indonesian");
      expect(card.includes("Audio description: English, Indonesian")).toBe(described.has(id));
      expect(card.includes('<span aria-hidden="true">AD</span>')).toBe(described.has(id));
    }
  });

  it("the drama page lists the tracks in words, in the viewer's language", async () => {
    const withDescriptions = await render("/drama/moonlit-tea-house", "", { headers: indonesian });
    const list = textOf(withDescriptions.html, /<section class="drama-tracks"[\s\S]*?<\/section>/);
    expect(list).toContain("Aksesibilitas");
    expect(list).toContain("Subtitel: Inggris, Indonesia");
    expect(list).toContain("Deskripsi audio: Inggris, Indonesia");
    expect(list).toContain("Transkrip");

    const without = await render("/drama/neon-rain", "", { headers: english });
    const plain = textOf(without.html, /<section class="drama-tracks"[\s\S]*?<\/section>/);
    expect(plain).toContain("Subtitles: English, Indonesian");
    expect(plain).not.toContain("Audio description");
  });
});

describe("filters", () => {
  it("/browse?descriptions=id lists exactly the audio-described dramas; the select keeps the choice", async () => {
    const page = await render("/browse?descriptions=id&sort=popularity", "", { headers: english });
    expect(page.status).toBe(200);
    expect(cardIds(page.html).sort()).toEqual((await describedIds()).sort());
    expect(page.html).toMatch(/<select id="descriptions" name="descriptions">[\s\S]*?<option value="id" selected="">/);
    expect(page.html).toContain('<label for="descriptions">Audio description</label>');
  });

  it("an unknown or hostile filter value is ignored: 200 and the whole list", async () => {
    const all = await render("/browse?sort=popularity", "", { headers: english });
    for (const value of ["xx", "<script>", "id".repeat(500), "EN%00"]) {
      const page = await render(`/browse?sort=popularity&subtitles=${encodeURIComponent(value)}`, "", {
        headers: english,
      });
      expect(page.status).toBe(200);
      expect(cardIds(page.html)).toEqual(cardIds(all.html));
    }
  });

  it("/search keeps only matching dramas with the track asked for, and its pages and htmx address keep the filter", async () => {
    const q = "the";
    const unfiltered = await catalog.search(q, 1, 60);
    const described = new Set(await describedIds());
    const expected = unfiltered.items.filter((d) => described.has(d.id)).map((d) => d.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(unfiltered.items.length);

    const page = await render(`/search?q=${q}&descriptions=id`, "", { headers: english });
    expect(page.status).toBe(200);
    expect(cardIds(page.html)).toEqual(expected.slice(0, 24));
    expect(page.html).toMatch(
      /<select id="search-descriptions" name="descriptions">[\s\S]*?<option value="id" selected="">/,
    );

    const fragment = await render(`/resources/search?q=${q}&descriptions=id`, "", {
      headers: { ...english, "HX-Request": "true" },
    });
    expect(fragment.status).toBe(200);
    expect(cardIds(fragment.html)).toEqual(expected.slice(0, 24));
    expect(fragment.headers.get("HX-Push-Url")).toBe(`/search?q=${q}&descriptions=id`);
  });
});
