/**
 * The page's CSRF token for the player's own requests (beacons and fetches
 * that htmx does not send). The server renders it once, in <body hx-headers>
 * (or its data-hx-headers spelling, which htmx reads too), for htmx; browsers
 * that send Origin do not need it, older ones do.
 */
export function csrfToken(): string | null {
  if (typeof document === "undefined") return null;
  const body = document.body;
  const raw = body?.getAttribute("data-hx-headers") ?? body?.getAttribute("hx-headers");
  if (!raw) return null;
  try {
    const headers: unknown = JSON.parse(raw);
    if (headers && typeof headers === "object" && "X-CSRF-Token" in headers) {
      const token = (headers as Record<string, unknown>)["X-CSRF-Token"];
      return typeof token === "string" ? token : null;
    }
  } catch {
    // A malformed attribute: send without a token (Origin still vouches for modern browsers).
  }
  return null;
}

/** Adds the token to a form body when the page has one. */
export function withCsrf(body: URLSearchParams): URLSearchParams {
  const token = csrfToken();
  if (token) body.set("_csrf", token);
  return body;
}
