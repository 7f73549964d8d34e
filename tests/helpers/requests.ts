/** Requests as a browser (plain form posts) or htmx (HX-Request: true) sends them. */
export const ORIGIN = "http://localhost:3000";
export const TEST_USER_AGENT = "DracinTest/1.0 (vitest)";

export interface RequestOptions {
  /** A Cookie header value, e.g. from signInCookie(). */
  cookie?: string;
  /** Send the headers htmx sends. */
  htmx?: boolean;
  headers?: Record<string, string>;
}

function buildHeaders(options: RequestOptions): Headers {
  const headers = new Headers({ "User-Agent": TEST_USER_AGENT });
  if (options.cookie) headers.set("Cookie", options.cookie);
  if (options.htmx) {
    headers.set("HX-Request", "true");
    headers.set("HX-Current-URL", `${ORIGIN}/`);
  }
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
  return headers;
}

export function url(path: string): string {
  return new URL(path, ORIGIN).href;
}

export function getRequest(path: string, options: RequestOptions = {}): Request {
  return new Request(url(path), { method: "GET", headers: buildHeaders(options) });
}

export type FormFields = Record<string, string | number> | [string, string][];

/** A urlencoded form POST, as a <form method="post"> (or htmx's hx-post) sends it. */
export function postForm(path: string, fields: FormFields, options: RequestOptions = {}): Request {
  const body = new URLSearchParams(
    Array.isArray(fields) ? fields : Object.entries(fields).map(([key, value]) => [key, String(value)]),
  );
  const headers = buildHeaders(options);
  headers.set("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8");
  headers.set("Origin", ORIGIN);
  return new Request(url(path), { method: "POST", headers, body });
}

/** The `name=value` part of every Set-Cookie header, for a following request's Cookie header. */
export function cookieHeaderFrom(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

/** The one Set-Cookie header for a cookie name, or undefined. */
export function setCookieFor(headers: Headers, name: string): string | undefined {
  return headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
}
