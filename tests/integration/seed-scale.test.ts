/**
 * The scale seeder (scripts/seed-scale.ts) on this test file's database with a
 * handful of users: the counts add up, the rows are in the formats Prisma
 * reads (dates, booleans, JSON), and the app's models and loaders read them.
 * Runs on whichever engine the suite runs on: SQLite, or PostgreSQL when
 * TEST_DATABASE_URL gives each test file its own database.
 */
import Database from "better-sqlite3";
import pg from "pg";
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
import { databaseEngine, sqliteFilePath } from "~/utils/env.server";
import {
  ADMIN_EMAIL,
  SEED_PASSWORD,
  SeedRefused,
  postgresTimestamp,
  seedScale,
  sqliteDate,
  type SeedTotals,
} from "../../scripts/seed-scale";
import { getRequest } from "../helpers/requests";
import { callRoute, dataOf } from "../helpers/route";
import { signIn } from "../helpers/users";

const USERS = 6;
const NOW = Date.parse("2026-11-27T12:00:00.000Z");
const url = process.env.DATABASE_URL ?? "";
const engine = databaseEngine(url);
let totals: SeedTotals;
/** PostgreSQL: the indexes and foreign keys before the load (the seeder drops and recreates them). */
let schemaBefore: string[] = [];

beforeAll(async () => {
  if (engine === "postgresql") schemaBefore = await postgresSchemaObjects();
  totals = await seedScale({ url, users: USERS, now: NOW, historyPerUser: 300, bcryptCost: 10, batch: 4 });
}, 60_000);

describe("seed-scale", () => {
  it("writes the counts it reports, per user in the generator's ranges", async () => {
    expect(totals.users).toBe(USERS);
    expect(await prisma.user.count()).toBe(USERS);
    expect(await prisma.session.count()).toBe(totals.sessions);
    expect(await prisma.favorites.count()).toBe(totals.favorites);
    expect(await prisma.userProgress.count()).toBe(totals.progress);
    expect(await prisma.watchHistory.count()).toBe(totals.history);
    expect(await prisma.auditLog.count()).toBe(totals.audit);
    expect(totals.rows).toBe(
      USERS + totals.sessions + totals.favorites + totals.progress + totals.history + totals.audit,
    );
    expect(totals.bytes).toBeGreaterThan(0);
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
    const episodes = await prisma.userProgress.findMany({
      distinct: ["episodeId"],
      select: { episodeId: true, dramaId: true },
    });
    for (const { episodeId, dramaId } of episodes) {
      expect((await catalog.getEpisode(episodeId))?.dramaId).toBe(dramaId);
    }
    const oldest = await prisma.auditLog.findFirst({ orderBy: { timestamp: "asc" }, select: { timestamp: true } });
    const newest = await prisma.watchHistory.findFirst({ orderBy: { watchedAt: "desc" }, select: { watchedAt: true } });
    expect(oldest!.timestamp.getTime()).toBeGreaterThanOrEqual(NOW - 366 * 24 * 3600 * 1000);
    expect(newest!.watchedAt.getTime()).toBeLessThanOrEqual(NOW);
  });

  it("stores dates, booleans and JSON exactly as Prisma does", async () => {
    const user = await prisma.user.create({
      data: { email: "format-probe@example.test", emailVerified: new Date(NOW) },
    });
    await prisma.userProgress.create({
      data: { userId: user.id, episodeId: "x-ep-1", dramaId: "x", currentTime: 1, duration: 2, completed: true },
    });
    await prisma.auditLog.create({
      data: { action: "PROFILE_UPDATE", userId: user.id, metadata: { reason: "probe" } },
    });
    if (engine === "sqlite") expectSqliteFormats(user.id);
    else await expectPostgresFormats(user.id);
    // Prisma parses the seeded JSON back into an object; failed sign-ins are keyed by subject, not user.
    const failure = await prisma.auditLog.findFirst({
      where: { action: "LOGIN_FAILURE" },
      select: { metadata: true, entityType: true, userId: true },
    });
    expect(failure?.metadata).toEqual({ reason: "invalid_credentials" });
    expect(failure?.entityType).toBe("Subject");
    expect(failure?.userId).toBeNull();
    await prisma.user.delete({ where: { id: user.id } });
  });

  it("keys failed sign-ins like the throttle does", async () => {
    const user = await prisma.user.findFirstOrThrow({
      where: { email: { not: ADMIN_EMAIL } },
      select: { email: true },
    });
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
    for (let i = 1; i < progress.length; i++) expect(progress[i - 1].updatedAt >= progress[i].updatedAt).toBe(true);
    expect(progress.some((row) => row.completed === true)).toBe(true);

    const favorites = await listFavorites(user.id);
    expect(favorites.length).toBe(await prisma.favorites.count({ where: { userId: user.id } }));

    const history = await listHistory(user.id, 2);
    expect(history.items).toHaveLength(20);
    expect(history.total).toBe(await prisma.watchHistory.count({ where: { userId: user.id } }));
    expect(history.items[0].watchedAt >= history.items[19].watchedAt).toBe(true);
  });

  it("signs in with the seed password and renders home, My List and History from the seeded rows", async () => {
    const user = await prisma.user.findFirstOrThrow({
      where: { email: { not: ADMIN_EMAIL } },
      select: { id: true, email: true },
    });
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
    const before = await prisma.user.count();
    await expect(seedScale({ url, users: 1, now: NOW })).rejects.toBeInstanceOf(SeedRefused);
    expect(await prisma.user.count()).toBe(before);
  });
});

/** The raw SQLite values of rows Prisma wrote (for `probeUserId`) and rows the seeder wrote have the same types. */
function expectSqliteFormats(probeUserId: string) {
  const db = new Database(sqliteFilePath(url), { readonly: true });
  const probe = (sql: string, ...args: string[]) => db.prepare(sql).get(...args) as Record<string, unknown>;
  const prismaUser = probe(`SELECT emailVerified FROM "User" WHERE id = ?`, probeUserId);
  const prismaProgress = probe(
    `SELECT typeof(completed) AS type, completed FROM "UserProgress" WHERE userId = ?`,
    probeUserId,
  );
  const prismaAudit = probe(
    `SELECT typeof(metadata) AS type FROM "AuditLog" WHERE userId = ? AND action = 'PROFILE_UPDATE'`,
    probeUserId,
  );
  const seeded = probe(`SELECT typeof(completed) AS type FROM "UserProgress" WHERE userId <> ? LIMIT 1`, probeUserId);
  const seededAudit = probe(
    `SELECT typeof(metadata) AS type, metadata FROM "AuditLog" WHERE action = 'LOGIN_FAILURE' LIMIT 1`,
  );
  db.close();
  expect(prismaUser.emailVerified).toBe(sqliteDate(NOW));
  expect(prismaProgress).toEqual({ type: "integer", completed: 1 });
  expect(seeded.type).toBe(prismaProgress.type);
  expect(seededAudit.type).toBe(prismaAudit.type);
}

/** On PostgreSQL: timestamps hold UTC wall time, booleans are booleans, metadata is a jsonb object; the load's dropped indexes and keys are back. */
async function expectPostgresFormats(probeUserId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const probe = async (sql: string, ...args: string[]) =>
    (await client.query<Record<string, string>>(sql, args)).rows[0];
  const wall = (column: string) => `to_char("${column}", 'YYYY-MM-DD"T"HH24:MI:SS.MS')`;
  try {
    // What Prisma wrote for NOW, and what the seeder wrote, read back through Prisma as the same instant.
    expect((await probe(`SELECT ${wall("emailVerified")} AS t FROM "User" WHERE id = $1`, probeUserId)).t).toBe(
      postgresTimestamp(NOW),
    );
    const seededHistory = await prisma.watchHistory.findFirstOrThrow({
      where: { userId: { not: probeUserId } },
      select: { id: true, watchedAt: true },
    });
    const raw = await probe(
      `SELECT ${wall("watchedAt")} AS t, pg_typeof("watchedAt")::text AS type FROM "WatchHistory" WHERE id = $1`,
      seededHistory.id,
    );
    expect(raw).toEqual({
      t: postgresTimestamp(seededHistory.watchedAt.getTime()),
      type: "timestamp without time zone",
    });
    const types = `pg_typeof(completed)::text AS completed`;
    expect(await probe(`SELECT ${types} FROM "UserProgress" WHERE "userId" <> $1 LIMIT 1`, probeUserId)).toEqual(
      await probe(`SELECT ${types} FROM "UserProgress" WHERE "userId" = $1`, probeUserId),
    );
    const seededAudit = await probe(
      `SELECT jsonb_typeof(metadata) AS type FROM "AuditLog" WHERE action = 'LOGIN_FAILURE' LIMIT 1`,
    );
    expect(seededAudit).toEqual({ type: "object" });
    expect(seededAudit).toEqual(
      await probe(
        `SELECT jsonb_typeof(metadata) AS type FROM "AuditLog" WHERE "userId" = $1 AND action = 'PROFILE_UPDATE'`,
        probeUserId,
      ),
    );
  } finally {
    await client.end();
  }
  expect(schemaBefore.length).toBeGreaterThan(10);
  expect(await postgresSchemaObjects()).toEqual(schemaBefore);
}

/** Index and foreign-key definitions of the schema (PostgreSQL), to compare before and after the load. */
async function postgresSchemaObjects(): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ def: string }>(
      `SELECT indexdef AS def FROM pg_indexes WHERE schemaname = current_schema()
       UNION ALL
       SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
       ORDER BY 1`,
    );
    return rows.map((row) => row.def);
  } finally {
    await client.end();
  }
}
