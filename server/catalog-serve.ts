/**
 * `npm run catalog:serve`: the catalog API (docs/catalog-api.md) over the
 * bundled demo catalog, for trying CATALOG_PROVIDER=http and for the tests.
 *
 *   CATALOG_SERVE_PORT     port (default 4000)
 *   CATALOG_SERVE_HOST     interface (default 127.0.0.1)
 *   CATALOG_SERVE_API_KEY  require `Authorization: Bearer <key>` (default: no key)
 *   CATALOG_SERVE_MEDIA_BASE_URL   make media URLs absolute with this prefix (default: paths on the Dracin site)
 *   CATALOG_SERVE_STREAM_TTL       seconds until stream URLs "expire" (adds expiresAt; default: none)
 *   CATALOG_SERVE_DELAY_MS         answer every request this much later (benchmarks; default 0)
 */
import { createCatalogApi, writeJson } from "./catalog-api";
import http from "node:http";

const port = Number(process.env.CATALOG_SERVE_PORT || 4000);
const host = process.env.CATALOG_SERVE_HOST || "127.0.0.1";
const delayMs = Number(process.env.CATALOG_SERVE_DELAY_MS || 0);
const answer = createCatalogApi({
  apiKey: process.env.CATALOG_SERVE_API_KEY || undefined,
  mediaBaseUrl: process.env.CATALOG_SERVE_MEDIA_BASE_URL || undefined,
  streamTtlSeconds: Number(process.env.CATALOG_SERVE_STREAM_TTL || 0) || undefined,
});

const server = http.createServer((req, res) => {
  const method = req.method ?? "GET";
  setTimeout(() => {
    answer(method, req.url ?? "/", req.headers.authorization)
      .then((result) => writeJson(res, method, result))
      .catch(() =>
        writeJson(res, method, {
          status: 500,
          body: { error: { code: "internal", message: "Something went wrong." } },
        }),
      );
  }, delayMs);
});
server.keepAliveTimeout = 30_000;
server.listen(port, host, () => {
  console.log(
    JSON.stringify({
      msg: "catalog API listening",
      url: `http://${host}:${port}/v1/`,
      auth: process.env.CATALOG_SERVE_API_KEY ? "bearer key required" : "none",
      delayMs,
    }),
  );
});
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
