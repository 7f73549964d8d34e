import { beforeAll, describe, expect, it } from "vitest";
import { createLocalCatalog } from "~/catalog/local.server";
import type { Episode } from "~/catalog/types";
import { loader as homeLoader } from "~/routes/_index";
import { loader as dramaLoader } from "~/routes/drama.$dramaId";
import { action as hideAction } from "~/routes/resources.continue-watching";
import { action as preferencesAction } from "~/routes/resources.preferences";
import { action as progressAction } from "~/routes/resources.progress";
import { action as watchedAction } from "~/routes/resources.watched";
import * as watchRoute from "~/routes/watch.$episodeId";
import { loader as watchLoader } from "~/routes/watch.$episodeId";
import { prisma } from "~/utils/db.server";
import { cookieHeaderFrom, getRequest, postForm } from "../helpers/requests";
import { buildOf, pageRenderer } from "../helpers/render-page";
import { callRoute, dataOf } from "../helpers/route";
import { createUser, type TestUser } from "../helpers/users";

const DRAMA = "moonlit-tea-house";
const renderWatch = pageRenderer(
  buildOf([{ id: "routes/watch.$episodeId", path: "watch/:episodeId", module: watchRoute }]),
);
let episodes: Episode[];

beforeAll(async () => {
  episodes = await createLocalCatalog().getEpisodes(DRAMA);
});

function save(user: TestUser, fields: Record<string, string | number>) {
  return callRoute(progressAction, postForm("/resources/progress", fields, { cookie: user.cookie }));
}

function row(user: TestUser, episodeId: string) {
  return prisma.userProgress.findUnique({ where: { userId_episodeId: { userId: user.id, episodeId } } });
}

describe("saves that arrive out of order", () => {
  it("ignores a save older than the stored one (by seq) and still answers 204", async () => {
    const user = await createUser();
    const episode = episodes[0];
    expect((await save(user, { episodeId: episode.id, position: 15, seq: 2_000 })).status).toBe(204);
    expect((await save(user, { episodeId: episode.id, position: 5, seq: 1_000 })).status).toBe(204);
    expect(await row(user, episode.id)).toMatchObject({ currentTime: 15, clientSeq: 2_000 });
    expect((await save(user, { episodeId: episode.id, position: 16, seq: 3_000 })).status).toBe(204);
    expect(await row(user, episode.id)).toMatchObject({ currentTime: 16, clientSeq: 3_000 });
  });

  it("leaves exactly one row holding the newest position after 100 parallel saves", async () => {
    const user = await createUser();
    const episode = episodes[1];
    // Positions rise with seq; send them shuffled, all at once.
    const saves = Array.from({ length: 100 }, (_, i) => ({ seq: 10_000 + i, position: (i * episode.duration) / 120 }));
    for (let i = saves.length - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [saves[i], saves[j]] = [saves[j], saves[i]];
    }
    const results = await Promise.all(saves.map((s) => save(user, { episodeId: episode.id, ...s })));
    expect(results.every((r) => r.status === 204)).toBe(true);
    const rows = await prisma.userProgress.findMany({ where: { userId: user.id, episodeId: episode.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ clientSeq: 10_099, currentTime: Math.floor((99 * episode.duration) / 120) });
  });

  it("caps a seq from a clock far in the future, so it cannot block later saves forever", async () => {
    const user = await createUser();
    const episode = episodes[2];
    const before = Date.now();
    await save(user, { episodeId: episode.id, position: 6, seq: before + 365 * 24 * 3600 * 1000 });
    const stored = await row(user, episode.id);
    expect(stored?.clientSeq).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it("uses the server's clock when a client sends no seq", async () => {
    const user = await createUser();
    const episode = episodes[3];
    const before = Date.now();
    await save(user, { episodeId: episode.id, position: 6 });
    expect((await row(user, episode.id))?.clientSeq).toBeGreaterThanOrEqual(before);
  });
});

describe("mark as watched / unwatched", () => {
  it("marks an episode watched without JavaScript, records a viewing, and redirects back to it", async () => {
    const user = await createUser();
    const episode = episodes[0];
    const result = await callRoute(
      watchedAction,
      postForm(
        "/resources/watched",
        { intent: "watched", episodeId: episode.id, redirectTo: `/drama/${DRAMA}` },
        { cookie: user.cookie },
      ),
    );
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe(`/drama/${DRAMA}#episode-${episode.id}`);
    expect(await row(user, episode.id)).toMatchObject({ completed: true, currentTime: episode.duration });
    expect(await prisma.watchHistory.count({ where: { userId: user.id, episodeId: episode.id } })).toBe(1);
    const drama = dataOf(
      await callRoute(dramaLoader, getRequest(`/drama/${DRAMA}`, { cookie: user.cookie }), { dramaId: DRAMA }),
    );
    expect(drama.next).toMatchObject({ kind: "next", number: 2 });
  });

  it("answers htmx with the swapped episode row and an announcement", async () => {
    const user = await createUser();
    const episode = episodes[1];
    const result = await callRoute(
      watchedAction,
      postForm(
        "/resources/watched",
        { intent: "watched", episodeId: episode.id, redirectTo: `/drama/${DRAMA}` },
        { cookie: user.cookie, htmx: true },
      ),
    );
    expect(result.status).toBe(200);
    expect(result.headers.get("Vary")).toContain("HX-Request");
    expect(result.text).toContain(`id="episode-${episode.id}"`);
    expect(result.text).toContain("Mark as unwatched");
    expect(result.text).toContain('data-hx-swap-oob="innerHTML:#announcer"');
    expect(result.text).toContain("Episode 2 marked as watched.");

    const undo = await callRoute(
      watchedAction,
      postForm(
        "/resources/watched",
        { intent: "unwatched", episodeId: episode.id },
        { cookie: user.cookie, htmx: true },
      ),
    );
    expect(undo.text).toContain("Mark as watched");
    expect(await row(user, episode.id)).toBeNull();
  });

  it("marks as watched and plays the next episode", async () => {
    const user = await createUser();
    const result = await callRoute(
      watchedAction,
      postForm("/resources/watched", { intent: "watched-next", episodeId: episodes[2].id }, { cookie: user.cookie }),
    );
    expect(result.headers.get("Location")).toBe(`/watch/${episodes[3].id}`);
    const last = episodes[episodes.length - 1];
    const end = await callRoute(
      watchedAction,
      postForm("/resources/watched", { intent: "watched-next", episodeId: last.id }, { cookie: user.cookie }),
    );
    expect(end.headers.get("Location")).toBe(`/drama/${DRAMA}`);
  });

  it("refuses bad input and anonymous viewers, storing nothing", async () => {
    const user = await createUser();
    const bad = await callRoute(
      watchedAction,
      postForm("/resources/watched", { intent: "delete", episodeId: episodes[0].id }, { cookie: user.cookie }),
    );
    expect(bad.status).toBe(400);
    const unknown = await callRoute(
      watchedAction,
      postForm("/resources/watched", { intent: "watched", episodeId: "nope" }, { cookie: user.cookie }),
    );
    expect(unknown.status).toBe(404);
    const anonymous = await callRoute(
      watchedAction,
      postForm("/resources/watched", { intent: "watched", episodeId: episodes[0].id }),
    );
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect(await prisma.userProgress.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("Remove from Continue Watching", () => {
  it("hides the drama without losing progress, and it comes back when the viewer plays it again", async () => {
    const user = await createUser();
    const home = async () =>
      dataOf(await callRoute(homeLoader, getRequest("/", { cookie: user.cookie }))).continueWatching;
    await save(user, { episodeId: episodes[0].id, position: 8, seq: 1 });
    expect((await home()).map((item) => item.drama.id)).toEqual([DRAMA]);

    const result = await callRoute(
      hideAction,
      postForm("/", { intent: "hide", dramaId: DRAMA }, { cookie: user.cookie }),
    );
    expect(result.status).toBe(303);
    expect(await home()).toEqual([]);
    expect(await row(user, episodes[0].id)).toMatchObject({ currentTime: 8 });

    await save(user, { episodeId: episodes[0].id, position: 10, seq: 2 });
    expect((await home()).map((item) => item.drama.id)).toEqual([DRAMA]);
  });

  it("refuses a request without a drama", async () => {
    const user = await createUser();
    const result = await callRoute(hideAction, postForm("/", { intent: "hide" }, { cookie: user.cookie }));
    expect(result.status).toBe(400);
  });
});

describe("the watch page's viewer key", () => {
  it("is stable per viewer, differs between viewers and never reveals the user id", async () => {
    const [a, b] = [await createUser(), await createUser()];
    const viewerOf = async (user: TestUser) =>
      dataOf(
        await callRoute(watchLoader, getRequest(`/watch/${episodes[0].id}`, { cookie: user.cookie }), {
          episodeId: episodes[0].id,
        }),
      ).viewer;
    const first = await viewerOf(a);
    expect(first).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await viewerOf(a)).toBe(first);
    expect(await viewerOf(b)).not.toBe(first);
    expect(first).not.toContain(a.id);
  });
});

describe("playback preferences", () => {
  it("default to English captions, autoplay on and data saver off", async () => {
    const user = await createUser();
    const data = dataOf(
      await callRoute(watchLoader, getRequest(`/watch/${episodes[0].id}`, { cookie: user.cookie }), {
        episodeId: episodes[0].id,
      }),
    );
    expect(data.preferences).toEqual({
      captions: "en",
      autoplay: true,
      dataSaver: false,
      description: "off",
      extendedDescription: false,
      descriptionRate: "1",
      descriptionVoice: "",
      readCaptions: false,
    });
  });

  it("are saved by the player (204) and rendered as the next page's defaults", async () => {
    const user = await createUser();
    const result = await callRoute(
      preferencesAction,
      postForm(
        "/resources/preferences",
        { captions: "id", autoplay: "0" },
        { cookie: user.cookie, headers: { Accept: "application/json" } },
      ),
    );
    expect(result.status).toBe(204);
    const cookie = `${user.cookie}; ${cookieHeaderFrom(result.headers)}`;
    const data = dataOf(
      await callRoute(watchLoader, getRequest(`/watch/${episodes[1].id}`, { cookie }), { episodeId: episodes[1].id }),
    );
    expect(data.preferences).toMatchObject({ captions: "id", autoplay: false, dataSaver: false, description: "off" });
  });

  it("are saved by the settings form without JavaScript and redirect back", async () => {
    const result = await callRoute(
      preferencesAction,
      postForm("/resources/preferences", { captions: "off", dataSaver: "1", redirectTo: "/watch/x" }),
    );
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/watch/x");
    expect(result.headers.get("Set-Cookie")).toContain("dracin_prefs=");
  });

  it("turn data saver on when the browser sends Save-Data: on, until the viewer chooses; the page varies on it", async () => {
    const user = await createUser();
    const path = `/watch/${episodes[0].id}`;
    const watch = (cookie: string, headers: Record<string, string> = {}) =>
      callRoute(watchLoader, getRequest(path, { cookie, headers }), { episodeId: episodes[0].id });
    expect(dataOf(await watch(user.cookie, { "Save-Data": "on" })).preferences.dataSaver).toBe(true);
    expect(dataOf(await watch(user.cookie, { "Save-Data": "off" })).preferences.dataSaver).toBe(false);
    expect(dataOf(await watch(user.cookie)).preferences.dataSaver).toBe(false);
    const page = await renderWatch(path, user.cookie, { headers: { "Save-Data": "on" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("Vary")).toMatch(/\bSave-Data\b/);
    expect(page.html).toContain('data-data-saver="1"');
    expect(page.html).toContain('preload="none"');

    // Another preference saved does not turn the header's answer into a choice...
    const autoplay = await callRoute(
      preferencesAction,
      postForm(
        "/resources/preferences",
        { autoplay: "0" },
        { cookie: user.cookie, headers: { Accept: "application/json", "Save-Data": "on" } },
      ),
    );
    let cookie = `${user.cookie}; ${cookieHeaderFrom(autoplay.headers)}`;
    expect(dataOf(await watch(cookie)).preferences.dataSaver).toBe(false);
    expect(dataOf(await watch(cookie, { "Save-Data": "on" })).preferences.dataSaver).toBe(true);

    // ...and the viewer's own choice wins over the header.
    const off = await callRoute(
      preferencesAction,
      postForm("/resources/preferences", { dataSaver: "0" }, { cookie, headers: { Accept: "application/json" } }),
    );
    cookie = `${user.cookie}; ${cookieHeaderFrom(off.headers)}`;
    expect(dataOf(await watch(cookie, { "Save-Data": "on" })).preferences.dataSaver).toBe(false);
  });

  it("refuse unknown values with 400", async () => {
    const result = await callRoute(preferencesAction, postForm("/resources/preferences", { captions: "fr" }));
    expect(result.status).toBe(400);
    expect(result.headers.get("Set-Cookie")).toBeNull();
  });

  it("keep the audio description settings, and a change to one leaves the others as they were", async () => {
    const user = await createUser();
    const first = await callRoute(
      preferencesAction,
      postForm(
        "/resources/preferences",
        { description: "screen-reader", extendedDescription: "1", descriptionRate: "1.25", readCaptions: "1" },
        { cookie: user.cookie, headers: { Accept: "application/json" } },
      ),
    );
    expect(first.status).toBe(204);
    let cookie = `${user.cookie}; ${cookieHeaderFrom(first.headers)}`;
    const second = await callRoute(
      preferencesAction,
      postForm(
        "/resources/preferences",
        { descriptionVoice: "Google Bahasa Indonesia" },
        { cookie, headers: { Accept: "application/json" } },
      ),
    );
    expect(second.status).toBe(204);
    cookie = `${user.cookie}; ${cookieHeaderFrom(second.headers)}`;
    const data = dataOf(
      await callRoute(watchLoader, getRequest(`/watch/${episodes[0].id}`, { cookie }), { episodeId: episodes[0].id }),
    );
    expect(data.preferences).toMatchObject({
      description: "screen-reader",
      extendedDescription: true,
      descriptionRate: "1.25",
      descriptionVoice: "Google Bahasa Indonesia",
      readCaptions: true,
    });
    // Read in the captions' language when the episode describes in it.
    expect(data.descriptionLang).toBe("en");
  });

  it("refuse a voice name with control characters or over 100 characters, and unknown modes and rates", async () => {
    const refused: Record<string, string>[] = [
      { descriptionVoice: "a\u0000b" },
      { descriptionVoice: "v".repeat(101) },
      { description: "loud" },
      { descriptionRate: "3" },
      { readCaptions: "true" },
    ];
    for (const form of refused) {
      const result = await callRoute(preferencesAction, postForm("/resources/preferences", form));
      expect(result.status, JSON.stringify(form)).toBe(400);
      expect(result.headers.get("Set-Cookie")).toBeNull();
    }
  });
});
