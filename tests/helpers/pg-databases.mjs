// Throwaway PostgreSQL databases for the test suite (plain ESM: vitest's setup
// files and tests/e2e/start-server.mjs both use it).
//
// TEST_DATABASE_URL=postgresql://user:password@host:5432/db names a server and a
// role with CREATEDB; its database is only used to connect while creating and
// dropping the suite's own databases:
//   dracin_t_<run>_tpl      vitest's migrated template (tests/setup/global-setup.ts)
//   dracin_t_<run>_<suffix> one copy per test file (tests/setup/worker-setup.ts)
//   dracin_e2e_<port>       one per browser-test server (tests/e2e/start-server.mjs)
// <run> starts with the run's start time in base 36, so databases of runs that
// crashed before their teardown are recognised and dropped an hour later.
import crypto from "node:crypto";
import pg from "pg";

/** Prefix of every database vitest creates. */
export const VITEST_PREFIX = "dracin_t_";
const NAME = /^[a-z0-9_]{1,63}$/;
const RUN = /^dracin_t_([0-9a-z]+)_/;

/**
 * True for postgres:// and postgresql:// URLs (as app/utils/env.server.ts decides).
 * @param {string | undefined} url
 * @returns {boolean}
 */
export function isPostgresUrl(url) {
  return typeof url === "string" && /^postgres(ql)?:\/\//.test(url);
}

/**
 * TEST_DATABASE_URL when it is a PostgreSQL URL; undefined means the suite runs on SQLite.
 * @param {Record<string, string | undefined>} [env]
 * @returns {string | undefined}
 */
export function testPostgresUrl(env = process.env) {
  const url = env.TEST_DATABASE_URL;
  if (url === undefined || url === "") return undefined;
  if (!isPostgresUrl(url)) {
    throw new Error(
      `TEST_DATABASE_URL must be a postgresql:// URL (unset it to test on SQLite), got "${url.split(":")[0]}:..."`,
    );
  }
  return url;
}

/**
 * The database name a PostgreSQL URL names.
 * @param {string} url
 * @returns {string}
 */
export function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/**
 * `url` with its database replaced by `name` (user, password, host and parameters kept).
 * @param {string} url
 * @param {string} name
 * @returns {string}
 */
export function databaseUrl(url, name) {
  assertName(name);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.href;
}

/**
 * A fresh run id: start time in base 36 and 4 random hex digits.
 * @param {number} [now]
 * @returns {string}
 */
export function newRunId(now = Date.now()) {
  return `${now.toString(36)}_${crypto.randomBytes(2).toString("hex")}`;
}

/** @param {string} name */
function assertName(name) {
  if (!NAME.test(name)) throw new Error(`unexpected database name "${name}" (want [a-z0-9_], at most 63 characters)`);
}

const quote = (/** @type {string} */ name) => `"${name}"`;

/**
 * Runs `work` with a client connected to the database `adminUrl` names, then disconnects.
 * @template T
 * @param {string} adminUrl
 * @param {(client: pg.Client) => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function withAdmin(adminUrl, work) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * CREATE DATABASE `name` (optionally as a copy of `template`). PostgreSQL refuses to copy a template
 * while another session is connected to it (55006 "source database ... is being accessed by other
 * users"): retried for a few seconds.
 * @param {string} adminUrl
 * @param {string} name
 * @param {string} [template]
 * @returns {Promise<void>}
 */
export async function createDatabase(adminUrl, name, template) {
  assertName(name);
  if (template !== undefined) assertName(template);
  const sql = `CREATE DATABASE ${quote(name)}${template === undefined ? "" : ` TEMPLATE ${quote(template)}`}`;
  await withAdmin(adminUrl, async (client) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(sql);
        return;
      } catch (error) {
        const code = /** @type {{ code?: string }} */ (error).code;
        if (code !== "55006" || attempt >= 50) throw error;
        await sleep(100 + Math.floor(Math.random() * 100));
      }
    }
  });
}

/**
 * DROP DATABASE IF EXISTS for each name, ending whatever is still connected to it.
 * @param {string} adminUrl
 * @param {string[]} names
 * @returns {Promise<void>}
 */
export async function dropDatabases(adminUrl, names) {
  if (names.length === 0) return;
  for (const name of names) assertName(name);
  await withAdmin(adminUrl, async (client) => {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
  });
}

/**
 * Drops `name` if it exists and creates it empty.
 * @param {string} adminUrl
 * @param {string} name
 * @returns {Promise<void>}
 */
export async function recreateDatabase(adminUrl, name) {
  await dropDatabases(adminUrl, [name]);
  await createDatabase(adminUrl, name);
}

/**
 * Names of the databases whose name starts with `prefix`.
 * @param {string} adminUrl
 * @param {string} prefix
 * @returns {Promise<string[]>}
 */
export async function listDatabases(adminUrl, prefix) {
  assertName(prefix);
  return withAdmin(adminUrl, async (client) => {
    const { rows } = await client.query(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname",
      [prefix],
    );
    return rows.map((row) => /** @type {string} */ (row.datname));
  });
}

/**
 * The vitest databases to drop: those of run `runId`, and those of any run that started more than
 * `maxAgeMs` before `now` (a run that crashed before its teardown).
 * @param {string[]} names
 * @param {{ runId?: string, now?: number, maxAgeMs?: number }} options
 * @returns {string[]}
 */
export function vitestDatabasesToDrop(names, { runId, now = Date.now(), maxAgeMs = 60 * 60 * 1000 }) {
  return names.filter((name) => {
    if (runId !== undefined && name.startsWith(`${VITEST_PREFIX}${runId}_`)) return true;
    const match = RUN.exec(name);
    if (!match) return false;
    const started = Number.parseInt(match[1], 36);
    return Number.isFinite(started) && now - started > maxAgeMs;
  });
}
