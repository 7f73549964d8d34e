/**
 * Vitest: unit tests (pure modules) and integration tests (loaders and
 * actions called with real Requests against a migrated SQLite database, one
 * copy per worker). Playwright owns tests/e2e. See tests/helpers/README.md.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));
const appDir = path.join(root, "app");

/**
 * The classic Remix compiler turns `import styles from "~/styles/app.css"`
 * into the URL of the built stylesheet. Under vitest the same import resolves
 * to a tiny module whose default export is a fixed URL.
 */
function cssImportsAsUrls(): Plugin {
  const virtualId = "\0dracin-test-css-url";
  return {
    name: "dracin:css-imports-as-urls",
    enforce: "pre",
    resolveId(source, importer) {
      if (!/\.css(\?.*)?$/.test(source)) return null;
      const fromApp =
        source.startsWith("~/") ||
        source.startsWith(appDir) ||
        (source.startsWith(".") && importer !== undefined && importer.startsWith(appDir));
      return fromApp ? virtualId : null;
    },
    load(id) {
      return id === virtualId ? 'export default "/test.css";' : null;
    },
  };
}

export default defineConfig({
  plugins: [cssImportsAsUrls()],
  resolve: {
    alias: { "~": appDir },
  },
  test: {
    environment: "node",
    include: ["tests/unit/**/*.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/worker-setup.ts"],
    // Each test file gets a fresh process and a fresh copy of the migrated database.
    pool: "forks",
    // Vitest's default is one fork fewer than the cores: a single one on a two-core machine. Much of a test
    // file's time is spent waiting (servers, sockets, timers), so run one per core, and at least two.
    maxWorkers: Math.max(2, availableParallelism()),
    unstubEnvs: true,
    testTimeout: 10_000,
    hookTimeout: 30_000,
  },
});
