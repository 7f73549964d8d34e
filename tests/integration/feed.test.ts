/**
 * The binge feed's pages and fragments (app/routes/drama.$dramaId_.feed.tsx, resources.feed.tsx): signed in
 * only; opens where the viewer's progress says or at the episode asked for; one episode with a native video
 * and links either side; "Episode 3 of 24" in both languages; the end says what is not out yet; bad input
 * is a 400 or 404; the script's fragment is the same screen, loading nothing ahead.
 */
import { describe, expect, it, vi } from "vitest";
import { createLocalCatalog } from "~/catalog/local.server";
import { formatBytes } from "~/i18n/format";
import { streamBytes } from "~/lib/data-cost";
import { feedFragmentPath, feedPath } from "~/lib/feed";
import * as feedRoute from "~/routes/drama.$dramaId_.feed";
import { loader as fragmentLoader } from "~/routes/resources.feed";
import { action as progressAction } from "~/routes/resources.progress";
import { decodeHtml, pageText as text } from "../helpers/html-text";
import { buildOf, pageRenderer } from "../helpers/render-page";
import { getRequest, postForm } from "../helpers/requests";
import { callRoute } from "../helpers/route";
import { createUser } from "../helpers/users";

vi.mock("~/utils/assets.server", () => import("../helpers/test-assets"));

const render = pageRenderer(
  buildOf([{ id: "routes/drama.$dramaId_.feed", path: "drama/:dramaId/feed", module: feedRoute }]),
);
const english = { "Accept-Language": "en-US" };
const indonesian = { "Accept-Language": "id-ID" };
const DRAMA = "neon-rain";
const catalog = createLocalCatalog();

/** The page's links, decoded. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((match) => decodeHtml(match[1]));
}

describe("the feed page", () => {
  it("sends a visitor to sign in and back", async () => {
    const page = await render(`/drama/${DRAMA}/feed`, "", { headers: english });
    expect(page.status).toBe(303);
    const location = page.headers.get("Location") ?? "";
    expect(location).toMatch(/^\/login\?/);
    expect(new URL(location, "http://x").searchParams.get("redirectTo")).toBe(`/drama/${DRAMA}/feed`);
  });

  it("opens at the first episode: a native video at 360p, its cost, and a link to the next", async () => {
    const user = await createUser();
    const [first, second] = await catalog.getEpisodes(DRAMA);
    const page = await render(`/drama/${DRAMA}/feed`, user.cookie, { headers: english });
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toMatch(/private|no-store/);
    const words = text(page.html);
    expect(words).toContain("Episode 1 of 24");
    expect(words).toContain(first.title);
    const low = first.streams.mp4[0];
    expect(words).toContain(`≈ ${formatBytes(streamBytes(low, first.duration)!, "en")} · ${low.quality}`);
    expect(page.html).toContain(`<source src="${low.src}" type="video/mp4"/>`);
    expect(page.html).toMatch(/<video[^>]* controls=""[^>]*preload="metadata"/);
    expect(page.html).not.toMatch(/<video[^>]*autoplay/i);
    expect(page.html).toMatch(/<section[^>]*aria-labelledby="feed-[^"]+"/);
    expect(hrefs(page.html)).toContain(feedPath(DRAMA, second.id));
    expect(words).not.toContain("Previous episode");
    expect(page.html).toContain(`data-next-fragment="${feedFragmentPath(DRAMA, second.id).replace(/&/g, "&amp;")}"`);
  });

  it("opens where the viewer left off, from that point", async () => {
    const user = await createUser();
    const episodes = await catalog.getEpisodes(DRAMA);
    const third = episodes[2];
    const position = Math.floor(third.duration / 2);
    for (const [index, save] of [
      { episodeId: episodes[0].id, position: episodes[0].duration, seq: 1 },
      { episodeId: third.id, position, seq: 2 },
    ].entries()) {
      const result = await callRoute(progressAction, postForm("/resources/progress", save, { cookie: user.cookie }));
      expect(result.status, `save ${index}`).toBe(204);
    }
    const page = await render(`/drama/${DRAMA}/feed`, user.cookie, { headers: indonesian });
    expect(page.status).toBe(200);
    const words = text(page.html);
    expect(words).toContain("Episode 3 dari 24");
    expect(page.html).toContain(`#t=${position}"`);
    expect(words).toMatch(/Melanjutkan dari \d+:\d\d/);
    expect(words).toContain("Episode sebelumnya");
    expect(words).toContain("Episode berikutnya");
  });

  it("opens at the episode asked for, and ends by saying which episodes are not out yet", async () => {
    const user = await createUser();
    const episodes = await catalog.getEpisodes(DRAMA);
    const last = episodes[episodes.length - 1];
    const page = await render(feedPath(DRAMA, last.id), user.cookie, { headers: english });
    expect(page.status).toBe(200);
    const words = text(page.html);
    expect(words).toContain(`Episode ${last.number} of 24`);
    expect(words).toContain(`episodes ${last.number + 1}–24 are not available yet`);
    expect(words).not.toContain("Next episode");
    expect(hrefs(page.html)).toContain(feedPath(DRAMA, episodes[episodes.length - 2].id));
  });

  it("says the last episode of a finished drama is the last", async () => {
    const user = await createUser();
    const episodes = await catalog.getEpisodes("moonlit-tea-house");
    const page = await render(feedPath("moonlit-tea-house", episodes[episodes.length - 1].id), user.cookie, {
      headers: english,
    });
    expect(text(page.html)).toContain("This is the last episode.");
  });

  it("loads nothing ahead for data saver, from the Save-Data header until the viewer chooses", async () => {
    const user = await createUser();
    const page = await render(`/drama/${DRAMA}/feed`, user.cookie, { headers: { ...english, "Save-Data": "on" } });
    expect(page.html).toMatch(/<video[^>]*preload="none"/);
    expect(page.html).toContain('data-data-saver="1"');
    expect(page.headers.get("Vary") ?? "").toMatch(/Save-Data/);
  });

  it("answers bad input with a 4xx and stores nothing", async () => {
    const user = await createUser();
    expect((await render(feedPath(DRAMA, "no-such-episode"), user.cookie)).status).toBe(404);
    expect((await render(feedPath(DRAMA, "moonlit-tea-house-ep-1"), user.cookie)).status).toBe(404);
    expect((await render(feedPath(DRAMA, "x".repeat(500)), user.cookie)).status).toBe(400);
    expect((await render("/drama/no-such-drama/feed", user.cookie)).status).toBe(404);
  });
});

describe("the feed script's fragment", () => {
  it("is the same screen, loading nothing until the script prepares it", async () => {
    const user = await createUser();
    const [, second, third] = await catalog.getEpisodes(DRAMA);
    const result = await callRoute(
      fragmentLoader,
      getRequest(feedFragmentPath(DRAMA, second.id), { cookie: user.cookie, htmx: true, headers: english }),
    );
    expect(result.status).toBe(200);
    expect(result.headers.get("Cache-Control")).toBe("private, no-store");
    const html = result.text ?? "";
    expect(html).toMatch(/^<section class="feed-episode"/);
    expect(text(html)).toContain("Episode 2 of 24");
    expect(html).toMatch(/<video[^>]*preload="none"/);
    expect(html).toContain(`data-announce="Episode 2 of 24: ${second.title}"`);
    expect(hrefs(html)).toContain(feedPath(DRAMA, third.id));
  });

  it("sends a browser that opens it to the feed page, and refuses bad input", async () => {
    const user = await createUser();
    const opened = await callRoute(
      fragmentLoader,
      getRequest(feedFragmentPath(DRAMA, `${DRAMA}-ep-2`), { cookie: user.cookie }),
    );
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toBe(feedPath(DRAMA, `${DRAMA}-ep-2`));
    const unknown = await callRoute(
      fragmentLoader,
      getRequest(feedFragmentPath(DRAMA, "nope"), { cookie: user.cookie, htmx: true }),
    );
    expect(unknown.status).toBe(404);
    const missing = await callRoute(fragmentLoader, getRequest("/resources/feed?drama=", { htmx: true }));
    expect(missing.status).toBe(400);
  });

  it("is for signed-in viewers only", async () => {
    const result = await callRoute(
      fragmentLoader,
      getRequest(feedFragmentPath(DRAMA, `${DRAMA}-ep-2`), { htmx: true }),
    );
    expect(result.status).toBe(204);
    expect(result.headers.get("HX-Redirect")).toMatch(/^\/login\?/);
  });
});
