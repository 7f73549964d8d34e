/**
 * The database clients of this process. DATABASE_URL picks the engine:
 * `file:` -> SQLite (better-sqlite3 adapter, the zero-set-up default),
 * `postgresql://` -> PostgreSQL (pg adapter, a pool per process). Both
 * clients are generated from one model file (prisma/schema/models.prisma);
 * app code is typed against the SQLite client, the stricter of the two, and
 * the few engine-specific queries branch on `engine` (docs/database-engines.md).
 *
 * `prisma` is the primary: every write, and every read that must see the
 * viewer's own writes. `readDb(request)` is DATABASE_REPLICA_URL when set,
 * except for a viewer who wrote recently (see read-your-writes.server.ts).
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { PrismaClient, type Prisma } from "~/generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "~/generated/postgres/client";
import { databaseEngine, getEnv, sqliteFilePath, type DatabaseEngine } from "~/utils/env.server";
import { wroteRecently } from "~/utils/read-your-writes.server";
import { withStatementCache } from "~/utils/sqlite-statements.server";

export type { PrismaClient };

/**
 * SQLite settings for a web server: write-ahead logging (readers never wait
 * for the writer), NORMAL sync (durable at checkpoints, safe with WAL), and
 * a busy timeout so a second process waits instead of failing.
 */
const SQLITE_PRAGMAS = [
  "journal_mode = WAL",
  "synchronous = NORMAL",
  "busy_timeout = 5000",
  "foreign_keys = ON",
  "wal_autocheckpoint = 10000",
];

function createSqliteClient(url: string, onConnect?: (connection: BetterSqlite3.Database) => void): PrismaClient {
  const adapter = withStatementCache(new PrismaBetterSQLite3({ url: sqliteFilePath(url) }), onConnect);
  const client = new PrismaClient({ adapter });
  // Queued before any other query of this client.
  for (const pragma of SQLITE_PRAGMAS) {
    client.$queryRawUnsafe(`PRAGMA ${pragma}`).catch((error: unknown) => {
      process.stderr.write(`SQLite PRAGMA ${pragma} failed: ${String(error)}\n`);
    });
  }
  return client;
}

/**
 * The pool of one PostgreSQL database, made here rather than by the adapter so
 * the hot statements (app/utils/hot-statements.server.ts) run on the same
 * connections as Prisma: one pool size to configure, one set of settings.
 */
function createPostgresPool(url: string, poolSize: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Timestamps are stored without a zone and always mean UTC; CURRENT_TIMESTAMP
    // defaults and date arithmetic in SQL must not depend on the server's zone.
    options: "-c timezone=UTC",
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection the server closed: the pool drops it and opens another when asked.
  // Without a listener the pool would rethrow it and end the process.
  pool.on("error", (error) => {
    process.stderr.write(`PostgreSQL idle connection failed: ${String(error)}\n`);
  });
  return pool;
}

function createPostgresClient(pool: pg.Pool): PrismaClient {
  const adapter = new PrismaPg(pool);
  // The adapter takes a pool only when it is an instance of ITS pg's Pool; another copy of pg
  // would make it open a second pool of its own, silently doubling the connections.
  if (Reflect.get(adapter, "externalPool") !== pool) {
    throw new Error("@prisma/adapter-pg did not take the pg.Pool: it resolves another copy of the pg package");
  }
  // The PostgreSQL client has the same models and methods; its types differ only
  // where PostgreSQL accepts more (e.g. `mode: "insensitive"`), see searchText().
  return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
}

/** A client, and on PostgreSQL the pool it runs on (this module made it, so it ends it). */
interface Database {
  client: PrismaClient;
  pool: pg.Pool | null;
}

function createDatabase(url: string, onConnect?: (connection: BetterSqlite3.Database) => void): Database {
  if (databaseEngine(url) === "sqlite") return { client: createSqliteClient(url, onConnect), pool: null };
  const pool = createPostgresPool(url, getEnv().DATABASE_POOL_SIZE);
  return { client: createPostgresClient(pool), pool };
}

/** The primary's better-sqlite3 connection, once Prisma opened it (SQLite only). */
let sqliteConnection: BetterSqlite3.Database | undefined;
/** The replica: undefined until first asked for, null when none is configured. */
let replicaDatabase: Database | null | undefined;

/** The engine of DATABASE_URL: the few raw queries that differ branch on it. */
export const engine: DatabaseEngine = databaseEngine(getEnv().DATABASE_URL);

const primary = createDatabase(getEnv().DATABASE_URL, (connection) => {
  sqliteConnection = connection;
});

/** The primary: all writes and read-your-own-writes reads. */
export const prisma: PrismaClient = primary.client;

/**
 * On SQLite, the primary's own better-sqlite3 connection (the one Prisma's
 * adapter uses, so reads see every write): for the hot statements
 * (app/utils/hot-statements.server.ts). Null on PostgreSQL.
 */
export async function sqlitePrimaryConnection(): Promise<BetterSqlite3.Database | null> {
  if (engine !== "sqlite") return null;
  if (!sqliteConnection) await prisma.$connect();
  return sqliteConnection ?? null;
}

/** On PostgreSQL, the pool the primary's Prisma client runs on: for the hot statements. Null on SQLite. */
export function postgresPrimaryPool(): pg.Pool | null {
  return primary.pool;
}

function replica(): PrismaClient | null {
  if (replicaDatabase === undefined) {
    const url = getEnv().DATABASE_REPLICA_URL;
    replicaDatabase = url ? createDatabase(url) : null;
  }
  return replicaDatabase?.client ?? null;
}

/** The replica when one is configured, else the primary: reads that never need the reader's own writes. */
export function readReplica(): PrismaClient {
  return replica() ?? prisma;
}

/**
 * The client for a read that may lag the primary by the replica's delay:
 * lists and pages built from the viewer's own data or the audit log. A
 * request from a viewer who changed something in the last few seconds reads
 * the primary, so a page after a form post shows that post.
 */
export function readDb(request: Request): PrismaClient {
  return wroteRecently(request) ? prisma : readReplica();
}

/**
 * Closes the primary's and the replica's connections (graceful shutdown, and
 * scripts when they finish). On PostgreSQL the pools are ours, not Prisma's:
 * they end after Prisma has let go of them.
 */
export async function disconnectDatabases(): Promise<void> {
  const databases = replicaDatabase ? [primary, replicaDatabase] : [primary];
  await Promise.all(databases.map((database) => database.client.$disconnect()));
  await Promise.all(databases.flatMap(({ pool }) => (pool && !pool.ending ? [pool.end()] : [])));
}

/**
 * A case-insensitive "contains" filter on both engines: SQLite's LIKE already
 * ignores ASCII case (and has no `mode`); PostgreSQL needs `mode: "insensitive"`.
 */
export function containsText(text: string): { contains: string } {
  if (engine === "sqlite") return { contains: text };
  return { contains: text, mode: "insensitive" } as { contains: string };
}

/** Attempts of a transaction that lost a serialization race (P2034) before the error is thrown. */
export const TRANSACTION_ATTEMPTS = 5;

/**
 * A transaction that lost a serialization race: Prisma's P2034 when a query of
 * it fails, or the adapter's own error when PostgreSQL refuses the COMMIT
 * (SQLSTATE 40001, kind TransactionWriteConflict).
 */
export function isSerializationFailure(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  if ((error as { code?: unknown }).code === "P2034") return true;
  const { name, cause } = error as { name?: unknown; cause?: unknown };
  return (
    name === "DriverAdapterError" &&
    typeof cause === "object" &&
    cause !== null &&
    (cause as { kind?: unknown }).kind === "TransactionWriteConflict"
  );
}

/**
 * An interactive transaction on the primary, SERIALIZABLE on both engines so
 * check-then-write code (the last admin, one history row per viewing, a token
 * used once) behaves the same: SQLite runs write transactions one at a time;
 * PostgreSQL lets two run and fails one with a serialization error (P2034),
 * which is run again from the start and then sees the other's write. `work`
 * must only touch the database (it may run more than once).
 */
export async function transaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await prisma.$transaction(work, { isolationLevel: "Serializable" });
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS || !isSerializationFailure(error)) throw error;
    }
  }
}

/** True when a Prisma error is a unique-constraint violation (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
