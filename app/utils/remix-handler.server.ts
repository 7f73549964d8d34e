/**
 * Express -> Remix, in place of @remix-run/express's adapter, for two reasons
 * (docs/decisions/013-request-adapter.md):
 * - Memory: that adapter never aborts a request's signal once the response
 *   has finished, and Remix keeps a 5 s timer per document (its turbo-stream
 *   timeout) that is only cleared by that abort: each request's data stayed
 *   reachable for 5 s, hundreds of MB under load. Here the signal is aborted
 *   whenever the response closes, finished or not.
 * - The page caches, as the routes declare them (app/utils/cache-policy.server.ts
 *   plans each request): public pages are buffered, stored and served from
 *   memory for a few seconds (app/utils/page-cache.server.ts); per-viewer
 *   pages are kept per session and served only while the viewer's data reads
 *   the same (app/utils/private-page-cache.server.ts).
 * - Streamed bodies (the audit CSV) go out with backpressure, and stop when the
 *   response closes first (docs/decisions/020-streaming-exports.md).
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { createReadableStreamFromReadable, type AppLoadContext } from "@remix-run/node";
import express from "express";
import { mayStore, type CachePlan, type PagePolicy } from "~/utils/cache-policy.server";
import { cachedPage, type CachedPage, type PageCache, type PageStore } from "~/utils/page-cache.server";
import type { PrivatePageCache, Viewer } from "~/utils/private-page-cache.server";
import { log } from "~/utils/log.server";
import { readBodyWithin, RequestRefused } from "~/utils/request-body.server";
import { responseBytes } from "~/utils/responses.server";
import type { ViewerDataName } from "~/utils/route-handle";

type Handle = (request: Request, loadContext?: AppLoadContext) => Promise<Response>;

export interface RemixHandlerOptions {
  handle: Handle;
  getLoadContext: (req: express.Request, res: express.Response) => AppLoadContext;
  /** What each request's page may become, from its routes' declarations. */
  policy: PagePolicy;
  /**
   * The most a request body (a form post) may hold, and only forms are read
   * (app/utils/request-body.server.ts): checked before anything else runs, a
   * larger Content-Length is refused at once, and a body without one is refused
   * the moment it grows past this. None when absent (the body streams to Remix).
   */
  maxBodyBytes?: number;
  /** Public pages are cached here; none when absent. */
  cache?: PageCache;
  /** Signed-in pages are kept here per session; none when absent. */
  privateCache?: {
    cache: PrivatePageCache;
    /** The live session's user and the fingerprint of `viewerData`, read now; null when nobody is signed in. */
    viewer: (cookieHeader: string | undefined, viewerData: readonly ViewerDataName[]) => Promise<Viewer | null>;
  };
}

/** The absolute URL Remix sees: as @remix-run/express builds it (req.hostname honours "trust proxy"; the port is kept). */
function requestUrl(req: express.Request): string {
  const portOf = (host: string | undefined) => Number.parseInt(host?.split(":")[1] ?? "", 10);
  const forwardedPort = portOf(req.get("X-Forwarded-Host"));
  const hostPort = portOf(req.get("host"));
  const port = Number.isSafeInteger(forwardedPort) ? forwardedPort : Number.isSafeInteger(hostPort) ? hostPort : null;
  return `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`;
}

/** The abort reason of a request whose response was sent in full. */
const RESPONSE_FINISHED = new Error("the response was sent");

function toFetchRequest(req: express.Request, res: express.Response, url: string): Request {
  // Name and value pairs, as the Request takes them: a Headers object first would be filled, then iterated
  // (sorted) and copied into the Request's own.
  const headers: [string, string][] = [];
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (!raw[i].startsWith(":")) headers.push([raw[i], raw[i + 1]]);
  }
  const controller = new AbortController();
  // Always: a finished response releases whatever waits on the signal (Remix's stream timeout). A client that
  // left gets the standard AbortError; a finished response a shared reason (an AbortError per request,
  // with its stack, cost 2 % of a page's CPU).
  res.once("close", () => (res.writableFinished ? controller.abort(RESPONSE_FINISHED) : controller.abort()));
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method === "GET" || req.method === "HEAD") {
    // A Fetch Request cannot carry a body here (one that came was read and bounded, and is dropped).
  } else if (Buffer.isBuffer(req.body)) {
    // Read already, within the limit.
    if (req.body.length > 0) init.body = new Uint8Array(req.body);
  } else {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  return new Request(url, init);
}

/** A host name or IP literal and an optional port (RFC 3986 `host [":" port]`: no user info, no path). */
const HOST_HEADER = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~!$&'()*+,;=%-]+)(:\d{0,5})?$/;

/** Methods a Fetch Request refuses to carry (and no route answers): 405 before Remix is asked. */
const UNSUPPORTED_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);

/** As the compression middleware's threshold: smaller bodies go as they are. */
const COMPRESS_FROM_BYTES = 1024;

/** A kept page, from `store` under `key` (which makes and counts its compressed codings). */
function sendPage(
  req: express.Request,
  res: express.Response,
  { store, key, page }: { store: PageStore; key: string; page: CachedPage },
  state: string,
): void {
  res.status(page.status);
  for (const [name, value] of page.headers) res.append(name, value);
  res.set("ETag", page.etag);
  res.set("X-Page-Cache", state);
  res.vary("Accept-Encoding");
  // Compressed once per kept page (the compression middleware leaves an encoded body alone);
  // no Accept-Encoding means identity, as that middleware reads it.
  const worthIt = page.body.length >= COMPRESS_FROM_BYTES && Boolean(req.headers["accept-encoding"]);
  // Brotli first whenever the browser takes it, as the middleware prefers it.
  const encoding = !worthIt
    ? null
    : req.acceptsEncodings("br") === "br"
      ? "br"
      : req.acceptsEncodings("gzip") === "gzip"
        ? "gzip"
        : null;
  if (encoding) {
    res.set("Content-Encoding", encoding);
    // Express answers 304 to a matching If-None-Match (req.fresh) and omits the body for HEAD.
    res.send(store.encoded(key, page, encoding));
    return;
  }
  res.send(page.body);
}

function setHeaders(res: express.Response, response: Response): void {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers) {
    if (name !== "set-cookie") res.append(name, value);
  }
  for (const cookie of response.headers.getSetCookie()) res.append("Set-Cookie", cookie);
}

/** Documents and small bodies are sent in one piece; anything else (CSV exports, media) streams. */
function isWholeBody(response: Response): boolean {
  const type = response.headers.get("Content-Type") ?? "";
  return /^(text\/html|application\/json|text\/plain)/i.test(type);
}

/**
 * Streams a body to the response with node's stream.pipeline: the next chunk
 * is pulled only when the socket (or the compression middleware's zlib
 * stream) has taken the previous one ('drain'), so a slow client holds a
 * bounded amount of memory. Remix's writeReadableStreamToWritable ignores the
 * return value of write(): the whole body piled up in memory. When the
 * response closes before the end (the client went away, or shutdown cut it
 * off), the body is cancelled (its producer stops reading) and the socket is
 * destroyed: a chunked response then lacks its terminating chunk, so the
 * client sees an incomplete transfer, never a truncated "complete" file. The
 * same happens when the body fails half-way.
 */
export async function streamBody(body: ReadableStream<Uint8Array>, res: express.Response): Promise<void> {
  try {
    await pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), res);
  } catch (error) {
    const fields = { requestId: res.locals.requestId as unknown, path: res.req.path, status: res.statusCode };
    if ((error as NodeJS.ErrnoException | null)?.code === "ERR_STREAM_PREMATURE_CLOSE") {
      log.warn("response cut off before its end", fields);
    } else {
      log.error("response failed before its end", { ...fields, error });
    }
    res.destroy();
  }
}

/** Where a rendered page may be kept: the public cache under a key, or the session's under a key and viewer. */
type Keep = { kind: "public"; key: string } | { kind: "private"; key: string; viewer: Viewer } | null;

export function createRemixHandler({
  handle,
  getLoadContext,
  policy,
  maxBodyBytes,
  cache,
  privateCache,
}: RemixHandlerOptions): express.RequestHandler {
  const readBody = maxBodyBytes === undefined ? null : readBodyWithin(maxBodyBytes);
  async function render(
    req: express.Request,
    res: express.Response,
    url: string,
    plan: CachePlan["kind"],
    keep: Keep,
  ): Promise<void> {
    const finish = keep?.kind === "public" && cache ? cache.startRender(keep.key) : null;
    try {
      const context = { ...getLoadContext(req, res), cachePlan: plan };
      const response = await handle(toFetchRequest(req, res, url), context);
      if (finish && cache && keep?.kind === "public" && mayStore("public", response.status, response.headers)) {
        const page = cachedPage(response.status, response.headers, await responseBytes(response), cache.now());
        finish(page);
        sendPage(req, res, { store: cache, key: keep.key, page }, "miss");
        return;
      }
      finish?.(null);
      if (keep?.kind === "private" && privateCache && mayStore("per-viewer", response.status, response.headers)) {
        const page = cachedPage(
          response.status,
          response.headers,
          await responseBytes(response),
          privateCache.cache.now(),
        );
        privateCache.cache.store(keep.key, keep.viewer, page);
        sendPage(req, res, { store: privateCache.cache, key: keep.key, page }, "private-miss");
        return;
      }
      setHeaders(res, response);
      if (!response.body) {
        res.end();
      } else if (isWholeBody(response)) {
        res.end(await responseBytes(response));
      } else {
        await streamBody(response.body, res);
      }
    } catch (error) {
      finish?.(null);
      throw error;
    }
  }

  /** A signed-in page from the session's cache, or where to keep the one about to be rendered. */
  async function fromPrivateCache(
    req: express.Request,
    res: express.Response,
    { key, viewerData }: { key: string; viewerData: readonly ViewerDataName[] },
  ): Promise<Keep | "sent"> {
    if (!privateCache) return null;
    // Read before any render: a write that lands during the render changes the next request's fingerprint.
    const viewer = await privateCache.viewer(req.headers.cookie, viewerData);
    if (!viewer) return null;
    const page = privateCache.cache.lookup(key, viewer);
    if (!page) return { kind: "private", key, viewer };
    sendPage(req, res, { store: privateCache.cache, key, page }, "private-hit");
    return "sent";
  }

  return (req, res, next) => {
    if (UNSUPPORTED_METHODS.has(req.method)) {
      next(new RequestRefused(405, `method ${req.method} is not supported`, { Allow: "GET, HEAD, POST" }));
      return;
    }
    const url = requestUrl(req);
    // Every request names its host (HTTP/1.1 requires it; Node checks only the header's characters):
    // the URL, the cross-site checks and Remix's own need one.
    if (!HOST_HEADER.test(req.headers.host ?? "") || !URL.canParse(url)) {
      next(new RequestRefused(400, "the Host header is missing or does not name a host"));
      return;
    }
    const plan = policy.plan(req.method, req.path, url, req.headers);
    const serve = async () => {
      if (plan.kind === "public" && cache) {
        const { key } = plan;
        const found = cache.lookup(key);
        if (found?.state === "fresh") return sendPage(req, res, { store: cache, key, page: found.page }, "hit");
        const inFlight = cache.rendering(key);
        if (found && inFlight) return sendPage(req, res, { store: cache, key, page: found.page }, "stale");
        if (inFlight) {
          const page = await inFlight;
          if (page) return sendPage(req, res, { store: cache, key, page }, "hit");
        }
        return render(req, res, url, plan.kind, { kind: "public", key });
      }
      const keep = plan.kind === "per-viewer" ? await fromPrivateCache(req, res, plan) : null;
      if (keep !== "sent") await render(req, res, url, plan.kind, keep);
    };
    if (!readBody) {
      serve().catch(next);
      return;
    }
    readBody(req, res, (refused?: unknown) => {
      if (refused) next(refused);
      else serve().catch(next);
    });
  };
}
