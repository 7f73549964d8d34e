#!/usr/bin/env node
// `prisma migrate deploy` for DATABASE_URL (either engine), as `npm run db:migrate`,
// scripts/start.mjs and the test set-ups run it. Preloads unref-long-timers.mjs:
// without it the CLI idles 10 s before exiting on PostgreSQL (a pending timer
// of Prisma 6.19's wasm schema engine).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "..");
const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
const preload = pathToFileURL(path.join(root, "scripts", "unref-long-timers.mjs")).href;

/**
 * Applies pending migrations. `env` defaults to this process's (DATABASE_URL picks the
 * database and engine); `stdio` as for execFileSync. Throws when the CLI fails.
 */
export function migrateDeploy({ env = process.env, stdio = ["ignore", "ignore", "inherit"] } = {}) {
  return execFileSync(process.execPath, ["--import", preload, cli, "migrate", "deploy"], { cwd: root, env, stdio });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  migrateDeploy({ stdio: "inherit" });
}
