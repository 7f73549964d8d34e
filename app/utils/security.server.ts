import { getEnv } from "~/utils/env.server";

/** Origins outside this site that pages may load images and media from (an HTTP catalog's). */
function catalogOrigins(): string[] {
  const env = getEnv();
  if (env.CATALOG_PROVIDER !== "http" || !env.CATALOG_API_URL) return [];
  return [new URL(env.CATALOG_API_URL).origin];
}

/**
 * The Content-Security-Policy of a document: scripts only from this site's
 * files (no inline scripts at all, so no nonce is needed: a document carries
 * nothing per-response and can be cached; no eval); nothing may
 * frame the page; forms post to this site (and to the OAuth providers'
 * sign-in pages they redirect to). Posters and streams may come from the
 * catalog's hosts (https, or the configured catalog API); video.js's HLS
 * engine needs blob: for media and its worker. Styles allow inline style
 * attributes (video.js sizes its elements that way); scripts never do.
 */
export function contentSecurityPolicy(formTargets: readonly string[] = []): string {
  const catalog = catalogOrigins().join(" ");
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    "script-src-attr 'none'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: https: ${catalog}`,
    `media-src 'self' blob: https: ${catalog}`,
    `connect-src 'self' https: ${catalog}`,
    "worker-src 'self' blob:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self' ${formTargets.join(" ")}`,
    "frame-ancestors 'none'",
  ];
  return directives.map((directive) => directive.trim().replace(/\s+/g, " ")).join("; ");
}

/** Security headers every document carries (its Cache-Control comes from app/utils/cache-policy.server.ts). */
export function setSecurityHeaders(headers: Headers, formTargets?: readonly string[]): void {
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set("Content-Security-Policy", contentSecurityPolicy(formTargets));
  if (getEnv().NODE_ENV === "production")
    headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

/**
 * Cross-site request check for state-changing methods: a browser request from
 * another site (Sec-Fetch-Site, or Origin as a fallback) is refused. Returns
 * a reason when the request must be refused, null when it may go on.
 */
export function crossSiteReason(
  method: string,
  headers: { get(name: string): string | null },
  host: string | null,
): string | null {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return null;
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return `Sec-Fetch-Site: ${site}`;
  const origin = headers.get("origin");
  if (origin === "null") return "Origin: null";
  // An empty Origin is no origin either (Remix would fail to parse it).
  if (origin !== null && host) {
    try {
      if (new URL(origin).host !== host) return `Origin ${origin} does not match host`;
    } catch {
      return "unparseable Origin";
    }
  }
  return null;
}
