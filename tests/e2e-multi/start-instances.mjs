#!/usr/bin/env node
// Two Dracin instances on one database behind the round-robin proxy, for
// playwright.multi.config.ts (one `webServer` command, one process tree):
//   1. a fresh database, once: SQLite deletes the file (and its -wal/-shm);
//      PostgreSQL (a postgresql:// URL) drops and recreates that database, connected through
//      TEST_DATABASE_URL if set, else the server's `postgres` database (tests/helpers/pg-databases.mjs);
//   2. `prisma migrate deploy` (scripts/migrate.mjs), once: the instances never migrate, so they cannot race;
//   3. two `node build/server.js` on their own ports with the same SESSION_SECRET, AUDIT_HMAC_KEY,
//      DATABASE_URL and DATA_DIR, and TRUST_PROXY=true;
//   4. once both answer /readyz, scripts/rr-proxy.mjs in this process in front of them.
// SIGTERM/SIGINT go to both instances; this process exits when they have. If an
// instance dies on its own, the other is stopped and this process exits 1.
// Assumes `npm run build` ran.
//
// Environment (defaults in brackets): E2E_MULTI_PORT, the proxy [3274];
// E2E_MULTI_APP_PORTS, the instances ["3275,3276"]; E2E_MULTI_DATABASE_URL, else E2E_DATABASE_URL
// [file:./tests/.tmp/multi-e2e.db] (playwright.multi.config.ts sets it: dracin_e2e_<proxy port> on
// PostgreSQL when TEST_DATABASE_URL is set); E2E_MULTI_DATA_DIR [tests/.tmp/multi-e2e-data].
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { migrateDeploy } from "../../scripts/migrate.mjs";
import { startProxy } from "../../scripts/rr-proxy.mjs";
import { databaseName, databaseUrl, isPostgresUrl, recreateDatabase } from "../helpers/pg-databases.mjs";

const root = path.resolve(import.meta.dirname, "..", "..");
process.chdir(root);

const PROXY_PORT = Number(process.env.E2E_MULTI_PORT || 3274);
const APP_PORTS = (process.env.E2E_MULTI_APP_PORTS || "3275,3276").split(",").map((port) => Number(port.trim()));
const DATABASE_URL =
  process.env.E2E_MULTI_DATABASE_URL || process.env.E2E_DATABASE_URL || "file:./tests/.tmp/multi-e2e.db";
const DATA_DIR = process.env.E2E_MULTI_DATA_DIR || "tests/.tmp/multi-e2e-data";

function say(message) {
  process.stderr.write(`[start-instances] ${message}\n`);
}

if (!fs.existsSync(path.join(root, "build", "server.js"))) {
  say('no build found: run "npm run build" first');
  process.exit(1);
}
if (APP_PORTS.length < 2 || APP_PORTS.some((port) => !Number.isInteger(port) || port <= 0)) {
  say(`E2E_MULTI_APP_PORTS must list at least two ports (got "${process.env.E2E_MULTI_APP_PORTS}")`);
  process.exit(1);
}

/** Drops and recreates the database a postgresql:// URL names. */
async function recreatePostgresDatabase(url) {
  const adminUrl = isPostgresUrl(process.env.TEST_DATABASE_URL)
    ? process.env.TEST_DATABASE_URL
    : databaseUrl(url, "postgres");
  await recreateDatabase(adminUrl, databaseName(url));
}

function removeSqliteDatabase(url) {
  const file = path.resolve(root, url.slice("file:".length));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

if (isPostgresUrl(DATABASE_URL)) await recreatePostgresDatabase(DATABASE_URL);
else if (DATABASE_URL.startsWith("file:")) removeSqliteDatabase(DATABASE_URL);
else {
  say(`unsupported database URL (want file: or postgresql://): ${DATABASE_URL.replace(/\/\/[^@/]*@/, "//***@")}`);
  process.exit(1);
}
fs.rmSync(path.resolve(root, DATA_DIR), { recursive: true, force: true });
fs.mkdirSync(path.resolve(root, DATA_DIR), { recursive: true });

const sharedEnv = {
  ...process.env,
  NODE_ENV: "production",
  HOST: "127.0.0.1",
  DATABASE_URL,
  // A "replica" that is the primary itself (no lag): the instances run with the replica client and the
  // read-your-own-writes cookie as a deployment with one does; the lag is tested in tests/integration/replica.test.ts.
  DATABASE_REPLICA_URL: DATABASE_URL,
  DATA_DIR,
  // One secret for both: a cookie or CSRF token signed by one instance is checked by the other.
  SESSION_SECRET: crypto.randomBytes(48).toString("base64url"),
  // One audit chain key for both (an instance with another key would refuse to start).
  AUDIT_HMAC_KEY: crypto.randomBytes(48).toString("base64url"),
  // The client IP comes from the proxy's X-Forwarded-For (audit rows, throttling, the sessions page).
  TRUST_PROXY: "true",
  BCRYPT_COST: "10",
  // The specs register their viewers from 127.0.0.1.
  REGISTER_LIMIT_PER_HOUR: process.env.REGISTER_LIMIT_PER_HOUR || "100000",
  LOG_LEVEL: process.env.LOG_LEVEL || "warn",
};

migrateDeploy({ env: sharedEnv });

const children = APP_PORTS.map((port, index) => {
  const child = spawn(process.execPath, [path.join(root, "build", "server.js")], {
    cwd: root,
    env: { ...sharedEnv, PORT: String(port) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return { child, port, name: `instance ${index + 1} (:${port})`, exited: false };
});

let stopping = false;
let proxy;

function stopAll(signal) {
  stopping = true;
  if (proxy) void proxy.close();
  for (const { child, exited } of children) if (!exited) child.kill(signal);
}

let exitCode = 0;
for (const entry of children) {
  entry.child.on("exit", (code, signal) => {
    entry.exited = true;
    if (!stopping) {
      say(`${entry.name} exited on its own (code ${code}, signal ${signal}): stopping the rest`);
      exitCode = 1;
      stopAll("SIGTERM");
    } else if (code !== 0 && code !== null) {
      exitCode = code;
    }
    if (children.every((other) => other.exited)) process.exit(exitCode);
  });
}

process.on("SIGTERM", () => stopAll("SIGTERM"));
process.on("SIGINT", () => stopAll("SIGINT"));

async function waitUntilReady(port, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (stopping) throw new Error("stopped while starting");
    if (Date.now() > deadline) throw new Error(`port ${port} not ready after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

try {
  await Promise.all(APP_PORTS.map((port) => waitUntilReady(port)));
  proxy = await startProxy({
    port: PROXY_PORT,
    host: "127.0.0.1",
    backends: APP_PORTS.map((port) => `http://127.0.0.1:${port}`),
  });
  say(
    `proxy http://127.0.0.1:${PROXY_PORT} -> ${APP_PORTS.map((port) => `:${port}`).join(", ")} (${DATABASE_URL.split(":")[0]})`,
  );
} catch (error) {
  say(`could not start: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
  stopAll("SIGTERM");
}
