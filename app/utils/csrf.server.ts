/**
 * Cross-site request forgery defence, in two layers (docs/decisions/010-csrf.md):
 * 1. Browsers say where a request comes from (Sec-Fetch-Site, Origin): the
 *    HTTP server refuses cross-site state changes (crossSiteReason), and a
 *    request that proves it is same-origin needs nothing more.
 * 2. A request that sends neither header (old browsers, some privacy tools)
 *    must carry the per-browser token: the `_csrf` form field, or the
 *    X-CSRF-Token header htmx sends. The token is an HMAC of a random secret
 *    kept in the httpOnly `dracin_csrf` cookie (signed double-submit cookie).
 * Every action reads its form through readForm(), which applies layer 2.
 */
import crypto from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { getEnv } from "~/utils/env.server";
import { translator, type MessageKey } from "~/i18n";
import { anonymousLocale } from "~/i18n/locale.server";
import { auditRefusal } from "~/models/authz-audit.server";
import { getRequestInfo, type RequestInfo } from "~/utils/request.server";
import { crossSiteReason } from "~/utils/security.server";
import { getUserId } from "~/utils/session.server";

export const CSRF_COOKIE = "dracin_csrf";
export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";
/** The status text of a refused form post: the 403 page offers the form again (app/root.tsx). */
export const FORM_REFUSED = "Form refused";

export function newCsrfSecret(): string {
  return crypto.randomBytes(24).toString("base64url");
}

/** The Set-Cookie value for a new secret (a browser-session cookie). */
export function csrfCookieHeader(secret: string): string {
  const secure = getEnv().NODE_ENV === "production" ? "; Secure" : "";
  return `${CSRF_COOKIE}=${secret}; Path=/; HttpOnly; SameSite=Lax${secure}`;
}

/** The secret from a Cookie header, if it carries a well-formed one. */
export function csrfSecretFrom(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === CSRF_COOKIE) {
      const value = rest.join("=");
      return /^[A-Za-z0-9_-]{32}$/.test(value) ? value : null;
    }
  }
  return null;
}

/** The token forms carry for a secret. */
export function csrfTokenFor(secret: string): string {
  return crypto.createHmac("sha256", getEnv().SESSION_SECRET).update(`csrf:${secret}`).digest("base64url");
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

interface HeaderSource {
  get(name: string): string | null;
}

/**
 * True when a state-changing request may go on: it proves it is same-origin
 * (Sec-Fetch-Site or a matching Origin), or it carries the right token.
 * Cross-site requests were already refused by the HTTP server; this check
 * refuses them too when it is reached another way (tests, other servers).
 */
export function csrfAllows(headers: HeaderSource, host: string | null, token: string | null | undefined): boolean {
  return csrfRefusal(headers, host, token) === null;
}

/** Why csrfAllows refuses a request (for its audit row), or null when it may go on. */
export function csrfRefusal(
  headers: HeaderSource,
  host: string | null,
  token: string | null | undefined,
): string | null {
  const crossSite = crossSiteReason("POST", headers, host);
  if (crossSite) return crossSite;
  const origin = headers.get("origin");
  // The browser vouched for the request (same-origin fetch metadata, or an Origin crossSiteReason accepted).
  if (headers.get("sec-fetch-site")) return null;
  if (origin) return host !== null ? null : "no host to compare the Origin with";
  const secret = csrfSecretFrom(headers.get("cookie"));
  if (!token) return "no Origin or Sec-Fetch-Site, and no CSRF token";
  if (!secret) return "CSRF token without its cookie";
  return sameToken(token, csrfTokenFor(secret)) ? null : "CSRF token does not match its cookie";
}

/**
 * Records a refused state change (AUTHZ_FAILURE, kind "csrf"; rate-limited, never throws). `userId` reads the
 * signed-in user, only when the row is written.
 */
export function auditCsrfRefusal(
  method: string,
  path: string,
  reason: string,
  info: RequestInfo,
  userId: () => Promise<string | null>,
): Promise<void> {
  return auditRefusal({ kind: "csrf", info, userId, details: { method, path, reason } });
}

/** A refusal in the request's language (from its own headers: thrown synchronously, no account is read). */
function refused(request: Request, status = 403, key: MessageKey = "http.csrfRefused"): Response {
  const locale = anonymousLocale(
    new URL(request.url),
    request.headers.get("Cookie"),
    request.headers.get("Accept-Language"),
  );
  return new Response(translator(locale)(key), {
    status,
    statusText: status === 403 ? FORM_REFUSED : undefined,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Language": locale },
  });
}

/**
 * Reads an action's form after the CSRF check; throws a 403 Response when the
 * request may not change anything, and a 415 when it holds no form (a POST
 * without a body or a Content-Type: the HTTP server refused any other body
 * that is not a form, app/utils/request-body.server.ts). Every action uses
 * this, never request.formData() directly (the dracin/csrf-action lint rule checks).
 */
export async function readForm(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.clone().formData();
  } catch {
    throw refused(request, 415, "http.unsupportedType");
  }
  const field = form.get(CSRF_FIELD);
  const token = typeof field === "string" ? field : request.headers.get(CSRF_HEADER);
  const reason = refusalOf(request, token);
  if (reason !== null) {
    await auditRefusalOf(request, reason);
    throw refused(request);
  }
  return form;
}

/**
 * For actions without a body (e.g. a bare POST): the same check on headers alone. It throws at once; the
 * refusal's audit row is written in the background.
 */
export function requireSameSite(request: Request): void {
  const reason = refusalOf(request, request.headers.get(CSRF_HEADER));
  if (reason === null) return;
  void auditRefusalOf(request, reason);
  throw refused(request);
}

function refusalOf(request: Request, token: string | null): string | null {
  return csrfRefusal(request.headers, new URL(request.url).host, token);
}

function auditRefusalOf(request: Request, reason: string): Promise<void> {
  const path = new URL(request.url).pathname;
  return auditCsrfRefusal(request.method, path, reason, getRequestInfo(request), () => getUserId(request));
}

/**
 * The token of the page being rendered, made only when the page asks for it
 * (a POST form's <CsrfField />, a signed-in page's data-hx-headers). A browser
 * without the cookie gets a new secret, which the document then issues
 * (app/entry.server.tsx). A page that never asks issues no cookie and holds
 * nothing per-browser, so an anonymous one may be cached and shared
 * (docs/decisions/012-cacheable-public-pages.md).
 */
export class CsrfTokenSource {
  #secret: string | null;
  #issued: string | null = null;
  #token: string | null = null;

  constructor(cookieHeader: string | null | undefined) {
    this.#secret = csrfSecretFrom(cookieHeader);
  }

  /** The token for this browser; issues a secret when it has none. */
  token(): string {
    if (this.#token) return this.#token;
    if (!this.#secret) this.#secret = this.#issued = newCsrfSecret();
    this.#token = csrfTokenFor(this.#secret);
    return this.#token;
  }

  /** True once the page rendered the token: its HTML is this browser's alone. */
  get used(): boolean {
    return this.#token !== null;
  }

  /** The Set-Cookie value the response must carry (a secret issued for this page), or null. */
  setCookie(): string | null {
    return this.#issued ? csrfCookieHeader(this.#issued) : null;
  }
}

/** The request's token source from the load context (one per request), or a fresh one from its cookie. */
export function csrfTokenSourceFor(request: Request, context?: AppLoadContext): CsrfTokenSource {
  return context?.csrf ?? new CsrfTokenSource(request.headers.get("cookie"));
}
