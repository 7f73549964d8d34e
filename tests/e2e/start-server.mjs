#!/usr/bin/env node
// Starts the built server for the browser tests on a fresh SQLite database:
// deletes tests/.tmp/e2e* (database, its journal files and the data dir; with
// E2E_DATABASE_URL=file:./tests/.tmp/<name>.db only <name>*, so several servers can start side by side),
// sets the test environment, then hands over to scripts/start.mjs, which
// applies the migrations and serves build/. Assumes `npm run build` ran.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..", "..");
process.chdir(root);

const tmp = path.join(root, "tests", ".tmp");
fs.mkdirSync(tmp, { recursive: true });
const own = process.env.E2E_DATABASE_URL ? path.basename(process.env.E2E_DATABASE_URL, ".db") : "e2e";
for (const entry of fs.readdirSync(tmp)) {
  if (entry.startsWith(own)) fs.rmSync(path.join(tmp, entry), { recursive: true, force: true });
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
