/**
 * What the HTTP server (server/index.ts) takes from the app, handed over
 * through the Remix build (`build.entry.module.createHttpHooks(build)`, see
 * app/entry.server.tsx). The server bundle itself holds no app code: the
 * database clients, metrics, catalog, mail queue and lifecycle state exist
 * once per process, in the Remix build.
 *
 * The server decides the order of things (the progress fast path ahead of
 * compression and static files, the Remix handler last); this module supplies
 * each piece.
 */
import crypto from "node:crypto";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import express from "express";
import { translator, type Locale, type MessageKey } from "~/i18n";
import { anonymousLocale } from "~/i18n/locale.server";
import { startAuditJobs } from "~/models/audit-jobs.server";
import { handleProgressReport } from "~/models/progress-report.server";
import { viewerFingerprint } from "~/models/viewer-state.server";
import { createPagePolicy } from "~/utils/cache-policy.server";
import { auditCsrfRefusal, CSRF_HEADER, CsrfTokenSource, csrfRefusal } from "~/utils/csrf.server";
import { disconnectDatabases, readReplica } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { startDraining } from "~/utils/lifecycle.server";
import { log, withRequestId } from "~/utils/log.server";
import { flushMail } from "~/utils/mail.server";
import { metrics, normaliseRoute } from "~/utils/metrics.server";
import { PageCache } from "~/utils/page-cache.server";
import { PrivatePageCache, type Viewer } from "~/utils/private-page-cache.server";
import { readPrimaryCookie } from "~/utils/read-your-writes.server";
import { createRemixHandler } from "~/utils/remix-handler.server";
import { BODY_LIMITS, RequestRefused, formFields, lingerOnClose, readBodyWithin } from "~/utils/request-body.server";
import type { ViewerDataName } from "~/utils/route-handle";
import { clientInfo, withClientIp } from "~/utils/request.server";
import { crossSiteReason } from "~/utils/security.server";
import { getSessionViewerFromCookieHeader, getUserIdFromCookieHeader } from "~/utils/session.server";

export interface HttpHooks {
  /** Where to listen, how to read the client's address, and how long slow senders may take (ms). */
  config: {
    port: number;
    host: string;
    trustProxy: boolean;
    timeouts: { headersMs: number; requestMs: number; keepAliveMs: number };
  };
  log: Pick<typeof log, "info" | "warn" | "error">;
  /**
   * First on every request: gives it an id (X-Request-Id, on every log line of
   * the request), counts and times it for /metrics and the log, and refuses
   * cross-site state changes.
   */
  observeAndGuard: express.RequestHandler;
  /**
   * The player's progress beacons, answered without building a Fetch Request
   * and matching routes (docs/decisions/005-progress-fast-path.md): the same
   * handler as the route action. Mount after observeAndGuard.
   */
  progressBeacon: express.RequestHandler[];
  /** Remix for every other request, with the page caches the routes declare. */
  remix: express.RequestHandler;
  /** Last, for errors outside Remix: a 4xx the error carries is kept; anything else is our bug (500, logged). */
  lastResort: express.ErrorRequestHandler;
  /**
   * Before listening: the audit trail's jobs (sealing sweep, daily retention;
   * app/models/audit-jobs.server.ts). Throws ConfigError when the chain was
   * sealed with another AUDIT_HMAC_KEY. Resolves with the function that stops them.
   */
  startJobs: () => Promise<() => Promise<void>>;
  /** Graceful shutdown: /readyz answers 503 from now on. */
  startDraining: () => void;
  /** Waits for mail sent in the background (reset links). */
  flushMail: () => Promise<void>;
  /** Closes the primary's and the replica's connections. */
  disconnectDatabases: () => Promise<void>;
}

/**
 * Plain-text answers outside Remix, in the language the request asks for: the signed-in viewer's saved
 * language when the handler has already read the session (`account`), else the URL, cookie and header.
 */
function localeFor(req: express.Request, account: string | null = null): Locale {
  let url: URL;
  try {
    url = new URL(req.originalUrl, "http://localhost");
  } catch {
    url = new URL("http://localhost/");
  }
  return anonymousLocale(url, req.headers.cookie, req.get("accept-language"), account);
}

function sendText(req: express.Request, res: express.Response, status: number, key: MessageKey): void {
  const locale = localeFor(req);
  res.status(status).type("text/plain").set("Content-Language", locale).send(translator(locale)(key));
}

/** The client error an error outside Remix stands for (express and body-parser set `status`), or null for our own bugs. */
function clientErrorStatus(error: unknown): number | null {
  if (typeof error !== "object" || error === null) return null;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const code = typeof status === "number" ? status : typeof statusCode === "number" ? statusCode : null;
  return code !== null && code >= 400 && code < 500 ? code : null;
}

const CLIENT_ERROR_MESSAGES: Partial<Record<number, MessageKey>> = {
  405: "http.methodNotAllowed",
  413: "http.tooLarge",
  415: "http.unsupportedType",
};

const lastResort: express.ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const status = clientErrorStatus(error);
  // The request id is on every line already (observeAndGuard), except for errors raised before it ran.
  const requestId = typeof res.locals.requestId === "string" ? res.locals.requestId : undefined;
  if (status === null) log.error("unhandled error", { requestId, error, method: req.method, path: req.path });
  else
    log.warn("request refused", {
      requestId,
      status,
      method: req.method,
      path: req.path,
      reason: error instanceof Error ? error.message : String(error),
    });
  if (res.headersSent || req.socket.destroyed) {
    // Too late to answer (the client left, or Node answered a timeout itself): end the connection, as express would.
    res.destroy();
    return;
  }
  res.set("Cache-Control", "no-store");
  if (error instanceof RequestRefused) res.set(error.headers);
  // A sender that was refused for its size, or before its body was read (415), need not go on sending: the
  // connection closes after this answer rather than Node reading the rest to reuse it.
  if (status === 413 || !req.complete) {
    res.set("Connection", "close");
    // What the sender is still sending is read and dropped until it stops, so the answer reaches it.
    if (!req.complete) lingerOnClose(req);
  }
  if (status === null) sendText(req, res, 500, "http.serverError");
  else sendText(req, res, status, CLIENT_ERROR_MESSAGES[status] ?? "http.badRequest");
};

/** The audit row of a state change refused outside Remix (AUTHZ_FAILURE, kind "csrf"; never rejects). */
function auditExpressRefusal(req: express.Request, reason: string): Promise<void> {
  const info = clientInfo(req.ip, req.get("user-agent"));
  return auditCsrfRefusal(req.method, req.path, reason, info, () => getUserIdFromCookieHeader(req.headers.cookie));
}

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
    log.info("request", {
      requestId,
      method: req.method,
      path: req.path,
      status: res.statusCode,
      ms: Math.round(ms * 10) / 10,
    });
  });
  const headers = { get: (name: string) => req.get(name) ?? null };
  // The Origin must match the Host, and the X-Forwarded-Host too when one is sent: Remix compares it with the
  // latter and throws (a 500) for a document post whose Origin differs; here that is a refusal.
  const forwardedHost = req.get("x-forwarded-host")?.split(",")[0]?.trim();
  const reason =
    crossSiteReason(req.method, headers, req.get("host") ?? null) ??
    (forwardedHost ? crossSiteReason(req.method, headers, forwardedHost) : null);
  if (reason) {
    log.warn("cross-site request refused", { method: req.method, path: req.path, reason });
    auditExpressRefusal(req, reason)
      .then(() => sendText(req, res, 403, "security.crossSite"))
      .catch(next);
    return;
  }
  const readPrimary = readPrimaryCookie(req.method);
  if (readPrimary) res.append("Set-Cookie", readPrimary);
  withRequestId(requestId, () => withClientIp(req.ip, next));
};

const saveProgress: express.RequestHandler = (req, res, next) => {
  const fields = formFields(req.body);
  const token = "_csrf" in fields ? fields._csrf : req.get(CSRF_HEADER);
  const reason = csrfRefusal({ get: (name) => req.get(name) ?? null }, req.get("host") ?? null, token);
  if (reason) {
    auditExpressRefusal(req, reason)
      .then(() => sendText(req, res, 403, "security.crossSite"))
      .catch(next);
    return;
  }
  answerProgressSave(req, res, fields).catch(next);
};

async function answerProgressSave(req: express.Request, res: express.Response, fields: Record<string, string>) {
  const viewer = await getSessionViewerFromCookieHeader(req.headers.cookie);
  const outcome = await handleProgressReport(viewer?.userId ?? null, fields);
  res.set("Cache-Control", "no-store");
  if (outcome.status === 204) {
    res.status(204).end();
    return;
  }
  // The session read above also gave the viewer's saved language: it wins, as on every page.
  const locale = localeFor(req, viewer?.locale ?? null);
  res
    .status(outcome.status)
    .set("Content-Language", locale)
    .json({ error: translator(locale)(outcome.error) });
}

/**
 * The live session's user and the fingerprint of the data a per-viewer page
 * declares. Read where the page's own lists are read (the replica when there
 * is one: a request that carries the recent-write cookie is never served
 * from that cache).
 */
async function currentViewer(
  cookieHeader: string | undefined,
  viewerData: readonly ViewerDataName[],
): Promise<Viewer | null> {
  const userId = await getUserIdFromCookieHeader(cookieHeader);
  if (!userId) return null;
  const fingerprint = await viewerFingerprint(userId, viewerData, readReplica());
  return fingerprint === null ? null : { userId, fingerprint };
}

/** The hooks for one Remix build. Throws ConfigError when the environment is invalid. */
export function createHttpHooks(build: ServerBuild): HttpHooks {
  const env = getEnv();
  return {
    config: {
      port: env.PORT,
      host: env.HOST,
      trustProxy: env.TRUST_PROXY,
      timeouts: {
        headersMs: env.HTTP_HEADERS_TIMEOUT_MS,
        requestMs: env.HTTP_REQUEST_TIMEOUT_MS,
        keepAliveMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      },
    },
    log,
    observeAndGuard,
    progressBeacon: [readBodyWithin(BODY_LIMITS.progress), saveProgress],
    // Public pages are served from a few seconds' cache (docs/decisions/012-cacheable-public-pages.md);
    // per-viewer pages are kept per session while the viewer's data stays the same (decision 016);
    // which page may be either is declared by its route (decision 017).
    remix: createRemixHandler({
      handle: createRequestHandler(build, env.NODE_ENV === "production" ? "production" : "development"),
      policy: createPagePolicy(build.routes),
      maxBodyBytes: BODY_LIMITS.form,
      cache: new PageCache(),
      privateCache: { cache: new PrivatePageCache(), viewer: currentViewer },
      getLoadContext: (req, res) => ({
        clientIp: req.ip,
        requestId: res.locals.requestId as string,
        csrf: new CsrfTokenSource(req.headers.cookie),
      }),
    }),
    lastResort,
    startJobs: startAuditJobs,
    startDraining,
    flushMail,
    disconnectDatabases,
  };
}
