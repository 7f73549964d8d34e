/**
 * Runs in every test file's process before the file is imported. It must not
 * import app code: app/utils/env.server.ts caches the configuration on first
 * use, so the environment is set here first.
 *
 * - its own copy of the migrated template database (per worker, per file):
 *   a copied SQLite file, or on PostgreSQL (TEST_DATABASE_URL) a database
 *   created from the run's template (global-setup.ts drops them all);
 * - a fixed session secret, the cheapest allowed bcrypt cost, silent logs;
 * - an unexpected console.error fails the test (see tests/helpers/console.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, inject, vi } from "vitest";
import { consoleErrorState } from "../helpers/console";
import { createDatabase, databaseUrl } from "../helpers/pg-databases.mjs";

const runDir = inject("dracinRunDir");
const postgres = inject("dracinPostgres");
const workerId = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";
const database = path.join(runDir, `worker-${workerId}.db`);
const dataDir = path.join(runDir, `worker-${workerId}-data`);

const globalState = globalThis as { dracinTestDatabaseUrl?: string };
if (globalState.dracinTestDatabaseUrl === undefined) {
  // A fresh copy for each test file (forks are not reused across files).
  if (postgres === null) {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${database}${suffix}`, { force: true });
    fs.copyFileSync(path.join(runDir, "template.db"), database);
    globalState.dracinTestDatabaseUrl = `file:${database}`;
  } else {
    const name = `${postgres.template.slice(0, -"tpl".length)}w${workerId}_${process.pid}`;
    await createDatabase(postgres.adminUrl, name, postgres.template);
    globalState.dracinTestDatabaseUrl = databaseUrl(postgres.adminUrl, name);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
}

Object.assign(process.env, {
  NODE_ENV: "test",
  DATABASE_URL: globalState.dracinTestDatabaseUrl,
  DATA_DIR: dataDir,
  SESSION_SECRET: "dracin-test-session-secret-0123456789-abcdefghij",
  BCRYPT_COST: "10",
  LOG_LEVEL: "silent",
  CATALOG_PROVIDER: "local",
  TRUST_PROXY: "false",
  // These tests' requests carry no Accept-Language and read English text; the site's own default
  // (Indonesian) is tested where it matters (tests/integration/i18n-locale.test.ts, tests/unit/env.test.ts).
  DEFAULT_LOCALE: "en",
});

beforeEach(() => {
  consoleErrorState.calls = [];
  consoleErrorState.allowed = false;
  consoleErrorState.spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    consoleErrorState.calls.push(args);
  });
});

afterEach(() => {
  const { calls, allowed } = consoleErrorState;
  consoleErrorState.spy?.mockRestore();
  consoleErrorState.spy = undefined;
  if (calls.length > 0 && !allowed) {
    const shown = calls.map((args) => args.map((arg) => (arg instanceof Error ? arg.stack : String(arg))).join(" "));
    throw new Error(
      `Unexpected console.error (call allowConsoleError() in the test if it is expected):\n${shown.join("\n")}`,
    );
  }
});
