/**
 * What the server knows about the caller of one request. The client IP comes
 * from the HTTP server (Express, which honours TRUST_PROXY) through Remix's
 * load context.
 */
import type { AppLoadContext } from "@remix-run/node";

declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    /** Client IP as Express sees it (proxy-aware only with TRUST_PROXY). */
    clientIp?: string;
    /** The CSRF secret issued with this response when the browser had none (app/utils/csrf.server.ts). */
    csrfSecret?: string;
    /** This response's Content-Security-Policy nonce (app/utils/security.server.ts). */
    cspNonce?: string;
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
