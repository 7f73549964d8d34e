import { beforeAll, describe, expect, it } from "vitest";
import { createLocalCatalog } from "~/catalog/local.server";
import type { Episode } from "~/catalog/types";
import { recordViewing, VIEWING_WINDOW_MS } from "~/models/history.server";
import { loader as dramaLoader } from "~/routes/drama.$dramaId";
import { action as progressAction, loader as progressLoader } from "~/routes/resources.progress";
import { loader as watchLoader } from "~/routes/watch.$episodeId";
import { prisma } from "~/utils/db.server";
import { getRequest, postForm } from "../helpers/requests";
import { callRoute, dataOf } from "../helpers/route";
import { createUser, type TestUser } from "../helpers/users";

const DRAMA = "the-jade-hairpin-oath";
let episodes: Episode[];
let user: TestUser;

beforeAll(async () => {
  episodes = await createLocalCatalog().getEpisodes(DRAMA);
  user = await createUser();
});

/** Posts a progress save as the player does; `cookie: null` posts anonymously. */
function save(fields: Record<string, string | number>, cookie: string | null = user.cookie) {
  return callRoute(progressAction, postForm("/resources/progress", fields, { cookie: cookie ?? undefined }));
}

function progressRow(episodeId: string, userId = user.id) {
  return prisma.userProgress.findUnique({ where: { userId_episodeId: { userId, episodeId } } });
}

function historyCount(episodeId: string, userId = user.id) {
  return prisma.watchHistory.count({ where: { userId, episodeId } });
}

async function errorOf(result: { text?: string }) {
  return (JSON.parse(result.text ?? "{}") as { error?: string }).error;
}

describe("saving progress", () => {
  it("saves with 204 and the drama page then offers to resume", async () => {
    const episode = episodes[1];
    const result = await save({ episodeId: episode.id, position: 10.6, viewingStart: "1" });

    expect(result.status).toBe(204);
    expect(result.text).toBe("");
    expect(await progressRow(episode.id)).toMatchObject({
      dramaId: DRAMA,
      currentTime: 10,
      duration: episode.duration,
      completed: false,
    });

    const page = await callRoute(dramaLoader, getRequest(`/drama/${DRAMA}`, { cookie: user.cookie }), {
      dramaId: DRAMA,
    });
    expect(dataOf(page).next).toEqual({ kind: "resume", episodeId: episode.id, number: 2, position: 10 });
    expect(dataOf(page).progress[episode.id]).toMatchObject({ currentTime: 10, completed: false });
  });

  it("updates the same row on later saves", async () => {
    const episode = episodes[2];
    await save({ episodeId: episode.id, position: 5 });
    await save({ episodeId: episode.id, position: 9 });
    expect(await prisma.userProgress.count({ where: { userId: user.id, episodeId: episode.id } })).toBe(1);
    expect((await progressRow(episode.id))?.currentTime).toBe(9);
  });

  it("marks an episode completed past 90 %", async () => {
    const episode = episodes[3];
    await save({ episodeId: episode.id, position: Math.ceil(episode.duration * 0.92) });
    expect((await progressRow(episode.id))?.completed).toBe(true);
  });

  it("accepts a position a little past the end (within tolerance) as the end", async () => {
    const episode = episodes[4];
    const result = await save({ episodeId: episode.id, position: episode.duration + 4 });
    expect(result.status).toBe(204);
    expect(await progressRow(episode.id)).toMatchObject({ currentTime: episode.duration, completed: true });
  });

  it("takes the duration from the catalog, not from the client", async () => {
    const episode = episodes[5];
    await save({ episodeId: episode.id, position: 4, duration: 9999 });
    expect((await progressRow(episode.id))?.duration).toBe(episode.duration);
  });

  it("answers 401 to an anonymous viewer and stores nothing", async () => {
    const before = await prisma.userProgress.count();
    const result = await save({ episodeId: episodes[0].id, position: 5 }, null);
    expect(result.status).toBe(401);
    expect(await errorOf(result)).toMatch(/sign in/i);
    expect(await prisma.userProgress.count()).toBe(before);
  });

  it.each([
    ["a missing episodeId", { position: 5 }],
    ["a missing position", { episodeId: "the-jade-hairpin-oath-ep-1" }],
    ["a non-numeric position", { episodeId: "the-jade-hairpin-oath-ep-1", position: "abc" }],
    ["a negative position", { episodeId: "the-jade-hairpin-oath-ep-1", position: -1 }],
    ["an infinite position", { episodeId: "the-jade-hairpin-oath-ep-1", position: "Infinity" }],
    ["a bad viewingStart", { episodeId: "the-jade-hairpin-oath-ep-1", position: 5, viewingStart: "yes" }],
  ])("answers 400 to %s", async (_label, fields) => {
    const result = await save(fields);
    expect(result.status).toBe(400);
    expect(await progressRow(episodes[0].id)).toBeNull();
  });

  it("answers 400 to an empty position and stores nothing", async () => {
    const viewer = await createUser();
    const episode = episodes[3];
    const result = await save({ episodeId: episode.id, position: "" }, viewer.cookie);
    expect(result.status).toBe(400);
    expect(await progressRow(episode.id, viewer.id)).toBeNull();
  });

  it("answers 404 for an unknown episode", async () => {
    const result = await save({ episodeId: `${DRAMA}-ep-999`, position: 5 });
    expect(result.status).toBe(404);
    expect(await progressRow(`${DRAMA}-ep-999`)).toBeNull();
  });

  it("answers 422 for a position past the end of the episode", async () => {
    const episode = episodes[0];
    const result = await save({ episodeId: episode.id, position: episode.duration + 60 });
    expect(result.status).toBe(422);
    expect(await progressRow(episode.id)).toBeNull();
  });

  it("answers 405 to a GET", async () => {
    const result = await callRoute(progressLoader, getRequest("/resources/progress"));
    expect(result.status).toBe(405);
  });
});

describe("watch history", () => {
  it("adds one row for the first save of a viewing and none for later saves", async () => {
    const viewer = await createUser();
    const episode = episodes[0];

    await save({ episodeId: episode.id, position: 1, viewingStart: "1" }, viewer.cookie);
    expect(await historyCount(episode.id, viewer.id)).toBe(1);
    const row = await prisma.watchHistory.findFirstOrThrow({ where: { userId: viewer.id } });
    expect(row).toMatchObject({ episodeId: episode.id, dramaId: DRAMA });

    await save({ episodeId: episode.id, position: 11 }, viewer.cookie);
    await save({ episodeId: episode.id, position: 12, viewingStart: "0" }, viewer.cookie);
    expect(await historyCount(episode.id, viewer.id)).toBe(1);

    // A reload within the window starts the reporter again with viewingStart=1.
    await save({ episodeId: episode.id, position: 12, viewingStart: "1" }, viewer.cookie);
    expect(await historyCount(episode.id, viewer.id)).toBe(1);

    // Another episode is another viewing.
    await save({ episodeId: episodes[1].id, position: 1, viewingStart: "1" }, viewer.cookie);
    expect(await historyCount(episodes[1].id, viewer.id)).toBe(1);
  });

  it("adds one row when two first saves of a viewing arrive at once", async () => {
    const viewer = await createUser();
    const episode = episodes[4];
    const results = await Promise.all(
      Array.from({ length: 5 }, () => save({ episodeId: episode.id, position: 4, viewingStart: 1 }, viewer.cookie)),
    );
    expect(results.map((r) => r.status)).toEqual([204, 204, 204, 204, 204]);
    expect(await historyCount(episode.id, viewer.id)).toBe(1);
  });

  it("adds a new row for a viewing that starts after the window", async () => {
    const viewer = await createUser();
    const episode = episodes[0];
    await save({ episodeId: episode.id, position: 1, viewingStart: "1" }, viewer.cookie);

    const later = new Date(Date.now() + VIEWING_WINDOW_MS + 60_000);
    expect(await recordViewing(viewer.id, { episodeId: episode.id, dramaId: DRAMA }, later)).toBe(true);
    expect(await historyCount(episode.id, viewer.id)).toBe(2);

    // ...and that one again blocks a reload just after it.
    const reload = new Date(later.getTime() + 60_000);
    expect(await recordViewing(viewer.id, { episodeId: episode.id, dramaId: DRAMA }, reload)).toBe(false);
    expect(await historyCount(episode.id, viewer.id)).toBe(2);
  });

  it("counts a viewing whose earlier row is older than the window as new (rows moved back in time)", async () => {
    const viewer = await createUser();
    const episode = episodes[2];
    await save({ episodeId: episode.id, position: 1, viewingStart: "1" }, viewer.cookie);
    await prisma.watchHistory.updateMany({
      where: { userId: viewer.id },
      data: { watchedAt: new Date(Date.now() - VIEWING_WINDOW_MS - 1000) },
    });

    await save({ episodeId: episode.id, position: 1, viewingStart: "1" }, viewer.cookie);
    expect(await historyCount(episode.id, viewer.id)).toBe(2);
  });
});

describe("the watch page", () => {
  it("requires sign-in, coming back to the same episode", async () => {
    const episode = episodes[0];
    const result = await callRoute(watchLoader, getRequest(`/watch/${episode.id}`), { episodeId: episode.id });
    expect(result.thrown).toBe(true);
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/watch/${episode.id}`)}`);
  });

  it("starts at 0 without progress and at the saved position after a save", async () => {
    const viewer = await createUser();
    const episode = episodes[1];
    const load = () =>
      callRoute(watchLoader, getRequest(`/watch/${episode.id}`, { cookie: viewer.cookie }), { episodeId: episode.id });

    const before = dataOf(await load());
    expect(before.start).toBe(0);
    expect(before.episode.id).toBe(episode.id);
    expect(before.previous?.id).toBe(episodes[0].id);
    expect(before.next?.id).toBe(episodes[2].id);

    await save({ episodeId: episode.id, position: 12 }, viewer.cookie);
    const after = dataOf(await load());
    expect(after.start).toBe(12);
    expect(after.progress[episode.id]).toMatchObject({ currentTime: 12 });
  });

  it("starts a completed episode from the beginning", async () => {
    const viewer = await createUser();
    const episode = episodes[2];
    await save({ episodeId: episode.id, position: episode.duration }, viewer.cookie);
    const page = await callRoute(watchLoader, getRequest(`/watch/${episode.id}`, { cookie: viewer.cookie }), {
      episodeId: episode.id,
    });
    expect(dataOf(page).start).toBe(0);
  });

  it("answers 404 for an unknown episode", async () => {
    const result = await callRoute(watchLoader, getRequest("/watch/nope", { cookie: user.cookie }), {
      episodeId: "nope",
    });
    expect(result.thrown).toBe(true);
    expect(result.status).toBe(404);
  });
});
