/**
 * Read-your-own-writes with a lagging read replica (DATABASE_REPLICA_URL).
 *
 * Every request that may change data (any method but GET/HEAD/OPTIONS) marks
 * the browser with a short-lived cookie; while it is present, `readDb()` reads
 * the primary, so the page after "Add to My List" or a progress save shows
 * it even if the replica is a few seconds behind. The cookie holds no data
 * (its presence is the signal, forging it only costs the primary a read),
 * lives on the client, and so works whichever instance serves the next request.
 */
import { getEnv } from "~/utils/env.server";

const COOKIE = "dracin_primary";

/** How long after a write the viewer reads the primary: longer than the replica's usual lag. */
export const READ_PRIMARY_SECONDS = 10;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** True for requests that may write: their response sets the cookie. */
export function mayWrite(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * The Set-Cookie value for the response to a request with this method: only
 * for writes, and only when a replica is configured (otherwise every read is
 * on the primary anyway).
 */
export function readPrimaryCookie(method: string): string | null {
  const env = getEnv();
  if (!env.DATABASE_REPLICA_URL || !mayWrite(method)) return null;
  const secure = env.NODE_ENV === "production" ? "; Secure" : "";
  return `${COOKIE}=1; Max-Age=${READ_PRIMARY_SECONDS}; Path=/; HttpOnly; SameSite=Lax${secure}`;
}

/** True when the request comes from a browser that wrote in the last READ_PRIMARY_SECONDS. */
export function wroteRecently(request: Request): boolean {
  const cookie = request.headers.get("Cookie");
  return cookie !== null && new RegExp(`(?:^|;\\s*)${COOKIE}=`).test(cookie);
}
