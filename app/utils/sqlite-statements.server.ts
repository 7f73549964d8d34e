/**
 * A prepared-statement cache for Prisma's better-sqlite3 driver adapter.
 *
 * The adapter (6.19) calls `db.prepare(sql).bind(args)` for every query, so
 * SQLite parses and plans the same statement again each time; on the progress
 * beacon that was a tenth of the server's CPU. This wraps the adapter's
 * connection so `prepare` reuses one compiled statement per SQL text (bounded
 * LRU). A better-sqlite3 statement can be bound only once, so `bind` returns a
 * view that passes the arguments to each call instead.
 * docs/decisions/008-sqlite-statement-cache.md
 */
import type BetterSqlite3 from "better-sqlite3";
import { LRUCache } from "lru-cache";

type Database = BetterSqlite3.Database;
type Statement = BetterSqlite3.Statement<unknown[]>;

/** What the adapter uses of a statement: `reader`, `run()`, and after `bind(args)` `columns()`, `raw().all()`. */
export interface AdapterStatement {
  readonly reader: boolean;
  run(): BetterSqlite3.RunResult;
  bind(args: unknown[]): BoundStatement;
}

export interface BoundStatement {
  readonly reader: boolean;
  run(): BetterSqlite3.RunResult;
  columns(): BetterSqlite3.ColumnDefinition[];
  raw(): { all(): unknown[] };
}

export const STATEMENT_CACHE_SIZE = 256;

function bound(statement: Statement, args: unknown[]): BoundStatement {
  return {
    reader: statement.reader,
    run: () => statement.run(args),
    columns: () => statement.columns(),
    raw: () => ({ all: () => statement.raw(true).all(args) }),
  };
}

/**
 * The adapter opens every interactive transaction with a plain (deferred)
 * BEGIN: it reads on a snapshot and asks for the write lock only at its first
 * write. If another process wrote in between, SQLite cannot let it write on a
 * stale snapshot and fails it at once (SQLITE_BUSY_SNAPSHOT, which Prisma
 * reports as "Operation has timed out"), busy timeout or not. Our
 * transactions are check-then-write, so they take the write lock at BEGIN and
 * a second process waits for it (busy_timeout) instead of failing.
 */
export const BEGIN_TRANSACTION = "BEGIN IMMEDIATE";

/** A view of `db` whose `prepare` answers from a cache; everything else is the database itself. */
export function cachingDatabase(db: Database, size = STATEMENT_CACHE_SIZE): Database {
  const statements = new LRUCache<string, Statement>({ max: size });
  function prepare(text: string): AdapterStatement {
    const sql = text === "BEGIN" ? BEGIN_TRANSACTION : text;
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare<unknown[]>(sql);
      statements.set(sql, statement);
    }
    const cached = statement;
    return { reader: cached.reader, run: () => cached.run(), bind: (args) => bound(cached, args) };
  }
  return new Proxy(db, {
    get(target, property) {
      if (property === "prepare") return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value.bind(target) as unknown) : value;
    },
  });
}

/** The adapter keeps its connection in a public `client` field (adapter-better-sqlite3 6.19). */
interface AdapterWithClient {
  client: Database;
}

function hasClient(adapter: object): adapter is AdapterWithClient {
  return "client" in adapter && typeof adapter.client === "object";
}

/**
 * Wraps an adapter factory so each connection it opens caches its statements.
 * If a future adapter no longer exposes `client`, queries still work, uncached.
 * `onConnect` receives the connection itself (db.server.ts keeps the primary's for hotStatement()).
 */
export function withStatementCache<F extends { connect(): Promise<object> }>(
  factory: F,
  onConnect?: (connection: Database) => void,
): F {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    if (hasClient(adapter)) {
      onConnect?.(adapter.client);
      adapter.client = cachingDatabase(adapter.client);
    }
    return adapter;
  };
  return factory;
}

const hotStatements = new WeakMap<Database, Map<string, Statement>>();

/**
 * A statement prepared once on `db`, run synchronously by the caller: for the
 * queries every progress beacon and signed-in page runs, where Prisma's
 * per-query pipeline costs more than SQLite does (app/utils/hot-statements.server.ts,
 * docs/decisions/021-hot-statements.md). Integers come back as numbers: Prisma's
 * adapter turns on BigInts for its connection, and these statements read none
 * beyond 2^53 (positions, durations, counts, 0/1).
 */
export function hotStatement(db: Database, sql: string): Statement {
  let statements = hotStatements.get(db);
  if (!statements) hotStatements.set(db, (statements = new Map<string, Statement>()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare<unknown[]>(sql).safeIntegers(false)));
  return statement;
}
