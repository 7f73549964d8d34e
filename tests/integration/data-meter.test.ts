/**
 * The data meter: progress saves store the rendition the player reports (validated against the catalog), and
 * /account sums this month's video data from them, in the viewer's language (app/lib/data-meter.ts for the rules,
 * docs/progress.md "Data meter"). Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CatalogUnavailableError, getCatalog, setCatalogForTests } from "~/catalog/index.server";
import { createLocalCatalog } from "~/catalog/local.server";
import type { Episode } from "~/catalog/types";
import { formatBytes } from "~/i18n/format";
import { streamBytes } from "~/lib/data-cost";
import { monthStart } from "~/lib/data-meter";
import { getDataMeter } from "~/models/data-meter.server";
import * as account from "~/routes/account";
import { action as progressAction } from "~/routes/resources.progress";
import { action as watchedAction } from "~/routes/resources.watched";
import { prisma } from "~/utils/db.server";
import { pageText as text } from "../helpers/html-text";
import { buildOf, pageRenderer } from "../helpers/render-page";
import { postForm } from "../helpers/requests";
import { callRoute } from "../helpers/route";
import { createUser, type TestUser } from "../helpers/users";

vi.mock("~/utils/assets.server", () => import("../helpers/test-assets"));

const render = pageRenderer(buildOf([{ id: "routes/account", path: "account", module: account }]));
const english = { "Accept-Language": "en-US" };
const indonesian = { "Accept-Language": "id-ID" };
const DRAMA = "moonlit-tea-house";
let episodes: Episode[];

beforeAll(async () => {
  episodes = await createLocalCatalog().getEpisodes(DRAMA);
});

afterEach(() => {
  setCatalogForTests(undefined);
});

function save(user: TestUser, fields: Record<string, string | number>) {
  return callRoute(progressAction, postForm("/resources/progress", fields, { cookie: user.cookie }));
}

function markWatched(user: TestUser, episodeId: string) {
  return callRoute(
    watchedAction,
    postForm("/resources/watched", { intent: "watched", episodeId }, { cookie: user.cookie }),
  );
}

async function stored(user: TestUser, episodeId: string) {
  return prisma.userProgress.findUnique({
    where: { userId_episodeId: { userId: user.id, episodeId } },
    select: { currentTime: true, completed: true, quality: true },
  });
}

/** Bytes of `seconds` of `episode` at `quality`, from the catalog's own bit rate. */
function bytesOf(episode: Episode, quality: string, seconds: number): number {
  return streamBytes(
    episode.streams.mp4.find((r) => r.quality === quality)!,
    seconds,
  )!;
}

describe("saving the quality watched", () => {
  it("stores the rendition the player names, auto for one the episode lacks, and keeps it when a save names none", async () => {
    const user = await createUser();
    const episode = episodes[0];
    expect((await save(user, { episodeId: episode.id, position: 4, seq: 1, quality: "720p" })).status).toBe(204);
    expect(await stored(user, episode.id)).toEqual({ currentTime: 4, completed: false, quality: "720p" });

    expect((await save(user, { episodeId: episode.id, position: 6, seq: 2, quality: "1080p" })).status).toBe(204);
    expect((await stored(user, episode.id))?.quality).toBe("auto");

    expect((await save(user, { episodeId: episode.id, position: 8, seq: 3, quality: " 360p " })).status).toBe(204);
    expect((await stored(user, episode.id))?.quality).toBe("360p");

    // A page loaded before the meter existed sends no quality: the position moves, the quality stays.
    expect((await save(user, { episodeId: episode.id, position: 9, seq: 4 })).status).toBe(204);
    expect(await stored(user, episode.id)).toEqual({ currentTime: 9, completed: false, quality: "360p" });
  });

  it("holds no quality for a first save that names none", async () => {
    const user = await createUser();
    expect((await save(user, { episodeId: episodes[1].id, position: 3, seq: 1 })).status).toBe(204);
    expect((await stored(user, episodes[1].id))?.quality).toBeNull();
  });

  it("lets an older save change nothing, its quality included", async () => {
    const user = await createUser();
    const episode = episodes[2];
    await save(user, { episodeId: episode.id, position: 10, seq: 50, quality: "720p" });
    expect((await save(user, { episodeId: episode.id, position: 2, seq: 40, quality: "360p" })).status).toBe(204);
    expect(await stored(user, episode.id)).toEqual({ currentTime: 10, completed: false, quality: "720p" });
  });

  it("refuses a malformed quality with 400 and stores nothing", async () => {
    const user = await createUser();
    const episode = episodes[3];
    for (const quality of ["", "   ", "x".repeat(21)]) {
      const result = await save(user, { episodeId: episode.id, position: 5, seq: 1, quality });
      expect(result.status, JSON.stringify(quality)).toBe(400);
    }
    expect(await stored(user, episode.id)).toBeNull();
    await save(user, { episodeId: episode.id, position: 5, seq: 2, quality: "360p" });
    const refused = await save(user, { episodeId: episode.id, position: 7, seq: 3, quality: "y".repeat(50) });
    expect(refused.status).toBe(400);
    expect(await stored(user, episode.id)).toEqual({ currentTime: 5, completed: false, quality: "360p" });
  });

  it("keeps the quality played when the episode is marked as watched, and holds none for one only marked", async () => {
    const user = await createUser();
    await save(user, { episodeId: episodes[0].id, position: 5, seq: 1, quality: "360p" });
    expect((await markWatched(user, episodes[0].id)).status).toBe(303);
    expect(await stored(user, episodes[0].id)).toEqual({
      currentTime: episodes[0].duration,
      completed: true,
      quality: "360p",
    });
    expect((await markWatched(user, episodes[1].id)).status).toBe(303);
    expect((await stored(user, episodes[1].id))?.quality).toBeNull();
  });
});

describe("the data meter", () => {
  it("sums this month's played episodes, each at its quality, auto at the highest", async () => {
    const user = await createUser();
    const other = await createUser();
    const [first, second, third, fourth, fifth, sixth] = episodes;
    const now = new Date();
    // Halfway at 360p; to the end at 720p; a little on auto.
    await save(user, { episodeId: first.id, position: 10, seq: 1, quality: "360p" });
    await save(user, { episodeId: second.id, position: second.duration, seq: 1, quality: "720p" });
    await save(user, { episodeId: third.id, position: 7, seq: 1, quality: "auto" });
    // Only marked as watched: nothing streamed.
    await markWatched(user, fourth.id);
    // Played last month: not this month's.
    await save(user, { episodeId: fifth.id, position: 12, seq: 1, quality: "720p" });
    await prisma.userProgress.updateMany({
      where: { userId: user.id, episodeId: fifth.id },
      data: { updatedAt: new Date(monthStart(now).getTime() - 1) },
    });
    // Played at the first instant of the month: this month's.
    await save(user, { episodeId: sixth.id, position: 3, seq: 1, quality: "360p" });
    await prisma.userProgress.updateMany({
      where: { userId: user.id, episodeId: sixth.id },
      data: { updatedAt: monthStart(now) },
    });
    // Someone else's viewing.
    await save(other, { episodeId: first.id, position: first.duration, seq: 1, quality: "720p" });

    const expected =
      bytesOf(first, "360p", 10) +
      bytesOf(second, "720p", second.duration) +
      bytesOf(third, "720p", 7) +
      bytesOf(sixth, "360p", 3);
    expect(await getDataMeter(user.id, now)).toEqual({ state: "ok", bytes: expected, played: 4 });

    const en = text((await render("/account", user.cookie, { headers: english })).html);
    expect(en).toContain(`Data used ≈ ${formatBytes(expected, "en")} this month`);
    expect(en).toContain(
      "Estimated from how far you got in each episode you played this month, at the quality it played in, or at its highest quality when the player could not tell.",
    );
    const id = text((await render("/account", user.cookie, { headers: indonesian })).html);
    expect(id).toContain(`Kuota terpakai ≈ ${formatBytes(expected, "id")} bulan ini`);
    expect(id).toContain("Perkiraan dari sejauh mana kamu menonton tiap episode");
  });

  it("says no video was watched this month when there is none, or only marked episodes", async () => {
    const user = await createUser();
    const empty = await render("/account", user.cookie, { headers: english });
    expect(empty.status).toBe(200);
    expect(text(empty.html)).toContain("Data used No video watched this month.");
    await markWatched(user, episodes[0].id);
    expect(await getDataMeter(user.id)).toEqual({ state: "ok", bytes: 0, played: 0 });
    const id = text((await render("/account", user.cookie, { headers: indonesian })).html);
    expect(id).toContain("Kuota terpakai Belum ada video yang kamu tonton bulan ini.");
    expect(id).not.toContain("Perkiraan dari sejauh");
  });

  it("says the estimate is unavailable when the catalog cannot answer, and the page still works", async () => {
    const user = await createUser();
    await save(user, { episodeId: episodes[0].id, position: 4, seq: 1, quality: "360p" });
    const local = getCatalog();
    setCatalogForTests({
      ...local,
      inLocale: () => local,
      getEpisodes: () => Promise.reject(new CatalogUnavailableError("down", { reason: "timeout" })),
    });
    expect(await getDataMeter(user.id)).toEqual({ state: "unavailable" });
    const page = await render("/account", user.cookie, { headers: english });
    expect(page.status).toBe(200);
    expect(text(page.html)).toContain("Data used The estimate is not available right now. Please try again later.");
  });
});
