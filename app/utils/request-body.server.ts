/**
 * The one home for what a request body may be (docs/limits.md): its size and
 * its type, checked by the HTTP server before any route runs. Every body is
 * read here, for the Remix routes and the progress beacon alike:
 * - a Content-Length over the limit is refused (413) before a byte is read;
 * - a body without one (chunked) is counted while it arrives and refused the
 *   moment it passes the limit: reading stops, nothing past the limit is kept,
 *   and the 413 goes out at once with `Connection: close`;
 * - only forms are read: `application/x-www-form-urlencoded`, in UTF-8 or with
 *   no charset, and no Content-Encoding; anything else is 415. No page sends
 *   multipart/form-data (there are no uploads), so it is refused too.
 * Refusals are errors with a `status`, answered by the last-resort handler
 * (app/utils/http-hooks.server.ts) in the request's language.
 */
import type http from "node:http";
import type express from "express";

/** The most a body may hold, in bytes: the largest form any page sends is a few kilobytes. */
export const BODY_LIMITS = {
  /** Every form post and action. */
  form: 64 * 1024,
  /** The player's progress save (a handful of short fields). */
  progress: 4 * 1024,
} as const;

/** An error that stands for a refused request: the last-resort handler answers its status. */
export class RequestRefused extends Error {
  override name = "RequestRefused";
  constructor(
    readonly status: number,
    message: string,
    /** Headers the answer must carry (e.g. `Allow` with a 405). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

const READABLE_TYPES = new Set(["application/x-www-form-urlencoded"]);

/** True when the request carries a body (a length above 0, or a chunked one). */
export function hasBody(headers: express.Request["headers"]): boolean {
  if (headers["transfer-encoding"] !== undefined) return true;
  const length = headers["content-length"];
  return length !== undefined && length !== "0";
}

/**
 * Why a body of this Content-Type and Content-Encoding cannot be read, or null when it can: a
 * form in UTF-8 (or without a charset), not compressed.
 */
export function unreadableBodyReason(
  contentType: string | undefined,
  contentEncoding: string | undefined,
): string | null {
  if (contentEncoding !== undefined && contentEncoding.trim().toLowerCase() !== "identity") {
    return `content encoding "${contentEncoding}" is not supported`;
  }
  const [mediaType = "", ...parameters] = (contentType ?? "").split(";");
  const type = mediaType.trim().toLowerCase();
  if (!READABLE_TYPES.has(type)) return `content type "${type || "(none)"}" is not supported`;
  for (const parameter of parameters) {
    const [name = "", value = ""] = parameter.split("=");
    if (name.trim().toLowerCase() !== "charset") continue;
    const charset = value
      .trim()
      .replace(/^"(.*)"$/, "$1")
      .toLowerCase();
    if (charset !== "utf-8") return `charset "${charset}" is not supported`;
  }
  return null;
}

/**
 * Reads the request body into `req.body` (a Buffer; empty when there is none), within `maxBytes`,
 * or passes a RequestRefused (413, 415; 400 when the client gives up half-way) to `next`. GET and
 * HEAD bodies are bounded the same way but their type is not checked: nothing reads them.
 */
export function readBodyWithin(maxBytes: number): express.RequestHandler {
  return (req, _res, next) => {
    if (!hasBody(req.headers)) {
      req.body = Buffer.alloc(0);
      next();
      return;
    }
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBytes) {
      next(new RequestRefused(413, `request body of ${declared} bytes is over the ${maxBytes}-byte limit`));
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      const reason = unreadableBodyReason(req.headers["content-type"], req.headers["content-encoding"]);
      if (reason) {
        next(new RequestRefused(415, reason));
        return;
      }
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (refused: RequestRefused | null) => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onClose);
      req.off("close", onClose);
      if (refused) {
        // Stop reading: the rest of the body is never taken off the socket, which closes after the answer.
        req.pause();
        chunks.length = 0;
        next(refused);
        return;
      }
      req.body = Buffer.concat(chunks, received);
      next();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        settle(new RequestRefused(413, `request body passed the ${maxBytes}-byte limit while being read`));
      } else chunks.push(chunk);
    };
    const onEnd = () => settle(null);
    const onClose = () => settle(new RequestRefused(400, "the client closed the request before its body was complete"));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onClose);
    req.on("close", onClose);
  };
}

/** How long a refused sender is given to read the answer and stop, before its connection is cut. */
export const LINGER_MS = 2_000;

/**
 * Closes a refused sender's connection without losing the answer: after the
 * answer, Node would close the socket at once while the client is still
 * sending, and a socket closed with unread bytes sends a TCP reset, which can
 * reach the client before it has read the answer (the answer is then lost).
 * Instead the answer is followed by a half-close (FIN): what still arrives is
 * read and dropped (nothing is kept) until the client closes its side, for at
 * most LINGER_MS.
 */
export function lingerOnClose(req: http.IncomingMessage): void {
  const socket = req.socket;
  // Node ends a `Connection: close` answer with destroySoon(): end the writing side instead, and keep reading.
  socket.destroySoon = () => {
    socket.end();
    req.resume();
    const cut = setTimeout(() => socket.destroy(), LINGER_MS);
    cut.unref();
    socket.once("close", () => clearTimeout(cut));
  };
}

/** The fields of a form body read by readBodyWithin (the last value of a repeated name wins). */
export function formFields(body: unknown): Record<string, string> {
  if (!Buffer.isBuffer(body) || body.length === 0) return {};
  return Object.fromEntries(new URLSearchParams(body.toString("utf8")));
}
