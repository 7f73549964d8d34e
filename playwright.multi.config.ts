/**
 * Several instances: two Dracin instances on one database behind a
 * round-robin proxy (tests/e2e-multi/start-instances.mjs, scripts/rr-proxy.mjs),
 * and the browser journey through the proxy, so consecutive requests hit
 * different instances. Run by `npm run test:e2e` after the other configs:
 *   npx playwright test -c playwright.multi.config.ts
 * SQLite by default (both instances share one WAL file); PostgreSQL when
 * TEST_DATABASE_URL=postgresql://... (database dracin_e2e_<proxy port>, as
 * playwright.config.ts does) or E2E_MULTI_DATABASE_URL is one; that database is
 * dropped and recreated at the start.
 */
import { defineConfig, type PlaywrightTestConfig } from "@playwright/test";
import base, { e2eDatabaseUrl } from "./playwright.config";

const PORT = Number(process.env.E2E_MULTI_PORT || 3274);
const APP_PORTS = process.env.E2E_MULTI_APP_PORTS || `${PORT + 1},${PORT + 2}`;
const BASE_URL = `http://127.0.0.1:${PORT}`;
const DATABASE_URL = process.env.E2E_MULTI_DATABASE_URL || e2eDatabaseUrl(PORT, "file:./tests/.tmp/multi-e2e.db");

// The main config's fake OAuth2 server (E2E_OAUTH_PORT) and the OAUTH_* settings that point the app at it,
// reused as they are: only the app's port (the proxy's, for the callback URLs) differs.
type WebServer = Exclude<NonNullable<PlaywrightTestConfig["webServer"]>, unknown[]>;
const [fakeOAuth, mainApp] = base.webServer as WebServer[];

export default defineConfig({
  ...base,
  projects: undefined,
  workers: 1,
  testDir: "tests/e2e-multi",
  // Inside the main run's (ignored by git) folder; that run, which comes first, clears it.
  outputDir: "test-results/multi",
  use: { ...base.use, baseURL: BASE_URL, extraHTTPHeaders: { Origin: BASE_URL } },
  webServer: [
    { ...fakeOAuth, env: { ...fakeOAuth.env, E2E_PORT: String(PORT) } },
    {
      command: "node tests/e2e-multi/start-instances.mjs",
      url: `${BASE_URL}/__proxy/stats`,
      env: {
        ...mainApp.env,
        E2E_MULTI_PORT: String(PORT),
        E2E_MULTI_APP_PORTS: APP_PORTS,
        E2E_MULTI_DATABASE_URL: DATABASE_URL,
      },
      reuseExistingServer: false,
      timeout: 90_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
