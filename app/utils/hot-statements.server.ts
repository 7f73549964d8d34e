/**
 * Hot statements: the few queries every signed-in page and progress beacon
 * runs, taken past Prisma's per-query pipeline (its query compiler and
 * interpreter cost more than these indexed reads do) and run on the primary's
 * own connections, prepared once:
 *
 * - SQLite: the primary's better-sqlite3 connection (the one Prisma's adapter
 *   uses, so a read sees every write), a statement prepared once per SQL text
 *   (hotStatement in sqlite-statements.server.ts);
 * - PostgreSQL: the primary's pg.Pool (the one Prisma's adapter runs on), as a
 *   named prepared statement (parsed once per connection).
 *
 * A statement is written once, with `$1`, `$2`... placeholders on both engines;
 * what differs (timestamps) comes from the dialect. Rows come back as each
 * driver gives them: read them with the helpers below (timestamps as epoch
 * milliseconds -> Date, SQLite's 0/1 -> boolean, PostgreSQL's bigint counts
 * -> number). Writes store what Prisma's adapters store (sqliteDateTime).
 * Only the primary has hot statements: a read from the replica stays on Prisma.
 * docs/decisions/021-hot-statements.md
 */
import { engine, postgresPrimaryPool, sqlitePrimaryConnection } from "~/utils/db.server";
import type { DatabaseEngine } from "~/utils/env.server";
import { hotStatement } from "~/utils/sqlite-statements.server";

/** The engine-specific spellings a statement needs. */
export interface Dialect {
  /** A timestamp column as epoch milliseconds (a float; NULL stays NULL). */
  ms: (column: string) => string;
}

export const DIALECTS: Record<DatabaseEngine, Dialect> = {
  // julianday() reads both spellings SQLite holds here as UTC (see sessions.server.ts); 2440587.5 is 1970-01-01.
  sqlite: { ms: (column) => `((julianday(${column}) - 2440587.5) * 86400000.0)` },
  postgresql: { ms: (column) => `(EXTRACT(EPOCH FROM ${column}) * 1000)::float8` },
};

export interface HotStatement {
  /** Unique in the process: PostgreSQL prepares it under this name on each connection. */
  readonly name: string;
  /** The SQL of the engine of DATABASE_URL. */
  readonly sql: string;
}

const statementsByName = new Map<string, HotStatement>();

/**
 * A statement named `name` (unique; PostgreSQL knows it by that name), written
 * once with `$n` placeholders and the dialect of DATABASE_URL's engine.
 */
export function defineHotStatement(name: string, write: (dialect: Dialect) => string): HotStatement {
  const sql = write(DIALECTS[engine]);
  const known = statementsByName.get(name);
  if (known) {
    if (known.sql !== sql) throw new Error(`Two hot statements are named ${name}`);
    return known;
  }
  const statement = { name, sql };
  statementsByName.set(name, statement);
  return statement;
}

export type HotParam = string | number | boolean | Date | null;

/** A DateTime as Prisma's better-sqlite3 adapter writes it ("2026-11-27T13:29:27.496+00:00"). */
export function sqliteDateTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** A DateTime for a PostgreSQL timestamp(3) column (stored without a zone, meaning UTC). */
function postgresDateTime(date: Date): string {
  return date.toISOString().replace("T", " ").replace("Z", "");
}

/** better-sqlite3 binds `$1`, `$2`... by name: { 1: ..., 2: ... }. */
function sqliteParams(params: readonly HotParam[]): Record<number, string | number | null> {
  const bound: Record<number, string | number | null> = {};
  params.forEach((param, index) => {
    bound[index + 1] =
      param instanceof Date ? sqliteDateTime(param) : typeof param === "boolean" ? (param ? 1 : 0) : param;
  });
  return bound;
}

function postgresParams(params: readonly HotParam[]): (string | number | boolean | null)[] {
  return params.map((param) => (param instanceof Date ? postgresDateTime(param) : param));
}

/** The primary's better-sqlite3 connection (on SQLite; PostgreSQL uses the pool). */
async function sqliteConnection() {
  const connection = await sqlitePrimaryConnection();
  if (!connection) throw new Error("The primary database has no connection for hot statements");
  return connection;
}

/** The rows of a hot statement on the primary. `Row` describes what both drivers may give (see the readers below). */
export async function hotRows<Row>(statement: HotStatement, params: readonly HotParam[]): Promise<Row[]> {
  const pool = postgresPrimaryPool();
  if (pool) {
    const result = await pool.query({ name: statement.name, text: statement.sql, values: postgresParams(params) });
    return result.rows as Row[];
  }
  return hotStatement(await sqliteConnection(), statement.sql).all(sqliteParams(params)) as Row[];
}

/** The first row of a hot statement on the primary, or undefined. */
export async function hotRow<Row>(statement: HotStatement, params: readonly HotParam[]): Promise<Row | undefined> {
  const pool = postgresPrimaryPool();
  if (pool) return (await hotRows<Row>(statement, params))[0];
  return hotStatement(await sqliteConnection(), statement.sql).get(sqliteParams(params)) as Row | undefined;
}

/** Runs a hot write on the primary; returns the number of rows it changed. */
export async function hotRun(statement: HotStatement, params: readonly HotParam[]): Promise<number> {
  const pool = postgresPrimaryPool();
  if (pool) {
    const result = await pool.query({ name: statement.name, text: statement.sql, values: postgresParams(params) });
    return result.rowCount ?? 0;
  }
  return hotStatement(await sqliteConnection(), statement.sql).run(sqliteParams(params)).changes;
}

// ---------------------------------------------------------------------------
// Reading what the drivers give

/** A timestamp selected through Dialect.ms: a float on both engines, or null. */
export type SqlMs = number | null;
/** A boolean column: true/false from PostgreSQL, 1/0 from SQLite. */
export type SqlBoolean = boolean | number;
/** A count: a number from SQLite, a string (bigint) from PostgreSQL. */
export type SqlCount = number | string | bigint;

/** A Date from epoch milliseconds (rounded: julianday() arithmetic is a few microseconds off). */
export function dateOf(ms: number): Date {
  return new Date(Math.round(ms));
}

export function dateOrNull(ms: SqlMs): Date | null {
  return ms === null ? null : dateOf(ms);
}

export function booleanOf(value: SqlBoolean): boolean {
  return value === true || value === 1;
}

export function countOf(value: SqlCount): number {
  return Number(value);
}
