/**
 * The transcript under the player (/watch), rendered by the server as a browser
 * without JavaScript gets it: in the viewer's caption language, switchable,
 * searchable, with descriptions for an audio-described drama, time links that
 * restart the page at that time, and bad query values or broken track files
 * that never cost the page its 200.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setCatalogForTests } from "~/catalog/index.server";
import { createLocalCatalog } from "~/catalog/local.server";
import { setPublicRootForTests } from "~/catalog/track-text.server";
import type { CatalogProvider, Episode } from "~/catalog/types";
import { action as preferencesAction } from "~/routes/resources.preferences";
import * as watch from "~/routes/watch.$episodeId";
import { cookieHeaderFrom, postForm } from "../helpers/requests";
import { buildOf, pageRenderer } from "../helpers/render-page";
import { decodeHtml } from "../helpers/html-text";
import { callRoute } from "../helpers/route";
import { createUser } from "../helpers/users";

const render = pageRenderer(buildOf([{ id: "routes/watch.$episodeId", path: "watch/:episodeId", module: watch }]));
const DESCRIBED = "moonlit-tea-house-ep-1"; // sample-1, with descriptions
const UNDESCRIBED = "the-jade-hairpin-oath-ep-1"; // no audio description
let cookie: string;

beforeAll(async () => {
  cookie = (await createUser()).cookie;
});

/** The transcript's markup (the <details> under the player). */
function transcriptOf(html: string): string {
  const start = html.indexOf('<details class="transcript"');
  expect(start, "the page has a transcript").toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf("</details>", start) + "</details>".length);
}

function textOf(markup: string): string {
  return decodeHtml(markup.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}

/** Each line: its time link's href and its text. */
function linesOf(markup: string): { href: string; text: string }[] {
  return [...markup.matchAll(/<li class="transcript-line[^"]*"[^>]*>([\s\S]*?)<\/li>/g)].map(([, inner]) => ({
    href: decodeHtml(/href="([^"]*)"/.exec(inner)?.[1] ?? ""),
    text: textOf(inner),
  }));
}

async function get(pathname: string, withCookie = cookie) {
  const result = await render(pathname, withCookie);
  expect(result.status, pathname).toBe(200);
  return result.html;
}

async function choose(current: string, fields: Record<string, string>): Promise<string> {
  const result = await callRoute(
    preferencesAction,
    postForm("/resources/preferences", fields, { cookie: current, headers: { Accept: "application/json" } }),
  );
  expect(result.status).toBe(204);
  const others = current.split("; ").filter((pair) => !pair.startsWith("dracin_prefs="));
  return [...others, cookieHeaderFrom(result.headers)].join("; ");
}

describe("the transcript", () => {
  it("is under the player, closed, in the viewer's caption language, with every caption and time link", async () => {
    const html = await get(`/watch/${DESCRIBED}?lang=en`);
    const markup = transcriptOf(html);
    expect(html.indexOf("player-frame")).toBeLessThan(html.indexOf('<details class="transcript"'));
    expect(markup).not.toMatch(/<details[^>]*\sopen/);
    expect(markup).toContain("<summary>Transcript</summary>");
    expect(markup).toMatch(/<h2 id="transcript-heading">Transcript of episode 1<\/h2>/);
    const lines = linesOf(markup).filter((line) => !line.text.includes("[Description]"));
    expect(lines).toEqual([
      {
        href: `/watch/${DESCRIBED}?lang=en&t=0`,
        text: "Play from 0:00 Your Highness, the Empress has summoned you to the east pavilion.",
      },
      { href: `/watch/${DESCRIBED}?lang=en&t=4`, text: "Play from 0:04 At this hour? Something is wrong." },
      { href: `/watch/${DESCRIBED}?lang=en&t=7`, text: "Play from 0:07 She found the letter you hid in the jade box." },
      { href: `/watch/${DESCRIBED}?lang=en&t=11`, text: "Play from 0:11 Then burn every page before the moon rises." },
      { href: `/watch/${DESCRIBED}?lang=en&t=16`, text: "Play from 0:16 And tell no one. Not even the Crown Prince." },
    ]);
    // The language links, each named in its own language; the current one marked.
    expect(markup).toMatch(/<a href="[^"]*transcript=en"[^>]*lang="en"[^>]*aria-current="true">English<\/a>/);
    expect(markup).toMatch(/<a href="[^"]*transcript=id"[^>]*lang="id"[^>]*>Bahasa Indonesia<\/a>/);
    // The follow-along switch is made by the script: no checkbox without it (text browsers ignore `hidden`).
    expect(markup).toMatch(/<div class="transcript-follow" hidden="" data-label="Follow along"><\/div>/);
  });

  it("follows the page's language until the viewer chooses captions, and the page's language when they are off", async () => {
    const indonesian = linesOf(transcriptOf(await get(`/watch/${DESCRIBED}?lang=id`)));
    expect(indonesian.map((line) => line.text)).toContain(
      "Putar dari 0:04 Pada jam seperti ini? Ada yang tidak beres.",
    );
    const chosenEnglish = await choose(cookie, { captions: "en" });
    const markup = transcriptOf(await get(`/watch/${DESCRIBED}?lang=id`, chosenEnglish));
    // English lines on an Indonesian page carry their language; the hidden words stay Indonesian.
    expect(markup).toMatch(/<ol class="transcript-lines" lang="en"/);
    expect(textOf(markup)).toContain("Putar dari 0:04 At this hour? Something is wrong.");
    const off = await choose(cookie, { captions: "off" });
    expect(textOf(transcriptOf(await get(`/watch/${DESCRIBED}?lang=id`, off)))).toContain(
      "Pada jam seperti ini? Ada yang tidak beres.",
    );
    expect(textOf(transcriptOf(await get(`/watch/${DESCRIBED}?lang=en`, off)))).toContain(
      "At this hour? Something is wrong.",
    );
  });

  it("switches language with ?transcript=, opens, and keeps the choice on its links", async () => {
    const markup = transcriptOf(await get(`/watch/${DESCRIBED}?lang=en&transcript=id`));
    expect(markup).toMatch(/<details class="transcript" id="transcript" open="">/);
    expect(markup).toMatch(/<ol class="transcript-lines" lang="id"/);
    expect(markup).toMatch(/lang="id"[^>]*aria-current="true">Bahasa Indonesia</);
    const lines = linesOf(markup);
    expect(lines.find((line) => line.text.includes("Pada jam seperti ini?"))?.href).toBe(
      `/watch/${DESCRIBED}?lang=en&transcript=id&t=4`,
    );
    expect(markup).toContain('<input type="hidden" name="transcript" value="id"/>');
  });

  it("ignores a transcript language the episode does not have", async () => {
    for (const value of ["xx", "", "EN", "en-US", "../../etc", "<script>"]) {
      const markup = transcriptOf(await get(`/watch/${DESCRIBED}?lang=en&transcript=${encodeURIComponent(value)}`));
      expect(textOf(markup), value).toContain("At this hour? Something is wrong.");
      expect(markup).not.toContain("<script>");
    }
  });

  it("keeps only the lines a search matches, marks the words and says how many", async () => {
    const markup = transcriptOf(await get(`/watch/${DESCRIBED}?lang=en&q=${encodeURIComponent("EMPRESS")}`));
    const lines = linesOf(markup);
    expect(lines.map((line) => line.text)).toEqual([
      "Play from 0:00 Your Highness, the Empress has summoned you to the east pavilion.",
    ]);
    expect(markup).toContain("<mark>Empress</mark>");
    expect(markup).toMatch(/<p class="transcript-status" role="status">1 line matches<\/p>/);
    expect(markup).toContain('value="EMPRESS"');
    expect(lines[0].href).toBe(`/watch/${DESCRIBED}?lang=en&q=EMPRESS&t=0`);

    const several = transcriptOf(await get(`/watch/${DESCRIBED}?lang=en&q=the`));
    expect(several).toMatch(/role="status">\d+ lines match<\/p>/);
    const none = transcriptOf(await get(`/watch/${DESCRIBED}?lang=en&q=zzzz`));
    expect(linesOf(none)).toEqual([]);
    expect(none).toMatch(/role="status">No lines match.<\/p>/);
    expect(none).toContain("Clear search");
  });

  it("searches descriptions too, accent-insensitively, in Indonesian", async () => {
    const markup = transcriptOf(await get(`/watch/${DESCRIBED}?lang=id&q=KARTU`));
    expect(linesOf(markup).every((line) => line.text.includes("[Deskripsi]"))).toBe(true);
    expect(markup).toMatch(/role="status">\d+ baris cocok<\/p>/);
  });

  it("answers 200 with the default transcript for hostile or oversized searches", async () => {
    for (const q of ["<script>alert(1)</script>", "x".repeat(5000), "%", "   "]) {
      const html = await get(`/watch/${DESCRIBED}?lang=en&q=${encodeURIComponent(q)}`);
      const markup = transcriptOf(html);
      expect(markup).not.toContain("<script>alert");
      expect(markup).not.toContain("x".repeat(101));
    }
    const blank = transcriptOf(await get(`/watch/${DESCRIBED}?lang=en&q=%20%20`));
    expect(linesOf(blank).length).toBeGreaterThanOrEqual(5);
  });

  it("shows the descriptions of an audio-described drama, marked, in time order", async () => {
    const lines = linesOf(transcriptOf(await get(`/watch/${DESCRIBED}?lang=en`)));
    expect(lines.map((line) => line.text.replace(/^Play from /, ""))).toEqual([
      "0:00 [Description] A crimson title card. White letters in the middle read: Dracin sample 1.",
      "0:00 Your Highness, the Empress has summoned you to the east pavilion.",
      "0:04 At this hour? Something is wrong.",
      "0:07 [Description] Below the title, an amber clock counts the seconds.",
      "0:07 She found the letter you hid in the jade box.",
      "0:11 Then burn every page before the moon rises.",
      "0:12 [Description] An amber bar creeps in from the left along the bottom edge.",
      "0:16 And tell no one. Not even the Crown Prince.",
      "0:17 [Description] The bar almost spans the screen as the scene ends.",
    ]);
    expect(transcriptOf(await get(`/watch/${DESCRIBED}?lang=id`))).toContain("[Deskripsi]");
  });

  it("has no descriptions for a drama without audio description", async () => {
    const markup = transcriptOf(await get(`/watch/${UNDESCRIBED}?lang=en`));
    expect(linesOf(markup).length).toBeGreaterThan(0);
    expect(markup).not.toContain("[Description]");
    expect(markup).not.toContain("transcript-description");
  });
});

describe("?t= (a time link without JavaScript)", () => {
  it("starts the video at that second", async () => {
    const html = await get(`/watch/${DESCRIBED}?lang=en&t=12`);
    expect(html).toContain('<source src="/media/sample-1/360p.mp4#t=12" type="video/mp4"/>');
    expect(html).toContain('data-start="12"');
    expect(html).toContain("Playing from 0:12.");
    expect(transcriptOf(html)).toMatch(/<details class="transcript" id="transcript" open="">/);
  });

  it("ignores a time that is not whole seconds within the episode", async () => {
    for (const t of ["21", "-1", "1.5", "abc", "", "1e1", "99999999", "0x10"]) {
      const html = await get(`/watch/${DESCRIBED}?lang=en&t=${encodeURIComponent(t)}`);
      expect(html, t).toContain('<source src="/media/sample-1/360p.mp4" type="video/mp4"/>');
      expect(html, t).toContain('data-start="0"');
    }
  });
});

/** The local catalog with episodes' tracks changed by `change`. */
function catalogWith(change: (episode: Episode) => Episode): CatalogProvider {
  const wrap = (provider: CatalogProvider): CatalogProvider =>
    new Proxy(provider, {
      get(target, property) {
        if (property === "getEpisode") {
          return async (id: string) => {
            const episode = await target.getEpisode(id);
            return episode && change(episode);
          };
        }
        if (property === "inLocale") return (locale: CatalogProvider["locale"]) => wrap(target.inLocale(locale));
        const value: unknown = Reflect.get(target, property);
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  return wrap(createLocalCatalog());
}

describe("a track that cannot be read", () => {
  let folder: string;
  let previousRoot: string;
  let previousCatalog: CatalogProvider | undefined;

  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "dracin-tracks-"));
    fs.mkdirSync(path.join(folder, "media"));
    fs.writeFileSync(path.join(folder, "media", "broken.vtt"), "1\n00:00:00,000 --> 00:00:01,000\nnot WebVTT\n");
    fs.writeFileSync(
      path.join(folder, "media", "good.vtt"),
      "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Su Wan>We open at moonrise.\n",
    );
    fs.writeFileSync(path.join(os.tmpdir(), "outside.vtt"), "WEBVTT\n\n00:00.000 --> 00:02.000\nsecret\n");
    previousRoot = setPublicRootForTests(folder);
  });

  afterAll(() => {
    setCatalogForTests(previousCatalog);
    setPublicRootForTests(previousRoot);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  async function pageWith(captions: string, descriptions?: string) {
    previousCatalog = setCatalogForTests(
      catalogWith((episode) => ({
        ...episode,
        subtitles: [{ lang: "en", label: "English", src: captions }],
        descriptions: descriptions ? [{ lang: "en", label: "English", src: descriptions }] : [],
      })),
    );
    try {
      return transcriptOf(await get(`/watch/${DESCRIBED}?lang=en`));
    } finally {
      setCatalogForTests(previousCatalog);
    }
  }

  it("says the transcript is unavailable, and the page still answers 200", async () => {
    for (const src of [
      "/media/missing.vtt",
      "/media/broken.vtt",
      "/media/../../outside.vtt",
      "/media/%2e%2e/%2e%2e/outside.vtt",
      "/media/good.txt",
      "//evil.example/subs.vtt",
      "file:///etc/passwd",
      "http://127.0.0.1:9/subs.vtt",
    ]) {
      const markup = await pageWith(src);
      expect(textOf(markup), src).toContain("The transcript is unavailable right now. Please try again later.");
      expect(markup).not.toContain("secret");
      expect(markup).not.toContain("transcript-line");
    }
  });

  it("reads a good file, keeping the speaker, and says when only the descriptions are missing", async () => {
    const markup = await pageWith("/media/good.vtt", "/media/nothing-here.vtt");
    expect(linesOf(markup).map((line) => line.text)).toEqual(["Play from 0:00 Su Wan : We open at moonrise."]);
    expect(markup).toContain('<b class="transcript-speaker">Su Wan</b>');
    expect(textOf(markup)).toContain("The descriptions are unavailable right now");
  });
});
