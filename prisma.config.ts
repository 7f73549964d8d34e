// Prisma CLI configuration (migrate, generate). Offline set-up with the JS
// engine and a driver adapter: no engine binary is ever downloaded.
// DATABASE_URL picks the engine: postgresql:// -> prisma/postgres, file: -> prisma/sqlite
// (one model file, prisma/schema/models.prisma, linked into both; migrations per engine).
import fs from "node:fs";
import path from "node:path";
import type { PrismaConfig } from "prisma";
import { cliPostgresAdapter, cliSqliteAdapter } from "./prisma/cli-adapters";
import { databaseEngine, sqliteFilePath } from "./app/utils/env.server";

// Same default and the same path resolution as the app (app/utils/env.server.ts).
// The CLI falls back to downloading an engine when DATABASE_URL is unset (docs/known-upstream-limits.md).
process.env.DATABASE_URL ||= "file:./data/dracin.db";
const url = process.env.DATABASE_URL;
const engine = databaseEngine(url);
if (engine === "sqlite" && !url.startsWith("file:")) {
  throw new Error(`DATABASE_URL must be a SQLite file: URL or a postgresql:// URL, got "${url.split(":")[0]}:..."`);
}

function sqliteFile(): string {
  const file = sqliteFilePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

const folder = path.join("prisma", engine === "postgresql" ? "postgres" : "sqlite");

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: folder,
  migrations: { path: path.join(folder, "migrations") },
  adapter: async () => (engine === "postgresql" ? cliPostgresAdapter(url) : cliSqliteAdapter(sqliteFile())),
} satisfies PrismaConfig;
