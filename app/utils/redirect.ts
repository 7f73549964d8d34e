/**
 * Open-redirect protection: a redirect target taken from user input must be
 * a path on this site. Anything else falls back to a safe default.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2048) return fallback;
  // Must be an absolute path; "//host" and "/\host" are protocol-relative in browsers.
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Control characters (tab, newline) are stripped by URL parsers and can hide "//".
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  try {
    const base = "http://dracin.invalid";
    const url = new URL(to, base);
    if (url.origin !== base) return fallback;
    // Dot segments can collapse into "//host" ("/.//evil.com" -> "//evil.com").
    if (url.pathname.startsWith("//")) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

/** The current path and query of a request, for redirectTo links. */
export function pathWithSearch(request: Request): string {
  const url = new URL(request.url);
  return `${url.pathname}${url.search}`;
}
