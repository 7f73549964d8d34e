/**
 * In-process cost of the drama page loader: local provider vs the HTTP provider
 * with a warm cache (no HTTP server, no rendering) — what the catalog layer itself
 * adds per page. Not a test. Usage: npx tsx scripts/bench-catalog-loader.ts
 */
import os from "node:os";
import path from "node:path";

process.env.DATA_DIR ??= path.join(os.tmpdir(), "dracin-bench-loader");
process.env.LOG_LEVEL = "error";

const { createCatalogApiServer } = await import("../server/catalog-api");
const { createHttpCatalog } = await import("../app/catalog/http.server");
const { createLocalCatalog } = await import("../app/catalog/local.server");
const { setCatalogForTests } = await import("../app/catalog/index.server");
const { loader } = await import("../app/routes/drama.$dramaId");

const server = createCatalogApiServer();
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as import("node:net").AddressInfo;
const http = createHttpCatalog({ baseUrl: `http://127.0.0.1:${port}` });
const local = createLocalCatalog();

const load = (id: string) =>
  loader({ request: new Request(`http://localhost/drama/${id}`), params: { dramaId: id }, context: {} });

async function measure(label: string, provider: typeof local, id: string, n = 50_000) {
  setCatalogForTests(provider);
  for (let i = 0; i < 5000; i++) await load(id);
  const started = performance.now();
  for (let i = 0; i < n; i++) await load(id);
  const us = ((performance.now() - started) / n) * 1000;
  console.log(`${label.padEnd(28)} ${us.toFixed(1)} µs per loader call`);
}

for (let round = 1; round <= 3; round++) {
  await measure(`round ${round}: local`, local, "moonlit-tea-house");
  await measure(`round ${round}: http, warm cache`, http, "ext:moonlit-tea-house");
}
await http.close();
server.close();
