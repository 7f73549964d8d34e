#!/usr/bin/env node
// Starts the built server for the browser tests on a fresh database:
// - SQLite (default): deletes tests/.tmp/e2e* (database, its journal files and the data dir; with
//   E2E_DATABASE_URL=file:./tests/.tmp/<name>.db only <name>*, so several servers can start side by side);
// - PostgreSQL (E2E_DATABASE_URL=postgresql://.../<name>, which playwright.config.ts derives from
//   TEST_DATABASE_URL): drops and recreates <name>, connecting through TEST_DATABASE_URL if set,
//   else the server's `postgres` database; the data dir is emptied;
// sets the test environment, then hands over to scripts/start.mjs, which
// applies the migrations and serves build/. Assumes `npm run build` ran.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { databaseName, databaseUrl, isPostgresUrl, recreateDatabase } from "../helpers/pg-databases.mjs";

const root = path.resolve(import.meta.dirname, "..", "..");
process.chdir(root);

const tmp = path.join(root, "tests", ".tmp");
fs.mkdirSync(tmp, { recursive: true });
const e2eDatabaseUrl = process.env.E2E_DATABASE_URL;
if (isPostgresUrl(e2eDatabaseUrl)) {
  const adminUrl = isPostgresUrl(process.env.TEST_DATABASE_URL)
    ? process.env.TEST_DATABASE_URL
    : databaseUrl(e2eDatabaseUrl, "postgres");
  await recreateDatabase(adminUrl, databaseName(e2eDatabaseUrl));
  fs.rmSync(path.resolve(root, process.env.E2E_DATA_DIR || "tests/.tmp/e2e-data"), { recursive: true, force: true });
} else {
  const own = e2eDatabaseUrl ? path.basename(e2eDatabaseUrl, ".db") : "e2e";
  for (const entry of fs.readdirSync(tmp)) {
    if (entry.startsWith(own)) fs.rmSync(path.join(tmp, entry), { recursive: true, force: true });
  }
}

Object.assign(process.env, {
  NODE_ENV: "production",
  HOST: process.env.HOST || "127.0.0.1",
  PORT: process.env.PORT || "3271",
  DATABASE_URL: process.env.E2E_DATABASE_URL || "file:./tests/.tmp/e2e.db",
  DATA_DIR: process.env.E2E_DATA_DIR || "tests/.tmp/e2e-data",
  BCRYPT_COST: "10",
  // Every test registers its own viewers from 127.0.0.1.
  REGISTER_LIMIT_PER_HOUR: process.env.REGISTER_LIMIT_PER_HOUR || "100000",
  LOG_LEVEL: process.env.LOG_LEVEL || "warn",
});

await import(pathToFileURL(path.join(root, "scripts", "start.mjs")).href);
