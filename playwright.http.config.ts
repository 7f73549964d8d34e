/**
 * The browser journey with CATALOG_PROVIDER=http: starts `catalog:serve`
 * (the demo catalog as a catalog API, with an API key) and Dracin pointed at
 * it, on their own ports, then runs the journey specs (with and without
 * JavaScript). Run by `npm run test:e2e` after the main config.
 *   npx playwright test -c playwright.http.config.ts
 */
import { defineConfig } from "@playwright/test";
import base, { e2eDatabaseUrl } from "./playwright.config";

const PORT = Number(process.env.E2E_HTTP_PORT || 3272);
const CATALOG_PORT = Number(process.env.E2E_CATALOG_PORT || 4372);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const API_KEY = "e2e-catalog-key";
const DOWN_PORT = Number(process.env.E2E_CATALOG_DOWN_PORT || 3273);
/** A port nothing listens on: the "catalog down" server's upstream. */
const DEAD_CATALOG_PORT = Number(process.env.E2E_DEAD_CATALOG_PORT || 4373);

// Read by tests/e2e/fixtures.ts in the runner and in every worker (they load this file too).
process.env.E2E_CATALOG_ID_PREFIX = "ext:";
process.env.E2E_CATALOG_DOWN_URL = `http://127.0.0.1:${DOWN_PORT}`;

export default defineConfig({
  ...base,
  projects: undefined,
  workers: 1,
  testDir: "tests",
  testMatch: ["e2e/journey.spec.ts", "e2e/journey-no-js.spec.ts", "e2e-http/*.spec.ts"],
  outputDir: "test-results-http-catalog",
  use: { ...base.use, baseURL: BASE_URL, extraHTTPHeaders: { Origin: BASE_URL } },
  webServer: [
    {
      command: "node --import tsx server/catalog-serve.ts",
      url: `http://127.0.0.1:${CATALOG_PORT}/healthz`,
      env: {
        CATALOG_SERVE_PORT: String(CATALOG_PORT),
        CATALOG_SERVE_HOST: "127.0.0.1",
        CATALOG_SERVE_API_KEY: API_KEY,
      },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "node tests/e2e/start-server.mjs",
      url: `${BASE_URL}/`,
      env: {
        PORT: String(PORT),
        HOST: "127.0.0.1",
        E2E_DATABASE_URL: e2eDatabaseUrl(PORT, "file:./tests/.tmp/http-e2e.db"),
        E2E_DATA_DIR: "tests/.tmp/http-e2e-data",
        CATALOG_PROVIDER: "http",
        CATALOG_API_URL: `http://127.0.0.1:${CATALOG_PORT}`,
        CATALOG_API_KEY: API_KEY,
      },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // Same build in HTTP mode with an unreachable catalog API (tests/e2e-http/catalog-down.spec.ts).
      command: "node tests/e2e/start-server.mjs",
      url: `http://127.0.0.1:${DOWN_PORT}/healthz`,
      env: {
        PORT: String(DOWN_PORT),
        HOST: "127.0.0.1",
        E2E_DATABASE_URL: e2eDatabaseUrl(DOWN_PORT, "file:./tests/.tmp/down-e2e.db"),
        E2E_DATA_DIR: "tests/.tmp/down-e2e-data",
        CATALOG_PROVIDER: "http",
        CATALOG_API_URL: `http://127.0.0.1:${DEAD_CATALOG_PORT}`,
        LOG_LEVEL: "error",
      },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "ignore",
    },
  ],
});
