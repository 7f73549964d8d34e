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
