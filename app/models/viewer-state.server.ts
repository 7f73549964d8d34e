/**
 * A signed-in viewer's data as their pages show it, summarised in one
 * indexed read. Pages declare which data their loaders read (`viewerData`
 * in their route `handle`, see app/utils/route-handle.ts); the summary of a
 * page is built from the pieces below for exactly those names. Any change a
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
import { engine, prisma, type PrismaClient } from "~/utils/db.server";
import { DIALECTS, defineHotStatement, hotRow, type HotStatement } from "~/utils/hot-statements.server";
import type { ViewerDataName } from "~/utils/route-handle";

/** One engine's spelling: timestamps to milliseconds, and the user-id placeholder. */
interface Dialect {
  ms: (column: string) => string;
  userId: () => string;
}

/** What a piece of viewer data adds to the summary: columns of `User u`, or a one-row aggregate joined to it. */
interface Piece {
  columns: (sql: Dialect) => string;
  /** A subquery (aliased) that reads only the viewer's rows; none when the columns come from `User u`. */
  from?: (sql: Dialect) => string;
}

/**
 * Every piece of viewer data a page may declare, with what summarises it. A
 * page that reads something new adds its name to ViewerDataName and its
 * summary here (the compiler asks for both).
 */
export const VIEWER_DATA: Record<ViewerDataName, Piece> = {
  /** The header and the verify banner: name, email, role, verification. */
  account: {
    columns: ({ ms }) =>
      `u."name", u."email", u."role", u."locale", ${ms('u."emailVerified"')} AS "verifiedMs", ${ms('u."updatedAt"')} AS "updatedMs"`,
  },
  /** Continue Watching and episode states: every progress row's position, time, seq, completion and hiding. */
  progress: {
    columns: () =>
      `p."rows" AS "progressRows", p."changedMs", p."positions", p."durations", p."seqs", p."completedRows", p."hiddenRows", p."hiddenMs"`,
    from: ({ ms, userId }) =>
      `(SELECT count(*) AS "rows", sum(${ms('"updatedAt"')}) AS "changedMs", sum("currentTime") AS "positions",
         sum("duration") AS "durations", sum("clientSeq") AS "seqs", count(*) FILTER (WHERE "completed") AS "completedRows",
         count("hiddenAt") AS "hiddenRows", sum(${ms('"hiddenAt"')}) AS "hiddenMs"
       FROM "UserProgress" WHERE "userId" = ${userId()}) p`,
  },
  /** My List: its rows and when each was added. */
  favorites: {
    columns: () => `f."rows" AS "favoriteRows", f."addedMs"`,
    from: ({ ms, userId }) =>
      `(SELECT count(*) AS "rows", sum(${ms('"createdAt"')}) AS "addedMs" FROM "Favorites" WHERE "userId" = ${userId()}) f`,
  },
};

// Timestamps spelled as the hot statements spell them, so the primary and a replica summarise alike.
const sqlite = (): Dialect => ({ ms: DIALECTS.sqlite.ms, userId: () => "?" });
const postgres = (): Dialect => ({ ms: DIALECTS.postgresql.ms, userId: () => "$1" });

interface Statement {
  sql: string;
  /** How many times the user id is bound (SQLite's placeholders are positional). */
  bindings: number;
}

/** The summary statement for `names` in one dialect: the user row always (null when the user is gone). */
export function fingerprintStatement(names: readonly ViewerDataName[], dialect: Dialect): Statement {
  const pieces = [...new Set(names)].sort().map((name) => VIEWER_DATA[name]);
  let bindings = 0;
  const counted: Dialect = {
    ms: dialect.ms,
    userId: () => {
      bindings += 1;
      return dialect.userId();
    },
  };
  const columns = ['u."id"', ...pieces.map((piece) => piece.columns(counted))];
  const from = ['"User" u', ...pieces.flatMap((piece) => (piece.from ? [piece.from(counted)] : []))];
  const where = `u."id" = ${counted.userId()}`;
  return { sql: `SELECT ${columns.join(", ")} FROM ${from.join(", ")} WHERE ${where}`, bindings };
}

const statements = new Map<string, Statement>();
const hotStatements = new Map<string, HotStatement>();

function keyOf(names: readonly ViewerDataName[]): string {
  return [...new Set(names)].sort().join(",");
}

/** For a replica (through Prisma): positional placeholders on SQLite. */
function statementFor(names: readonly ViewerDataName[], which: "sqlite" | "postgresql"): Statement {
  const key = `${which}:${keyOf(names)}`;
  let statement = statements.get(key);
  if (!statement) {
    statement = fingerprintStatement(names, which === "sqlite" ? sqlite() : postgres());
    statements.set(key, statement);
  }
  return statement;
}

/** For the primary: a hot statement, `$1` the user id on both engines. */
function hotStatementFor(names: readonly ViewerDataName[]): HotStatement {
  const key = keyOf(names);
  let statement = hotStatements.get(key);
  if (!statement) {
    statement = defineHotStatement(
      `viewer-fingerprint:${key}`,
      ({ ms }) => fingerprintStatement(names, { ms, userId: () => "$1" }).sql,
    );
    hotStatements.set(key, statement);
  }
  return statement;
}

/** Dates, BigInts (PostgreSQL's counts) and numbers alike, as text. */
function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean")
    return String(value);
  return JSON.stringify(value);
}

/**
 * The summary of `names` of `userId`'s data, or null when the user no longer
 * exists. On the primary it is a hot statement (app/utils/hot-statements.server.ts,
 * like the session lookup); otherwise it runs through `db` (the replica a page reads).
 */
export async function viewerFingerprint(
  userId: string,
  names: readonly ViewerDataName[],
  db: PrismaClient = prisma,
): Promise<string | null> {
  let row: Record<string, unknown> | undefined;
  if (db === prisma) {
    row = await hotRow<Record<string, unknown>>(hotStatementFor(names), [userId]);
  } else if (engine === "postgresql") {
    // A constant statement with a bound parameter (the two engines differ only in spelling).
    row = (await db.$queryRawUnsafe<Record<string, unknown>[]>(statementFor(names, "postgresql").sql, userId))[0];
  } else {
    const { sql, bindings } = statementFor(names, "sqlite");
    row = (await db.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...Array<string>(bindings).fill(userId)))[0];
  }
  return row ? Object.values(row).map(text).join("|") : null;
}
