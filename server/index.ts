/**
 * The HTTP server: compression, static files with long cache lifetimes for
 * hashed assets, and Remix for everything else. Everything it needs from
 * the app (request ids and the cross-site check, the progress fast path, the
 * Remix handler with its page caches, shutdown steps) comes from the Remix
 * build (app/utils/http-hooks.server.ts), so this bundle holds no app code
 * and every app module exists once per process.
 */
import http from "node:http";
import net from "node:net";
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

// The audit trail's jobs; another instance's AUDIT_HMAC_KEY stops the server like a bad variable.
let stopJobs: () => Promise<void>;
try {
  stopJobs = await hooks.startJobs();
} catch (error) {
  if (error instanceof Error && error.name === "ConfigError") {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

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

// Every response being written, for the shutdown below: it tells them to close their connection
// and names the ones it has to cut off. First listener, so it runs before the app answers.
const inFlight = new Set<http.ServerResponse>();
let draining = false;
server.prependListener("request", (_req: http.IncomingMessage, res: http.ServerResponse) => {
  inFlight.add(res);
  res.once("close", () => inFlight.delete(res));
  // Requests that still arrive on open keep-alive connections are answered, then their connection closes.
  if (draining) res.setHeader("Connection", "close");
});

/**
 * Graceful shutdown (docs/deploy.md): /readyz answers 503 and the server
 * stops listening (new connections are refused). Every response still to
 * come, and every one in flight that has not sent its headers, says
 * `Connection: close`, so a keep-alive connection closes after its current
 * response; one that carries no request closes when its keep-alive timeout
 * (announced to the client) runs out. Connections are never reset under a
 * request the client may be sending. Responses still running after
 * DRAIN_TIMEOUT_MS (a long export) are cut off: their sockets are destroyed,
 * so a streamed body ends without its terminating chunk and the client sees
 * an incomplete transfer; each is logged. Then mail is flushed, the audit
 * jobs stop (the seal in progress finishes), the database
 * disconnected, and the process exits 0 only when every response finished
 * (1 when one was cut off). A second signal exits 1 at once.
 */
const DRAIN_TIMEOUT_MS = 10_000;
/** After the drain timeout cut responses off, how long their connections get to close before the process exits anyway. */
const CUT_OFF_GRACE_MS = 2_000;
/** How long cut-off streams get to stop their producers and log it before the database is disconnected. */
const CUT_OFF_SETTLE_MS = 200;

function pathOf(res: http.ServerResponse): string {
  return (res.req.url ?? "").split("?")[0];
}

function shutdown(signal: string) {
  if (draining) {
    log.warn("shutdown: second signal, exiting now", { signal, responsesInFlight: inFlight.size });
    process.exit(1);
  }
  draining = true;
  hooks.startDraining();
  log.info("shutdown: draining, no new connections", {
    signal,
    timeoutMs: DRAIN_TIMEOUT_MS,
    responsesInFlight: inFlight.size,
  });
  for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
  let cutOff = 0;
  setTimeout(() => {
    for (const res of inFlight) {
      cutOff++;
      log.error("shutdown: response cut off at the drain timeout", {
        method: res.req.method,
        path: pathOf(res),
        requestId: res.getHeader("X-Request-Id"),
        timeoutMs: DRAIN_TIMEOUT_MS,
      });
      res.destroy();
    }
    // Keep-alive connections that carry no request go too: nothing may be sent on them any more.
    server.closeAllConnections();
    setTimeout(() => {
      log.error("shutdown: connections still open after the drain timeout, exiting", { cutOff });
      process.exit(1);
    }, CUT_OFF_GRACE_MS).unref();
  }, DRAIN_TIMEOUT_MS).unref();
  // net.Server's close, not http.Server's: the latter (Node >= 19) also destroys idle keep-alive
  // connections at once, racing a request the client may be sending on one (it would see a reset).
  net.Server.prototype.close.call(server, () => {
    if (cutOff === 0) log.info("shutdown: in-flight requests finished, connections closed");
    else log.error("shutdown: connections closed, some responses were cut off", { cutOff });
    const code = cutOff === 0 ? 0 : 1;
    // A cut-off stream stops its producer and logs what it cut in its own handlers: they run first.
    const settled = new Promise<void>((resolve) => setTimeout(resolve, cutOff === 0 ? 0 : CUT_OFF_SETTLE_MS));
    // Mail sent in the background (reset links) goes out before the process does.
    settled
      .then(() => hooks.flushMail())
      .catch((error: unknown) => log.error("shutdown: queued mail failed", { error }))
      .then(() => stopJobs())
      .catch((error: unknown) => log.error("shutdown: audit jobs failed to stop", { error }))
      .then(() => hooks.disconnectDatabases())
      .then(() => {
        log.info("shutdown: database disconnected, exiting", { code });
        process.exit(code);
      })
      .catch((error: unknown) => {
        log.error("shutdown: database disconnect failed", { error });
        process.exit(1);
      });
  });
  log.info("shutdown: not listening; keep-alive connections close after their current response or when idle", {
    responsesInFlight: inFlight.size,
  });
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
