import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/sqlite/client";
import { getEnv, sqliteFilePath } from "~/utils/env.server";
import { withStatementCache } from "~/utils/sqlite-statements.server";

export type { PrismaClient };

/**
 * SQLite settings for a web server: write-ahead logging (readers never wait
 * for the writer), NORMAL sync (durable at checkpoints, safe with WAL), and
 * a busy timeout so a second process waits instead of failing.
 */
const SQLITE_PRAGMAS = ["journal_mode = WAL", "synchronous = NORMAL", "busy_timeout = 5000", "foreign_keys = ON", "wal_autocheckpoint = 10000"];

function createClient(): PrismaClient {
  const adapter = withStatementCache(new PrismaBetterSQLite3({ url: sqliteFilePath(getEnv().DATABASE_URL) }));
  const client = new PrismaClient({ adapter });
  // Queued before any other query of this client.
  for (const pragma of SQLITE_PRAGMAS) {
    client.$queryRawUnsafe(`PRAGMA ${pragma}`).catch((error: unknown) => {
      process.stderr.write(`SQLite PRAGMA ${pragma} failed: ${String(error)}\n`);
    });
  }
  return client;
}

const globalForPrisma = globalThis as unknown as { dracinPrisma?: PrismaClient };

/** The one Prisma client of this process (kept across dev rebuilds). */
export const prisma: PrismaClient = (globalForPrisma.dracinPrisma ??= createClient());

/** True when a Prisma error is a unique-constraint violation (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    (error as { code: unknown }).code === "P2002"
  );
}
