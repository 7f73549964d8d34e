/**
 * The scale seeder (scripts/seed-scale.ts) on this worker's database with a
 * handful of users: the counts add up, the rows are in the formats Prisma
 * reads (dates, booleans, JSON), and the app's models and loaders read them.
 */
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { createLocalCatalog } from "~/catalog/local.server";
import { DEMO_DRAMAS } from "~/catalog/demo-data";
import { listFavorites } from "~/models/favorites.server";
import { listHistory } from "~/models/history.server";
import { getRecentProgress } from "~/models/progress.server";
import { subjectKey } from "~/models/throttle.server";
import { loader as homeLoader } from "~/routes/_index";
import { loader as historyLoader } from "~/routes/history";
import { loader as myListLoader } from "~/routes/my-list";
import { prisma } from "~/utils/db.server";
import { sqliteFilePath } from "~/utils/env.server";
import { ADMIN_EMAIL, SEED_PASSWORD, SeedRefused, seedScale, sqliteDate, type SeedTotals } from "../../scripts/seed-scale";
import { getRequest } from "../helpers/requests";
import { callRoute, dataOf } from "../helpers/route";
import { signIn } from "../helpers/users";

const USERS = 6;
const NOW = Date.parse("2026-11-27T12:00:00.000Z");
const file = sqliteFilePath(process.env.DATABASE_URL ?? "");
let totals: SeedTotals;

beforeAll(async () => {
  totals = await seedScale({ file, users: USERS, now: NOW, historyPerUser: 300, bcryptCost: 10, batch: 4 });
}, 60_000);

describe("seed-scale", () => {
  it("writes the counts it reports, per user in the issue's ranges", async () => {
    expect(totals.users).toBe(USERS);
    expect(await prisma.user.count()).toBe(USERS);
    expect(await prisma.session.count()).toBe(totals.sessions);
    expect(await prisma.favorites.count()).toBe(totals.favorites);
    expect(await prisma.userProgress.count()).toBe(totals.progress);
    expect(await prisma.watchHistory.count()).toBe(totals.history);
    expect(await prisma.auditLog.count()).toBe(totals.audit);
    expect(totals.rows).toBe(USERS + totals.sessions + totals.favorites + totals.progress + totals.history + totals.audit);
    for (const user of await prisma.user.findMany({ select: { id: true } })) {
      const favorites = await prisma.favorites.count({ where: { userId: user.id } });
      const progress = await prisma.userProgress.count({ where: { userId: user.id } });
      expect(favorites).toBeGreaterThanOrEqual(3);
      expect(favorites).toBeLessThanOrEqual(DEMO_DRAMAS.length);
      expect(progress).toBeGreaterThanOrEqual(20);
      expect(await prisma.watchHistory.count({ where: { userId: user.id } })).toBeGreaterThanOrEqual(50);
      expect(await prisma.auditLog.count({ where: { userId: user.id, action: "REGISTER" } })).toBe(1);
    }
  });

  it("uses real catalog ids and timestamps within the last year", async () => {
    const catalog = createLocalCatalog();
    const episodes = await prisma.userProgress.findMany({ distinct: ["episodeId"], select: { episodeId: true, dramaId: true } });
    for (const { episodeId, dramaId } of episodes) {
      expect((await catalog.getEpisode(episodeId))?.dramaId).toBe(dramaId);
    }
    const oldest = await prisma.auditLog.findFirst({ orderBy: { timestamp: "asc" }, select: { timestamp: true } });
    const newest = await prisma.watchHistory.findFirst({ orderBy: { watchedAt: "desc" }, select: { watchedAt: true } });
    expect(oldest!.timestamp.getTime()).toBeGreaterThanOrEqual(NOW - 366 * 24 * 3600 * 1000);
    expect(newest!.watchedAt.getTime()).toBeLessThanOrEqual(NOW);
  });

  it("stores dates, booleans and JSON exactly as Prisma does", async () => {
    const user = await prisma.user.create({ data: { email: "format-probe@example.test", emailVerified: new Date(NOW) } });
    await prisma.userProgress.create({ data: { userId: user.id, episodeId: "x-ep-1", dramaId: "x", currentTime: 1, duration: 2, completed: true } });
    await prisma.auditLog.create({ data: { action: "PROFILE_UPDATE", userId: user.id, metadata: { reason: "probe" } } });
    const db = new Database(file, { readonly: true });
    const probe = (sql: string, ...args: string[]) => db.prepare(sql).get(...args) as Record<string, unknown>;
    const prismaUser = probe(`SELECT emailVerified FROM "User" WHERE id = ?`, user.id);
    const prismaProgress = probe(`SELECT typeof(completed) AS type, completed FROM "UserProgress" WHERE userId = ?`, user.id);
    const prismaAudit = probe(`SELECT typeof(metadata) AS type FROM "AuditLog" WHERE userId = ? AND action = 'PROFILE_UPDATE'`, user.id);
    const seeded = probe(`SELECT typeof(completed) AS type FROM "UserProgress" WHERE userId <> ? LIMIT 1`, user.id);
    const seededAudit = probe(`SELECT typeof(metadata) AS type, metadata FROM "AuditLog" WHERE action = 'LOGIN_FAILURE' LIMIT 1`);
    db.close();
    expect(prismaUser.emailVerified).toBe(sqliteDate(NOW));
    expect(prismaProgress).toEqual({ type: "integer", completed: 1 });
    expect(seeded.type).toBe(prismaProgress.type);
    expect(seededAudit.type).toBe(prismaAudit.type);
    // Prisma parses the seeded JSON back into an object.
    const failure = await prisma.auditLog.findFirst({ where: { action: "LOGIN_FAILURE" }, select: { metadata: true, entityId: true, entityType: true } });
    expect(failure?.metadata).toEqual({ reason: "invalid_credentials" });
    expect(failure?.entityType).toBe("Subject");
    await prisma.user.delete({ where: { id: user.id } });
  });

  it("keys failed sign-ins like the throttle does", async () => {
    const user = await prisma.user.findFirstOrThrow({ where: { email: { not: ADMIN_EMAIL } }, select: { email: true } });
    const failures = await prisma.auditLog.findMany({ where: { action: "LOGIN_FAILURE" }, select: { entityId: true } });
    const keys = new Set(failures.map((row) => row.entityId ?? "(none)"));
    const all = await prisma.user.findMany({ select: { email: true } });
    // Every failure's subject is one of the seeded emails' keys.
    const userKeys = new Set(all.map((row) => subjectKey(row.email)));
    for (const key of keys) expect(userKeys.has(key)).toBe(true);
    expect(user.email).toMatch(/@scale\.example$/);
  });

  it("is read by the models: recent progress, favorites and history, newest first", async () => {
    const user = await prisma.user.findFirstOrThrow({ where: { email: { not: ADMIN_EMAIL } }, select: { id: true } });
    const progress = await getRecentProgress(user.id);
    expect(progress.length).toBe(await prisma.userProgress.count({ where: { userId: user.id } }));
    expect(progress[0]?.updatedAt).toBeInstanceOf(Date);
    for (let i = 1; i < progress.length; i++) expect(progress[i - 1]!.updatedAt >= progress[i]!.updatedAt).toBe(true);
    expect(progress.some((row) => row.completed === true)).toBe(true);

    const favorites = await listFavorites(user.id);
    expect(favorites.length).toBe(await prisma.favorites.count({ where: { userId: user.id } }));

    const history = await listHistory(user.id, 2);
    expect(history.items).toHaveLength(20);
    expect(history.total).toBe(await prisma.watchHistory.count({ where: { userId: user.id } }));
    expect(history.items[0]!.watchedAt >= history.items[19]!.watchedAt).toBe(true);
  });

  it("signs in with the seed password and renders home, My List and History from the seeded rows", async () => {
    const user = await prisma.user.findFirstOrThrow({ where: { email: { not: ADMIN_EMAIL } }, select: { id: true, email: true } });
    const cookie = await signIn(user.email, SEED_PASSWORD);

    const home = dataOf(await callRoute(homeLoader, getRequest("/", { cookie })));
    expect(home.signedIn).toBe(true);
    expect(home.myList.length).toBe(Math.min(12, await prisma.favorites.count({ where: { userId: user.id } })));
    // Continue Watching resolves seeded episode ids against the catalog (in progress or next up).
    expect(home.continueWatching.length).toBeGreaterThan(0);

    const myList = dataOf(await callRoute(myListLoader, getRequest("/my-list", { cookie })));
    expect(myList.items.length).toBe(await prisma.favorites.count({ where: { userId: user.id } }));
    expect(myList.items.every((item) => item.drama !== null)).toBe(true);

    const history = dataOf(await callRoute(historyLoader, getRequest("/history?page=3", { cookie })));
    expect(history.page).toBe(3);
    expect(history.items).toHaveLength(20);
    expect(history.items.every((item) => item.drama !== null && item.episode !== null)).toBe(true);
  });

  it("refuses a database that already has users", async () => {
    await expect(seedScale({ file, users: 1, now: NOW })).rejects.toBeInstanceOf(SeedRefused);
  });
});
