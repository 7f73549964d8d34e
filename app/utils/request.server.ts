/**
 * What the server knows about the caller of one request. The client IP comes
 * from the HTTP server (Express, which honours TRUST_PROXY) through Remix's
 * load context.
 */
import type { AppLoadContext } from "@remix-run/node";
import type { CsrfTokenSource } from "~/utils/csrf.server";

declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    /** Client IP as Express sees it (proxy-aware only with TRUST_PROXY). */
    clientIp?: string;
    /** This request's CSRF token, made only if the page renders it (app/utils/csrf.server.ts). */
    csrf?: CsrfTokenSource;
    /** The HTTP server may cache and share this page if it turns out the same for everyone (app/utils/page-cache.server.ts). */
    publicCandidate?: boolean;
    /** This request's id, also in the log and the X-Request-Id header. */
    requestId?: string;
  }
}

export interface RequestInfo {
  ipAddress: string | null;
  userAgent: string | null;
}

export function getRequestInfo(request: Request, context?: AppLoadContext): RequestInfo {
  const userAgent = request.headers.get("user-agent");
  return {
    ipAddress: context?.clientIp ?? null,
    userAgent: userAgent ? userAgent.slice(0, 512) : null,
  };
}
