/**
 * The watch page in the viewer's language, as a browser gets it (with or
 * without JavaScript): the player's words and video.js's labels handed to the
 * script, captions defaulting to the viewer's language until they choose,
 * caption names in their own language.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createLocalCatalog } from "~/catalog/local.server";
import type { Episode } from "~/catalog/types";
import { action as preferencesAction } from "~/routes/resources.preferences";
import * as watch from "~/routes/watch.$episodeId";
import { cookieHeaderFrom, postForm } from "../helpers/requests";
import { buildOf, pageRenderer } from "../helpers/render-page";
import { decodeHtml } from "../helpers/html-text";
import { callRoute } from "../helpers/route";
import { createUser } from "../helpers/users";

const render = pageRenderer(buildOf([{ id: "routes/watch.$episodeId", path: "watch/:episodeId", module: watch }]));
let episode: Episode;

beforeAll(async () => {
  [episode] = await createLocalCatalog().getEpisodes("moonlit-tea-house");
});

function attribute(html: string, name: string): string | null {
  const match = new RegExp(`<video[^>]*\\s${name}="([^"]*)"`).exec(html);
  return match ? decodeHtml(match[1]) : null;
}

/** The captions `<track>`s: language, label, and whether the no-JS player shows it by default. */
function tracks(html: string) {
  return [...html.matchAll(/<track\b[^>]*kind="captions"[^>]*>/g)].map(([tag]) => ({
    lang: /srcLang="([^"]+)"/i.exec(tag)?.[1],
    label: /label="([^"]+)"/.exec(tag)?.[1],
    default: /\sdefault(=|\s|\/|>)/.test(tag),
  }));
}

async function page(cookie: string, lang: "en" | "id") {
  const result = await render(`/watch/${episode.id}?lang=${lang}`, cookie);
  expect(result.status).toBe(200);
  return result.html;
}

/** Posts preferences as the player does; returns the browser's cookies after (the new preferences cookie replaces the old). */
async function choose(cookie: string, fields: Record<string, string>): Promise<string> {
  const result = await callRoute(
    preferencesAction,
    postForm("/resources/preferences", fields, { cookie, headers: { Accept: "application/json" } }),
  );
  expect(result.status).toBe(204);
  const others = cookie.split("; ").filter((pair) => !pair.startsWith("dracin_prefs="));
  return [...others, cookieHeaderFrom(result.headers)].join("; ");
}

describe("the watch page in Indonesian", () => {
  it("hands the script Indonesian player words and video.js labels", async () => {
    const html = await page((await createUser()).cookie, "id");
    const strings = JSON.parse(attribute(html, "data-strings") ?? "{}") as Record<string, string>;
    expect(strings["player.upNext"]).toBe("Berikutnya");
    expect(Object.keys(strings).every((key) => key.startsWith("player."))).toBe(true);
    const videojs = JSON.parse(attribute(html, "data-videojs-language") ?? "{}") as Record<string, string>;
    expect(videojs.Play).toBe("Putar");
  });

  it("starts with Indonesian captions, with and without JavaScript, names each in its own language", async () => {
    const html = await page((await createUser()).cookie, "id");
    expect(attribute(html, "data-captions")).toBe("id");
    expect(tracks(html)).toEqual([
      { lang: "en", label: "English", default: false },
      { lang: "id", label: "Bahasa Indonesia", default: true },
    ]);
    expect(html).toMatch(/<option value="en" lang="en">English<\/option>/);
    expect(html).toMatch(/<option value="id" lang="id" selected="">Bahasa Indonesia<\/option>/);
    expect(html).toContain('<span lang="id">Bahasa Indonesia</span>');
  });

  it("keeps following the viewer's language after another setting changes, and keeps a choice they make", async () => {
    const user = await createUser();
    const autoplayOff = await choose(user.cookie, { autoplay: "0" });
    expect(attribute(await page(autoplayOff, "id"), "data-captions")).toBe("id");
    expect(attribute(await page(autoplayOff, "en"), "data-captions")).toBe("en");

    const english = await choose(autoplayOff, { captions: "en" });
    const html = await page(english, "id");
    expect(attribute(html, "data-captions")).toBe("en");
    expect(tracks(html).find((track) => track.default)?.lang).toBe("en");
  });
});

describe("the watch page in English", () => {
  it("sends no video.js dictionary and starts with English captions", async () => {
    const html = await page((await createUser()).cookie, "en");
    expect(attribute(html, "data-videojs-language")).toBeNull();
    expect((JSON.parse(attribute(html, "data-strings") ?? "{}") as Record<string, string>)["player.upNext"]).toBe(
      "Up next",
    );
    expect(tracks(html).find((track) => track.default)?.lang).toBe("en");
  });
});
