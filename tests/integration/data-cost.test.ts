/**
 * The data cost said up front: every episode link and download link carries
 * the episode's size per quality (bit rate × duration, from the catalog), the
 * player's quality menu gets the same labels, and the drama page says what the
 * rest of the series costs from where the viewer is, in the viewer's language;
 * and what can be played at all ("8 of 24 episodes available").
 */
import { describe, expect, it, vi } from "vitest";
import { createLocalCatalog } from "~/catalog/local.server";
import { formatBytes } from "~/i18n/format";
import { streamBytes } from "~/lib/data-cost";
import * as drama from "~/routes/drama.$dramaId";
import * as watch from "~/routes/watch.$episodeId";
import { decodeHtml, pageText as text } from "../helpers/html-text";
import { buildOf, pageRenderer } from "../helpers/render-page";
import { postForm } from "../helpers/requests";
import { callRoute } from "../helpers/route";
import { action as progressAction } from "~/routes/resources.progress";
import { createUser } from "../helpers/users";

vi.mock("~/utils/assets.server", () => import("../helpers/test-assets"));

const render = pageRenderer(
  buildOf([
    { id: "routes/drama.$dramaId", path: "drama/:dramaId", module: drama },
    { id: "routes/watch.$episodeId", path: "watch/:episodeId", module: watch },
  ]),
);
const english = { "Accept-Language": "en-US" };
const indonesian = { "Accept-Language": "id-ID" };
const DRAMA = "moonlit-tea-house";
const catalog = createLocalCatalog();

/** The whole series' bytes at a quality, from the catalog's own bit rates. */
async function seriesBytes(quality: string, skip = new Map<string, number>()): Promise<number> {
  let total = 0;
  for (const episode of await catalog.getEpisodes(DRAMA)) {
    const rendition = episode.streams.mp4.find((r) => r.quality === quality)!;
    total += streamBytes(rendition, episode.duration - (skip.get(episode.id) ?? 0))!;
  }
  return total;
}

describe("episode links", () => {
  it("say each episode's size per quality, in English and Indonesian", async () => {
    const [first] = await catalog.getEpisodes(DRAMA);
    const [low, high] = first.streams.mp4.map((r) => streamBytes(r, first.duration)!);
    const en = text((await render(`/drama/${DRAMA}`, "", { headers: english })).html);
    expect(en).toContain(`≈ ${formatBytes(low, "en")} · 360p, ≈ ${formatBytes(high, "en")} · 720p`);
    const id = text((await render(`/drama/${DRAMA}`, "", { headers: indonesian })).html);
    expect(id).toContain(`≈ ${formatBytes(low, "id")} · 360p, ≈ ${formatBytes(high, "id")} · 720p`);
  });
});

describe("the drama page", () => {
  it("tells a visitor what every episode costs, per quality, and how it is estimated", async () => {
    const page = text((await render(`/drama/${DRAMA}`, "", { headers: english })).html);
    const low = formatBytes(await seriesBytes("360p"), "en");
    const high = formatBytes(await seriesBytes("720p"), "en");
    expect(page).toContain(`Data for every episode ≈ ${low} at 360p, ≈ ${high} at 720p`);
    expect(page).toContain("Estimated from each video's bit rate and length.");
  });

  it("tells a viewer what finishing costs from where they are, without what they watched", async () => {
    const user = await createUser();
    const episodes = await catalog.getEpisodes(DRAMA);
    // Episode 1 watched to the end, episode 2 half way.
    const [first, second] = episodes;
    const saves = [
      { episodeId: first.id, position: first.duration, seq: 1 },
      { episodeId: second.id, position: Math.floor(second.duration / 2), seq: 2 },
    ];
    for (const save of saves) {
      const result = await callRoute(progressAction, postForm("/resources/progress", save, { cookie: user.cookie }));
      expect(result.status).toBe(204);
    }
    const seen = new Map([
      [first.id, first.duration],
      [second.id, Math.floor(second.duration / 2)],
    ]);
    const page = text((await render(`/drama/${DRAMA}`, user.cookie, { headers: indonesian })).html);
    const low = formatBytes(await seriesBytes("360p", seen), "id");
    expect(page).toContain(`Kuota sampai tamat ≈ ${low} untuk 360p`);
  });
});

describe("the watch page", () => {
  it("puts the size on each download link and in the player's quality labels", async () => {
    const user = await createUser();
    const [first] = await catalog.getEpisodes(DRAMA);
    const page = await render(`/watch/${first.id}`, user.cookie, { headers: english });
    expect(page.status).toBe(200);
    const low = formatBytes(streamBytes(first.streams.mp4[0], first.duration)!, "en");
    expect(text(page.html)).toContain(`Video, 360p (MP4, ≈ ${low})`);
    const renditions = JSON.parse(decodeHtml(/data-renditions="([^"]*)"/.exec(page.html)?.[1] ?? "[]")) as {
      label?: string;
    }[];
    expect(renditions[0].label).toBe(`360p · ≈ ${low}`);
  });
});

describe("availability", () => {
  it("says how many of an ongoing drama's episodes are out and lists the rest as not available yet", async () => {
    const available = (await catalog.getEpisodes("neon-rain")).length;
    const drama = await catalog.getDrama("neon-rain");
    expect(drama?.episodeCount).toBe(24);
    expect(available).toBeLessThan(24);
    const page = await render("/drama/neon-rain", "", { headers: english });
    expect(page.status).toBe(200);
    const words = text(page.html);
    expect(words).toContain(`Episodes ${available} of 24 episodes available`);
    expect(words).toContain(`Episodes ${available + 1}–24 : Not available yet`);
    // Not a link: nothing to play.
    expect(page.html).not.toContain(`/watch/neon-rain-ep-${available + 1}"`);
    const id = text((await render("/drama/neon-rain", "", { headers: indonesian })).html);
    expect(id).toContain(`${available} dari 24 episode tersedia`);
    expect(id).toContain(`Episode ${available + 1}–24 : Belum tersedia`);
  });

  it("says nothing of availability for a drama whose episodes are all out", async () => {
    const words = text((await render(`/drama/${DRAMA}`, "", { headers: english })).html);
    expect(words).not.toContain("episodes available");
    expect(words).not.toContain("Not available yet");
  });
});
