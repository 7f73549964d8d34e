/**
 * The HTTP server: compression, static files with long cache lifetimes for
 * hashed assets, the cross-site check, and Remix for everything else.
 */
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { ConfigError, getEnv } from "../app/utils/env.server";
import { CSRF_HEADER, CsrfTokenSource, csrfAllows } from "../app/utils/csrf.server";
import { log, withRequestId } from "../app/utils/log.server";
import { flushMail } from "../app/utils/mail.server";
import { metrics, normaliseRoute } from "../app/utils/metrics.server";
import { crossSiteReason } from "../app/utils/security.server";
import { handleProgressReport } from "../app/models/progress-report.server";
import { viewerFingerprint } from "../app/models/viewer-state.server";
import { getUserIdFromCookieHeader } from "../app/utils/session.server";
import { disconnectDatabases, readReplica } from "../app/utils/db.server";
import { readPrimaryCookie } from "../app/utils/read-your-writes.server";
import { startDraining } from "../app/utils/lifecycle.server";
import { PageCache } from "../app/utils/page-cache.server";
import { PrivatePageCache, type Viewer } from "../app/utils/private-page-cache.server";
import { createRemixHandler } from "./remix-handler";

let env: ReturnType<typeof getEnv>;
try {
  env = getEnv();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const root = process.cwd();
const build = (await import(pathToFileURL(path.join(root, "build", "index.js")).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", env.TRUST_PROXY);
/**
 * Gives the request an id (X-Request-Id, on every log line of the request),
 * counts and times it for /metrics and the log, and refuses cross-site state changes.
 */
const observeAndGuard: express.RequestHandler = (req, res, next) => {
  const started = process.hrtime.bigint();
  const requestId = crypto.randomUUID();
  res.locals.requestId = requestId;
  res.setHeader("X-Request-Id", requestId);
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    // Per-route counts and latencies for /metrics (a bounded label, never the raw URL).
    const route = normaliseRoute(req.path);
    metrics().httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
    metrics().httpDuration.observe({ method: req.method, route }, ms / 1000);
    log.info("request", { requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 });
  });
  const reason = crossSiteReason(req.method, { get: (name) => req.get(name) ?? null }, req.get("host") ?? null);
  if (reason) {
    log.warn("cross-site request refused", { method: req.method, path: req.path, reason });
    res.status(403).type("text/plain").send("This request did not come from Dracin and was refused.");
    return;
  }
  const readPrimary = readPrimaryCookie(req.method);
  if (readPrimary) res.append("Set-Cookie", readPrimary);
  withRequestId(requestId, next);
};

// Fast path for the player's progress beacons, ahead of compression and the
// static files (an empty answer needs neither): the same handler as the
// route action, without building a Fetch Request and matching routes
// (docs/decisions/005-progress-fast-path.md).
app.post(
  "/resources/progress",
  observeAndGuard,
  express.urlencoded({ extended: false, limit: "4kb" }),
  (req, res, next) => {
    const fields: unknown = req.body;
    const token = fields && typeof fields === "object" && "_csrf" in fields ? String(fields._csrf) : req.get(CSRF_HEADER);
    if (!csrfAllows({ get: (name) => req.get(name) ?? null }, req.get("host") ?? null, token)) {
      res.status(403).type("text/plain").send("This request did not come from Dracin and was refused.");
      return;
    }
    getUserIdFromCookieHeader(req.headers.cookie)
      .then((userId) => handleProgressReport(userId, fields && typeof fields === "object" ? { ...fields } : {}))
      .then((outcome) => {
        res.set("Cache-Control", "no-store");
        if (outcome.status === 204) res.status(204).end();
        else res.status(outcome.status).json({ error: outcome.error });
      })
      .catch(next);
  },
);

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
app.use((req, res, next) => (/\.[A-Za-z0-9]+$/.test(req.path) ? publicFiles(req, res, next) : next()));

app.use(observeAndGuard);

/**
 * The live session's user and their data's fingerprint, for the signed-in page cache.
 * Read where the page's own lists are read (the replica when there is one: a request
 * that carries the recent-write cookie is never served from that cache).
 */
async function currentViewer(cookieHeader: string | undefined): Promise<Viewer | null> {
  const userId = await getUserIdFromCookieHeader(cookieHeader);
  if (!userId) return null;
  const fingerprint = await viewerFingerprint(userId, readReplica());
  return fingerprint === null ? null : { userId, fingerprint };
}

// Remix renders everything else. Pages that are the same for every signed-out
// visitor are served from a few seconds' cache (docs/decisions/012-cacheable-public-pages.md);
// the CSRF token (and its cookie) is made only for pages that render it. The signed-in
// home is kept per session while the viewer's data stays the same (decision 016).
app.all(
  "*",
  createRemixHandler({
    handle: createRequestHandler(build, env.NODE_ENV === "production" ? "production" : "development"),
    cache: new PageCache(),
    privateCache: { cache: new PrivatePageCache(), viewer: currentViewer },
    getLoadContext: (req, res) => ({
      clientIp: req.ip,
      requestId: res.locals.requestId as string,
      csrf: new CsrfTokenSource(req.headers.cookie),
    }),
  }),
);

// Last resort for errors outside Remix (which renders its own error pages):
// logged with the request, answered without details.
app.use((error: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
  log.error("unhandled error", { error, method: req.method, path: req.path });
  if (res.headersSent) return next(error);
  res.status(500).type("text/plain").send("Something went wrong on our side. Please try again.");
});

const server = app.listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  log.info("Dracin is listening", { url: `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${port}` });
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
  startDraining();
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
    flushMail()
      .catch((error: unknown) => log.error("shutdown: queued mail failed", { error }))
      .then(() => disconnectDatabases())
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
