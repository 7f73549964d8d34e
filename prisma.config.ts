// Prisma CLI configuration (migrate, generate). Offline set-up with the JS
// engine and a driver adapter: no engine binary is ever downloaded.
import fs from "node:fs";
import path from "node:path";
import type { PrismaConfig } from "prisma";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { sqliteFilePath } from "./app/utils/env.server";

// Same default and the same path resolution as the app (app/utils/env.server.ts).
// The CLI falls back to downloading an engine when DATABASE_URL is unset (STACK-NOTES 3.2).
process.env.DATABASE_URL ||= "file:./data/dracin.db";
const url = process.env.DATABASE_URL;
if (!url.startsWith("file:")) {
  throw new Error(`DATABASE_URL must be a SQLite file: URL, got "${url.split(":")[0]}:..."`);
}
const file = sqliteFilePath(url);
fs.mkdirSync(path.dirname(file), { recursive: true });

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "sqlite"),
  migrations: { path: path.join("prisma", "sqlite", "migrations") },
  adapter: async () => new PrismaBetterSQLite3({ url: `file:${file}` }),
} satisfies PrismaConfig;
