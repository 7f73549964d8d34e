/**
 * A signed-in viewer's data as their pages show it, summarised in one
 * indexed read: the user row (name, email, role, verification) and
 * aggregates of their progress (Continue Watching) and My List. Any change a
 * page could show changes the summary; the signed-in page cache serves a
 * stored page only while it stays the same (app/utils/private-page-cache.server.ts,
 * docs/decisions/016-signed-in-page-cache.md).
 *
 * Aggregates, not rows: a save moves updatedAt, currentTime and clientSeq; a
 * hide sets hiddenAt; "mark as unwatched" removes a row; My List adds and
 * removes rows, each with its own createdAt. Timestamps are summed as epoch
 * milliseconds (both of SQLite's stored spellings read alike through
 * julianday(); see sessions.server.ts).
 */
import { engine, prisma, sqlitePrimaryConnection, type PrismaClient } from "~/utils/db.server";
import { hotStatement } from "~/utils/sqlite-statements.server";

const sqliteMs = (column: string) => `(julianday(${column}) - 2440587.5) * 86400000.0`;
const postgresMs = (column: string) => `EXTRACT(EPOCH FROM ${column}) * 1000`;

/** The statement in one engine's spelling: its timestamp-to-milliseconds and its placeholder for the user id. */
function fingerprintSql(ms: (column: string) => string, userId: string): string {
  return `SELECT u."name", u."email", u."role",
    ${ms('u."emailVerified"')} AS "verifiedMs", ${ms('u."updatedAt"')} AS "updatedMs",
    p."rows" AS "progressRows", p."changedMs", p."positions", p."durations", p."seqs", p."completedRows",
    p."hiddenRows", p."hiddenMs", f."rows" AS "favoriteRows", f."addedMs"
  FROM "User" u,
    (SELECT count(*) AS "rows", sum(${ms('"updatedAt"')}) AS "changedMs", sum("currentTime") AS "positions",
       sum("duration") AS "durations", sum("clientSeq") AS "seqs", count(*) FILTER (WHERE "completed") AS "completedRows",
       count("hiddenAt") AS "hiddenRows", sum(${ms('"hiddenAt"')}) AS "hiddenMs"
     FROM "UserProgress" WHERE "userId" = ${userId}) p,
    (SELECT count(*) AS "rows", sum(${ms('"createdAt"')}) AS "addedMs" FROM "Favorites" WHERE "userId" = ${userId}) f
  WHERE u."id" = ${userId}`;
}

const SQLITE_FINGERPRINT = fingerprintSql(sqliteMs, "?");
const POSTGRES_FINGERPRINT = fingerprintSql(postgresMs, "$1");

/** Dates, BigInts (PostgreSQL's counts) and numbers alike, as text. */
function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * The summary of `userId`'s data, or null when the user no longer exists.
 * On SQLite's primary it runs on the primary's own connection, prepared once
 * (like the session lookup); otherwise through `db` (the replica a page reads).
 */
export async function viewerFingerprint(userId: string, db: PrismaClient = prisma): Promise<string | null> {
  let row: Record<string, unknown> | undefined;
  const sqlite = db === prisma ? await sqlitePrimaryConnection() : null;
  if (sqlite) {
    row = hotStatement(sqlite, SQLITE_FINGERPRINT).get(userId, userId, userId) as Record<string, unknown> | undefined;
  } else if (engine === "postgresql") {
    // A constant statement with a bound parameter (the two engines differ only in spelling).
    row = (await db.$queryRawUnsafe<Record<string, unknown>[]>(POSTGRES_FINGERPRINT, userId))[0];
  } else {
    row = (await db.$queryRawUnsafe<Record<string, unknown>[]>(SQLITE_FINGERPRINT, userId, userId, userId))[0];
  }
  return row ? Object.values(row).map(text).join("|") : null;
}
