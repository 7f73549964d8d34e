// Prisma CLI configuration (migrate, generate). Offline set-up with the JS
// engine and a driver adapter: no engine binary is ever downloaded.
import fs from "node:fs";
import path from "node:path";
import type { PrismaConfig } from "prisma";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Same default and the same path resolution as app/utils/db.server.ts.
process.env.DATABASE_URL ??= "file:./data/dracin.db";
const file = sqliteFilePath(process.env.DATABASE_URL);
fs.mkdirSync(path.dirname(file), { recursive: true });

function sqliteFilePath(url: string): string {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a file: URL for SQLite, got "${url.split(":")[0]}:..."`);
  }
  return path.resolve(process.cwd(), url.slice("file:".length));
}

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "sqlite"),
  migrations: { path: path.join("prisma", "sqlite", "migrations") },
  adapter: async () => new PrismaBetterSQLite3({ url: `file:${file}` }),
} satisfies PrismaConfig;
