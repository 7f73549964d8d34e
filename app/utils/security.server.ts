/** Response headers every document carries (a nonce-based CSP follows with the hardening work). */
export function setSecurityHeaders(headers: Headers): void {
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "private, no-cache");
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
  if (origin && origin !== "null" && host) {
    try {
      if (new URL(origin).host !== host) return `Origin ${origin} does not match host`;
    } catch {
      return "unparseable Origin";
    }
  } else if (origin === "null") {
    return "Origin: null";
  }
  return null;
}
