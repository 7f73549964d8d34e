/**
 * The HTTP server: compression, static files with long cache lifetimes for
 * hashed assets, and Remix for everything else. Everything it needs from
 * the app (request ids and the cross-site check, the progress fast path, the
 * Remix handler with its page caches, shutdown steps) comes from the Remix
 * build (app/utils/http-hooks.server.ts), so this bundle holds no app code
 * and every app module exists once per process.
 */
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import type * as Entry from "../app/entry.server";
import type { HttpHooks } from "../app/utils/http-hooks.server";

const root = process.cwd();

let hooks: HttpHooks;
let buildVersion: string;
try {
  const build = (await import(pathToFileURL(path.join(root, "build", "index.js")).href)) as ServerBuild;
  buildVersion = build.assets.version;
  hooks = (build.entry.module as unknown as typeof Entry).createHttpHooks(build);
} catch (error) {
  // A bad environment stops the server with the message that names the variable (app/utils/env.server.ts).
  if (error instanceof Error && error.name === "ConfigError") {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const { log } = hooks;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", hooks.config.trustProxy);

// Fast path for the player's progress beacons, ahead of compression and the
// static files (an empty answer needs neither).
app.post("/resources/progress", hooks.observeAndGuard, ...hooks.progressBeacon);

// Compress what is worth it: pages, fragments, scripts, styles, playlists and
// captions. Beacons and form posts answer with empty bodies or redirects.
app.use(
  compression({
    filter: (req, res) => (req.method === "GET" || req.method === "HEAD") && compression.filter(req, res),
  }),
);

const year = 365 * 24 * 60 * 60 * 1000;
app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: year }));
app.use("/assets", express.static(path.join(root, "public", "assets"), { immutable: true, maxAge: year }));
// Every public file has an extension (favicon.svg, media/…/*.m3u8, posters/*.jpg): a page URL
// never reaches the file system (a stat per page request was ~10 % of a page's CPU).
const publicFiles = express.static(path.join(root, "public"), { maxAge: 60 * 60 * 1000 });
app.use((req, res, next) => {
  if (/\.[A-Za-z0-9]+$/.test(req.path)) publicFiles(req, res, next);
  else next();
});

app.use(hooks.observeAndGuard);

// Remix renders everything else, with the page caches its routes declare.
app.all("*", hooks.remix);

// Last resort for errors outside Remix (which renders its own error pages): a malformed URL or Host,
// a body too large or not a UTF-8 form, TRACE keep their 4xx; anything else is logged and answered 500.
app.use(hooks.lastResort);

// Slow senders (docs/limits.md): Node answers 408 and closes a connection whose headers, or whole
// request, take longer than these; it checks about four times per headers timeout (at most every second).
// Headers over Node's --max-http-header-size (16 KiB) are answered 431 by Node itself.
const { port: PORT, host: HOST, timeouts } = hooks.config;
const server = http.createServer(
  {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    connectionsCheckingInterval: Math.min(1_000, Math.ceil(timeouts.headersMs / 4)),
  },
  app,
);
server.keepAliveTimeout = timeouts.keepAliveMs;
server.listen(PORT, HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : PORT;
  log.info("Dracin is listening", { url: `http://${HOST === "0.0.0.0" ? "localhost" : HOST}:${port}` });
  // Under `npm run dev`, tells `remix dev` this build is being served.
  if (process.env.REMIX_DEV_ORIGIN) console.log(`[REMIX DEV] ${buildVersion} ready`);
});

/**
 * Graceful shutdown (docs/deploy.md): /readyz answers 503, no new
 * connections, idle keep-alive connections closed, in-flight requests finish
 * (at most DRAIN_TIMEOUT_MS, then exit 1), then the database is disconnected
 * and the process exits 0. A second signal exits at once.
 */
const DRAIN_TIMEOUT_MS = 10_000;
let draining = false;
function shutdown(signal: string) {
  if (draining) {
    log.warn("shutdown: second signal, exiting now", { signal });
    process.exit(1);
  }
  draining = true;
  hooks.startDraining();
  log.info("shutdown: draining, no new connections", { signal, timeoutMs: DRAIN_TIMEOUT_MS });
  setTimeout(() => {
    log.error("shutdown: requests still running after the drain timeout, exiting", { timeoutMs: DRAIN_TIMEOUT_MS });
    process.exit(1);
  }, DRAIN_TIMEOUT_MS).unref();
  // Requests that still arrive on open keep-alive connections are answered, then their connection closes.
  server.on("request", (_req, res) => {
    if (!res.headersSent) res.setHeader("Connection", "close");
  });
  server.close(() => {
    log.info("shutdown: in-flight requests finished, connections closed");
    // Mail sent in the background (reset links) goes out before the process does.
    hooks
      .flushMail()
      .catch((error: unknown) => log.error("shutdown: queued mail failed", { error }))
      .then(() => hooks.disconnectDatabases())
      .then(() => {
        log.info("shutdown: database disconnected, exiting");
        process.exit(0);
      })
      .catch((error: unknown) => {
        log.error("shutdown: database disconnect failed", { error });
        process.exit(1);
      });
  });
  server.closeIdleConnections();
  log.info("shutdown: idle keep-alive connections closed");
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
