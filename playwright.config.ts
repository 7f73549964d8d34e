/**
 * Browser tests (tests/e2e). Run `npm run build` first (`npm test` does);
 * `npx playwright test` then starts the built server on a fresh database.
 *
 * Chromium: $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else
 * Playwright's own build (installed on demand when missing).
 *
 * Database: SQLite (tests/.tmp/e2e.db) unless TEST_DATABASE_URL=postgresql://...
 * names a PostgreSQL server and a role with CREATEDB: then each server gets
 * its own database dracin_e2e_<port>, dropped and recreated at its start
 * (tests/e2e/start-server.mjs). E2E_DATABASE_URL, when set, wins.
 */
import { execSync } from "node:child_process";
import fs from "node:fs";
import { chromium, defineConfig } from "@playwright/test";
import { CHROMIUM_FLAGS } from "./scripts/chromium-flags.mjs";
import { databaseUrl, testPostgresUrl } from "./tests/helpers/pg-databases.mjs";

/** The database of the test server on `port`: dracin_e2e_<port> on PostgreSQL, else the SQLite file given. */
export function e2eDatabaseUrl(port: number, sqliteUrl: string): string {
  const postgresUrl = testPostgresUrl();
  return postgresUrl === undefined ? sqliteUrl : databaseUrl(postgresUrl, `dracin_e2e_${port}`);
}

const PORT = Number(process.env.E2E_PORT || 3271);
const BASE_URL = `http://127.0.0.1:${PORT}`;
// PostgreSQL: read by the server (start-server.mjs), by specs that reach its database (admin, page-weight)
// in the runner and in every worker (they load this file too), and by configs that extend this one
// (playwright.multi.config.ts's instances use it after this config's run has finished).
if (testPostgresUrl() !== undefined) process.env.E2E_DATABASE_URL ||= e2eDatabaseUrl(PORT, "");
// The fake OAuth2 server (tests/e2e/fake-oauth.mjs) and the providers the app is pointed at (tests/e2e/oauth.spec.ts).
const OAUTH_PORT = Number(process.env.E2E_OAUTH_PORT || 4421);
const OAUTH_URL = `http://127.0.0.1:${OAUTH_PORT}`;
const OAUTH_CLIENT = { id: "dracin-e2e", secret: "dracin-e2e-secret" };
const OAUTH_ENV = {
  OAUTH_CUSTOM_ID: "fake",
  OAUTH_CUSTOM_NAME: "Fake ID",
  OAUTH_CUSTOM_CLIENT_ID: OAUTH_CLIENT.id,
  OAUTH_CUSTOM_CLIENT_SECRET: OAUTH_CLIENT.secret,
  OAUTH_CUSTOM_AUTHORIZE_URL: `${OAUTH_URL}/authorize`,
  OAUTH_CUSTOM_TOKEN_URL: `${OAUTH_URL}/token`,
  OAUTH_CUSTOM_USERINFO_URL: `${OAUTH_URL}/userinfo`,
  OAUTH_GITHUB_CLIENT_ID: OAUTH_CLIENT.id,
  OAUTH_GITHUB_CLIENT_SECRET: OAUTH_CLIENT.secret,
  OAUTH_GITHUB_AUTHORIZE_URL: `${OAUTH_URL}/authorize`,
  OAUTH_GITHUB_TOKEN_URL: `${OAUTH_URL}/token`,
  OAUTH_GITHUB_API_URL: OAUTH_URL,
};

function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  if (fs.existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  // Playwright's own browser. The config is loaded by the runner and again by
  // each worker: only try the download once (workers inherit the flag).
  if (!fs.existsSync(chromium.executablePath()) && !process.env.DRACIN_E2E_INSTALL_TRIED) {
    process.env.DRACIN_E2E_INSTALL_TRIED = "1";
    console.warn("No Chromium found (CHROMIUM_PATH, /usr/bin/chromium): running `npx playwright install chromium`...");
    try {
      execSync("npx playwright install chromium", { stdio: "inherit" });
    } catch {
      console.warn(
        "`npx playwright install chromium` failed. Install a Chromium (Debian: `apt-get install -y chromium`) " +
          "or set CHROMIUM_PATH to one; carrying on with Playwright's default path.",
      );
    }
  }
  return undefined;
}

/**
 * Specs that change what every other test's viewer sees (an admin signing everyone out) run alone, after the
 * rest. Every test registers its own viewers, so files do not depend on each other and E2E_WORKERS=2 runs
 * them in two workers (10 minutes instead of 12 here); the default stays one worker, because on PostgreSQL two
 * workers once met a registration answered 500 while the other worker signed a viewer out, not yet explained.
 */
const ALONE = ["admin-incidents.spec.ts"];

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS || 1),
  projects: [
    { name: "shared", testIgnore: ALONE },
    { name: "alone", testMatch: ALONE, dependencies: ["shared"] },
  ],
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 5_000 },
  outputDir: "test-results",
  use: {
    baseURL: BASE_URL,
    // What a browser's own fetch/beacon POSTs carry; the API requests tests
    // make through page.request need it to pass the CSRF check like them.
    extraHTTPHeaders: { Origin: BASE_URL },
    browserName: "chromium",
    headless: true,
    locale: "en-US",
    timezoneId: "UTC",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: findChromium(),
      args: [...CHROMIUM_FLAGS, "--autoplay-policy=no-user-gesture-required"],
    },
  },
  webServer: [
    {
      command: "node tests/e2e/fake-oauth.mjs",
      url: `${OAUTH_URL}/healthz`,
      env: {
        E2E_OAUTH_PORT: String(OAUTH_PORT),
        E2E_PORT: String(PORT),
        E2E_OAUTH_CLIENT_ID: OAUTH_CLIENT.id,
        E2E_OAUTH_CLIENT_SECRET: OAUTH_CLIENT.secret,
      },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "node tests/e2e/start-server.mjs",
      url: `${BASE_URL}/`,
      env: { PORT: String(PORT), HOST: "127.0.0.1", ...OAUTH_ENV },
      reuseExistingServer: false,
      timeout: 60_000,
      // The server logs warnings and errors only (start-server.mjs): a 500 in a test shows its cause here.
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
