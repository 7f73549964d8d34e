/**
 * What the server knows about the caller of one request. The client IP comes
 * from the HTTP server (Express, which honours TRUST_PROXY) through Remix's
 * load context, and is also kept for the rest of the request (like the
 * request id on log lines), so guards that are handed only the Request
 * (requireAdmin, readForm) can name the caller in an audit row.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { AppLoadContext } from "@remix-run/node";
import type { CachePlan } from "~/utils/cache-policy.server";
import type { CsrfTokenSource } from "~/utils/csrf.server";

declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    /** Client IP as Express sees it (proxy-aware only with TRUST_PROXY). */
    clientIp?: string;
    /** This request's CSRF token, made only if the page renders it (app/utils/csrf.server.ts). */
    csrf?: CsrfTokenSource;
    /** What the page may become (app/utils/cache-policy.server.ts): "public" ones are shared if they turn out the same for everyone. */
    cachePlan?: CachePlan["kind"];
    /** This request's id, also in the log and the X-Request-Id header. */
    requestId?: string;
  }
}

export interface RequestInfo {
  ipAddress: string | null;
  userAgent: string | null;
}

const clientIpScope = new AsyncLocalStorage<{ clientIp: string | null }>();

/** Runs `fn` (the rest of a request) with its client IP at hand for getRequestInfo. */
export function withClientIp<T>(clientIp: string | null | undefined, fn: () => T): T {
  return clientIpScope.run({ clientIp: clientIp ?? null }, fn);
}

export function getRequestInfo(request: Request, context?: AppLoadContext): RequestInfo {
  return clientInfo(context?.clientIp ?? clientIpScope.getStore()?.clientIp, request.headers.get("user-agent"));
}

/** The caller from its address and User-Agent header (for handlers outside Remix). */
export function clientInfo(ipAddress: string | null | undefined, userAgent: string | null | undefined): RequestInfo {
  return { ipAddress: ipAddress ?? null, userAgent: userAgent ? userAgent.slice(0, 512) : null };
}
