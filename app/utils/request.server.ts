/**
 * What the server knows about the caller of one request. The client IP comes
 * from the HTTP server (Express, which honours TRUST_PROXY) through Remix's
 * load context.
 */
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

export function getRequestInfo(request: Request, context?: AppLoadContext): RequestInfo {
  const userAgent = request.headers.get("user-agent");
  return {
    ipAddress: context?.clientIp ?? null,
    userAgent: userAgent ? userAgent.slice(0, 512) : null,
  };
}
