import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/sqlite/client";
import { getEnv, sqliteFilePath } from "~/utils/env.server";

export type { PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaBetterSQLite3({ url: sqliteFilePath(getEnv().DATABASE_URL) });
  return new PrismaClient({ adapter });
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
