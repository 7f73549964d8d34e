/**
 * One viewer's data never shows up for, or changes because of, another.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loader as homeLoader } from "~/routes/_index";
import { loader as dramaLoader } from "~/routes/drama.$dramaId";
import { loader as historyLoader } from "~/routes/history";
import { loader as myListLoader } from "~/routes/my-list";
import { action as favoritesAction } from "~/routes/resources.favorites";
import { action as progressAction } from "~/routes/resources.progress";
import { loader as watchLoader } from "~/routes/watch.$episodeId";
import { loader as feedLoader } from "~/routes/drama.$dramaId_.feed";
import { prisma } from "~/utils/db.server";
import { getRequest, postForm } from "../helpers/requests";
import { callRoute, dataOf } from "../helpers/route";
import { createUser, type TestUser } from "../helpers/users";

const DRAMA = "neon-rain";
const EPISODE = "neon-rain-ep-1";

let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  [alice, bob] = await Promise.all([createUser({ name: "Alice" }), createUser({ name: "Bob" })]);
  // Alice has a favorite, progress and history.
  for (const fields of [
    { intent: "add", dramaId: DRAMA },
    { intent: "add", dramaId: "moonlit-tea-house" },
  ]) {
    const result = await callRoute(favoritesAction, postForm("/resources/favorites", fields, { cookie: alice.cookie }));
    expect(result.status).toBe(303);
  }
  const saved = await callRoute(
    progressAction,
    postForm("/resources/progress", { episodeId: EPISODE, position: 8, viewingStart: "1" }, { cookie: alice.cookie }),
  );
  expect(saved.status).toBe(204);
});

function as(user: TestUser, path: string) {
  return getRequest(path, { cookie: user.cookie });
}

describe("isolation between viewers", () => {
  it("Alice sees her own data (so the checks below are meaningful)", async () => {
    const myList = dataOf(await callRoute(myListLoader, as(alice, "/my-list")));
    expect(myList.items.map((item) => item.dramaId).sort()).toEqual(["moonlit-tea-house", DRAMA]);
    const history = dataOf(await callRoute(historyLoader, as(alice, "/history")));
    expect(history.items.map((item) => item.episodeId)).toEqual([EPISODE]);
    const home = dataOf(await callRoute(homeLoader, as(alice, "/")));
    expect(home.continueWatching.map((item) => item.drama.id)).toEqual([DRAMA]);
    expect(home.myList.map((drama) => drama.id).sort()).toEqual(["moonlit-tea-house", DRAMA]);
  });

  it("Bob's My List does not show Alice's favorites", async () => {
    const result = await callRoute(myListLoader, as(bob, "/my-list"));
    expect(dataOf(result).items).toEqual([]);
  });

  it("Bob's history does not show Alice's viewings", async () => {
    const result = dataOf(await callRoute(historyLoader, as(bob, "/history")));
    expect(result.total).toBe(0);
    expect(result.items).toEqual([]);
  });

  it("Bob's drama page shows neither Alice's favorite nor her progress", async () => {
    const result = dataOf(await callRoute(dramaLoader, as(bob, `/drama/${DRAMA}`), { dramaId: DRAMA }));
    expect(result.favorite).toBe(false);
    expect(result.progress).toEqual({});
    expect(result.next).toBeNull();
  });

  it("Bob's home page has no Continue Watching or My List from Alice", async () => {
    const result = dataOf(await callRoute(homeLoader, as(bob, "/")));
    expect(result.signedIn).toBe(true);
    expect(result.continueWatching).toEqual([]);
    expect(result.myList).toEqual([]);
  });

  it("Bob's watch page does not resume at Alice's position", async () => {
    const result = dataOf(await callRoute(watchLoader, as(bob, `/watch/${EPISODE}`), { episodeId: EPISODE }));
    expect(result.start).toBe(0);
    expect(result.progress).toEqual({});
  });

  it("Bob's binge feed opens at episode 1 from the start, not where Alice is", async () => {
    const alices = dataOf(await callRoute(feedLoader, as(alice, `/drama/${DRAMA}/feed`), { dramaId: DRAMA }));
    expect(alices.item?.episode.id).toBe(EPISODE);
    expect(alices.item?.start).toBeGreaterThan(0);
    const bobs = dataOf(await callRoute(feedLoader, as(bob, `/drama/${DRAMA}/feed`), { dramaId: DRAMA }));
    expect(bobs.item?.episode.id).toBe(EPISODE);
    expect(bobs.item?.start).toBe(0);
  });

  it("Bob removing the same drama leaves Alice's favorite alone", async () => {
    for (const htmx of [false, true]) {
      const result = await callRoute(
        favoritesAction,
        postForm("/resources/favorites", { intent: "remove", dramaId: DRAMA }, { cookie: bob.cookie, htmx }),
      );
      expect(result.status).toBe(htmx ? 200 : 303);
    }
    expect(await prisma.favorites.count({ where: { userId: alice.id, dramaId: DRAMA } })).toBe(1);
  });

  it("Bob saving progress on the same episode writes his own row and leaves Alice's alone", async () => {
    const aliceBefore = await prisma.userProgress.findUniqueOrThrow({
      where: { userId_episodeId: { userId: alice.id, episodeId: EPISODE } },
    });
    const result = await callRoute(
      progressAction,
      postForm("/resources/progress", { episodeId: EPISODE, position: 15, viewingStart: "1" }, { cookie: bob.cookie }),
    );
    expect(result.status).toBe(204);

    const aliceAfter = await prisma.userProgress.findUniqueOrThrow({
      where: { userId_episodeId: { userId: alice.id, episodeId: EPISODE } },
    });
    expect(aliceAfter.currentTime).toBe(8);
    expect(aliceAfter.updatedAt.getTime()).toBe(aliceBefore.updatedAt.getTime());
    expect(
      (
        await prisma.userProgress.findUniqueOrThrow({
          where: { userId_episodeId: { userId: bob.id, episodeId: EPISODE } },
        })
      ).currentTime,
    ).toBe(15);

    // Bob's viewing is his own history row, not a reason to skip Alice's (or vice versa).
    expect(await prisma.watchHistory.count({ where: { userId: alice.id } })).toBe(1);
    expect(await prisma.watchHistory.count({ where: { userId: bob.id } })).toBe(1);

    const aliceWatch = dataOf(await callRoute(watchLoader, as(alice, `/watch/${EPISODE}`), { episodeId: EPISODE }));
    expect(aliceWatch.start).toBe(8);
  });
});
