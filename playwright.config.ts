/**
 * Browser tests (tests/e2e). Run `npm run build` first (`npm test` does);
 * `npx playwright test` then starts the built server on a fresh database.
 *
 * Chromium: $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else
 * Playwright's own build (installed on demand when missing).
 */
import { execSync } from "node:child_process";
import fs from "node:fs";
import { chromium, defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT || 3271);
const BASE_URL = `http://127.0.0.1:${PORT}`;

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

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 5_000 },
  outputDir: "test-results",
  use: {
    baseURL: BASE_URL,
    browserName: "chromium",
    headless: true,
    locale: "en-US",
    timezoneId: "UTC",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: findChromium(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--autoplay-policy=no-user-gesture-required",
      ],
    },
  },
  webServer: {
    command: "node tests/e2e/start-server.mjs",
    url: `${BASE_URL}/`,
    env: { PORT: String(PORT), HOST: "127.0.0.1" },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
