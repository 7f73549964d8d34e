/**
 * The hot statements (the reads and the progress save that skip Prisma) give
 * what Prisma gives for the same rows, on the engine under test: timestamps to
 * the millisecond, booleans, counts, NULLs, empty results, and writes Prisma
 * reads back unchanged.
 */
import { describe, expect, it } from "vitest";
import { listConnections } from "~/models/accounts.server";
import { addFavorite, isFavorite, listFavorites } from "~/models/favorites.server";
import { listHistory } from "~/models/history.server";
import {
  getDramaProgress,
  getEpisodeProgress,
  getRecentProgress,
  hideDramaProgress,
  PROGRESS_SELECT,
  saveProgress,
} from "~/models/progress.server";
import { createSession, findSessionViewer } from "~/models/sessions.server";
import { getUserWithVerification } from "~/models/users.server";
import { prisma } from "~/utils/db.server";
import { defineHotStatement } from "~/utils/hot-statements.server";
import { createUser } from "../helpers/users";

// An odd millisecond, to catch a rounding or time-zone slip.
const AT = new Date("2026-03-04T05:06:07.089Z");

describe("hot statements", () => {
  it("save progress as Prisma reads it, and read it back as Prisma does", async () => {
    const user = await createUser();
    expect(
      await saveProgress(
        user.id,
        { episodeId: "hot-ep-1", dramaId: "hot-drama", position: 12.7, duration: 600.4, seq: 1 },
        AT,
      ),
    ).toBe(true);
    // A finished episode: completed is true.
    await saveProgress(
      user.id,
      { episodeId: "hot-ep-2", dramaId: "hot-drama", position: 599, duration: 600, seq: 1 },
      AT,
    );
    // An older sequence number changes nothing.
    expect(
      await saveProgress(
        user.id,
        { episodeId: "hot-ep-1", dramaId: "hot-drama", position: 1, duration: 600, seq: 0 },
        AT,
      ),
    ).toBe(false);

    const stored = await prisma.userProgress.findMany({
      where: { userId: user.id },
      select: PROGRESS_SELECT,
      orderBy: { episodeId: "asc" },
    });
    expect(stored).toEqual([
      {
        episodeId: "hot-ep-1",
        dramaId: "hot-drama",
        currentTime: 12,
        duration: 600,
        completed: false,
        updatedAt: AT,
        hiddenAt: null,
      },
      {
        episodeId: "hot-ep-2",
        dramaId: "hot-drama",
        currentTime: 599,
        duration: 600,
        completed: true,
        updatedAt: AT,
        hiddenAt: null,
      },
    ]);

    expect(await getEpisodeProgress(user.id, "hot-ep-1")).toEqual(stored[0]);
    expect(await getEpisodeProgress(user.id, "hot-ep-9")).toBeNull();
    const drama = await getDramaProgress(user.id, "hot-drama");
    expect([...drama].sort((a, b) => a.episodeId.localeCompare(b.episodeId))).toEqual(stored);

    // hiddenAt set by Prisma reads back as a Date.
    const hiddenAt = new Date(AT.getTime() + 1234);
    await hideDramaProgress(user.id, "hot-drama", hiddenAt);
    const recent = await getRecentProgress(user.id);
    expect(recent.map((row) => row.hiddenAt)).toEqual([hiddenAt, hiddenAt]);
    // A new save unhides the episode.
    await saveProgress(
      user.id,
      { episodeId: "hot-ep-1", dramaId: "hot-drama", position: 30, duration: 600, seq: 2 },
      hiddenAt,
    );
    expect((await getEpisodeProgress(user.id, "hot-ep-1"))?.hiddenAt).toBeNull();
  });

  it("list favorites newest first with Prisma's timestamps, and answer isFavorite", async () => {
    const user = await createUser();
    expect(await listFavorites(user.id)).toEqual([]);
    await addFavorite(user.id, "hot-a");
    await addFavorite(user.id, "hot-b");
    const expected = await prisma.favorites.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "desc" },
      select: { dramaId: true, createdAt: true },
    });
    expect(await listFavorites(user.id)).toEqual(expected);
    expect(await listFavorites(user.id, 1)).toEqual(expected.slice(0, 1));
    expect(await isFavorite(user.id, "hot-a")).toBe(true);
    expect(await isFavorite(user.id, "hot-c")).toBe(false);
  });

  it("page the history with its count, empty pages included", async () => {
    const user = await createUser();
    expect(await listHistory(user.id, 1)).toEqual({ items: [], page: 1, total: 0, totalPages: 1 });
    for (let index = 0; index < 3; index += 1) {
      await prisma.watchHistory.create({
        data: {
          userId: user.id,
          episodeId: `hot-ep-${index}`,
          dramaId: "hot-drama",
          watchedAt: new Date(AT.getTime() + index * 1001),
        },
      });
    }
    const expected = await prisma.watchHistory.findMany({
      where: { userId: user.id },
      orderBy: [{ watchedAt: "desc" }, { id: "desc" }],
      select: { id: true, episodeId: true, dramaId: true, watchedAt: true },
    });
    expect(await listHistory(user.id, 1, 2)).toEqual({ items: expected.slice(0, 2), page: 1, total: 3, totalPages: 2 });
    expect(await listHistory(user.id, 2, 2)).toEqual({ items: expected.slice(2), page: 2, total: 3, totalPages: 2 });
    // Past the last page: no rows, the count still right.
    expect(await listHistory(user.id, 5, 2)).toEqual({ items: [], page: 5, total: 3, totalPages: 2 });
  });

  it("read the session with the user's account fields as getUserWithVerification does", async () => {
    const user = await createUser();
    const { token } = await createSession(user.id, 24 * 60 * 60 * 1000, {
      userAgent: "test",
      ipAddress: "203.0.113.9",
    });
    const unverified = await findSessionViewer(token);
    expect(unverified?.user).toEqual(await getUserWithVerification(user.id));
    expect(unverified?.user.emailVerified).toBeNull();

    await prisma.user.update({ where: { id: user.id }, data: { emailVerified: AT, locale: "en", role: "ADMIN" } });
    const verified = await findSessionViewer(token);
    expect(verified?.user).toEqual(await getUserWithVerification(user.id));
    expect(verified).toMatchObject({ userId: user.id, locale: "en", user: { role: "ADMIN", emailVerified: AT } });
  });

  it("list a user's sign-in methods: the password flag with no identities, then identities oldest first", async () => {
    const user = await createUser();
    const providers = [{ id: "google", label: "Google" }];
    const none = await listConnections(user.id, providers);
    expect(none.hasPassword).toBe(true);
    expect(none.items).toEqual([expect.objectContaining({ id: "google", connected: false, connectedAt: null })]);

    await prisma.account.create({
      data: {
        userId: user.id,
        type: "oauth",
        provider: "google",
        providerAccountId: `hot-${user.id}`,
        createdAt: AT,
      },
    });
    await prisma.user.update({ where: { id: user.id }, data: { password: null } });
    const connected = await listConnections(user.id, providers);
    expect(connected.hasPassword).toBe(false);
    expect(connected.items).toEqual([
      expect.objectContaining({ id: "google", connected: true, connectedAt: AT.toISOString() }),
    ]);
  });

  it("refuse two different statements under one name", () => {
    defineHotStatement("hot-test-once", () => "SELECT 1 AS one");
    expect(() => defineHotStatement("hot-test-once", () => "SELECT 2 AS one")).toThrow(/Two hot statements/);
  });
});
