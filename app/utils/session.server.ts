/**
 * Cookie sessions whose state lives in the Session table. The signed cookie
 * holds only an opaque token; sign-in always issues a fresh one.
 */
import crypto from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import {
  createSession,
  deleteSession,
  findSessionViewer,
  hashToken,
  type SessionViewer,
} from "~/models/sessions.server";
import { auditRefusal, refusedPath } from "~/models/authz-audit.server";
import { adoptVisitorCaptionStyle } from "~/utils/caption-style.server";
import type { UserWithVerification } from "~/models/users.server";
import { getEnv } from "~/utils/env.server";
import { pathWithSearch, safeRedirect } from "~/utils/redirect";
import { redirectFor } from "~/utils/htmx.server";
import { getRequestInfo, type RequestInfo } from "~/utils/request.server";
import { plainText } from "~/utils/responses.server";

const DAY_MS = 24 * 60 * 60 * 1000;

let cookie: ReturnType<typeof createCookie> | undefined;

export function sessionCookie() {
  if (!cookie) {
    const env = getEnv();
    cookie = createCookie("dracin_session", {
      httpOnly: true,
      sameSite: "lax",
      secure: env.NODE_ENV === "production",
      path: "/",
      secrets: [env.SESSION_SECRET],
      maxAge: env.SESSION_MAX_AGE_DAYS * 24 * 60 * 60,
    });
  }
  return cookie;
}

async function readToken(request: Request): Promise<string | null> {
  return readTokenFromHeader(request.headers.get("Cookie"));
}

async function readTokenFromHeader(cookieHeader: string | null | undefined): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(cookieHeader ?? null);
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The signed-in user and their saved language for a raw Cookie header (for handlers outside Remix). */
export async function getSessionViewerFromCookieHeader(
  cookieHeader: string | null | undefined,
): Promise<SessionViewer | null> {
  const token = await readTokenFromHeader(cookieHeader);
  return token ? findSessionViewer(token) : null;
}

/** The signed-in user for a raw Cookie header (for handlers outside Remix). */
export async function getUserIdFromCookieHeader(cookieHeader: string | null | undefined): Promise<string | null> {
  return (await getSessionViewerFromCookieHeader(cookieHeader))?.userId ?? null;
}

// One lookup per request, however many loaders ask.
const viewerByRequest = new WeakMap<Request, Promise<SessionViewer | null>>();

/** The signed-in user of this request, their saved language and account fields, or null (read once per request). */
export function getSessionViewer(request: Request): Promise<SessionViewer | null> {
  let pending = viewerByRequest.get(request);
  if (!pending) {
    pending = readToken(request).then((token) => (token ? findSessionViewer(token) : null));
    viewerByRequest.set(request, pending);
  }
  return pending;
}

export async function getUserId(request: Request): Promise<string | null> {
  return (await getSessionViewer(request))?.userId ?? null;
}

/**
 * The signed-in user's account (name, email, role, language, verification),
 * read with the session: no query of its own. Null when nobody is signed in.
 */
export async function getSessionUser(request: Request): Promise<UserWithVerification | null> {
  return (await getSessionViewer(request))?.user ?? null;
}

/** The stored (hashed) token of this request's session, to tell it apart from the user's others. */
export async function getSessionTokenHash(request: Request): Promise<string | null> {
  const token = await readToken(request);
  return token ? hashToken(token) : null;
}

export function loginPath(request: Request): string {
  return `/login?${new URLSearchParams({ redirectTo: pathWithSearch(request) })}`;
}

/** Throws a redirect to the sign-in page when nobody is signed in. */
export async function requireUserId(request: Request): Promise<string> {
  return (await requireUser(request)).id;
}

/** The signed-in user's account (as getSessionUser); throws a redirect to the sign-in page when nobody is signed in. */
export async function requireUser(request: Request): Promise<UserWithVerification> {
  const user = await getSessionUser(request);
  if (!user) throw redirectFor(request, loginPath(request));
  return user;
}

/**
 * Throws a redirect to the sign-in page when nobody is signed in, and a 403
 * Response when the signed-in user is not an admin (User.role = ADMIN); that
 * refusal is audited (AUTHZ_FAILURE, kind "admin").
 */
export async function requireAdmin(request: Request): Promise<string> {
  const user = await requireUser(request);
  if (user.role !== "ADMIN") {
    await auditRefusal({
      kind: "admin",
      userId: user.id,
      info: getRequestInfo(request),
      details: { method: request.method, path: refusedPath(request) },
    });
    throw await plainText(request, 403, "http.adminOnly");
  }
  return user.id;
}

/** Throws a redirect home when somebody is already signed in. */
export async function requireAnonymous(request: Request): Promise<void> {
  if (await getUserId(request)) throw redirect("/");
}

/**
 * Starts a session with a fresh token and redirects to a safe local path.
 * `info` (browser and IP) is shown on /account/sessions. With the sign-in's
 * `request`, a caption style the visitor chose goes to an account that has
 * none (docs/decisions/024-caption-style.md).
 */
export async function startUserSession(
  userId: string,
  redirectTo: string | null | undefined,
  info?: RequestInfo,
  request?: Request,
) {
  if (request) await adoptVisitorCaptionStyle(userId, request);
  const { token } = await createSession(userId, getEnv().SESSION_MAX_AGE_DAYS * DAY_MS, info);
  return redirect(safeRedirect(redirectTo), {
    status: 303,
    headers: { "Set-Cookie": await sessionCookie().serialize(token) },
  });
}

/** Deletes the session row and clears the cookie. */
export async function endUserSession(request: Request, redirectTo = "/") {
  const token = await readToken(request);
  if (token) await deleteSession(token);
  return redirect(redirectTo, {
    status: 303,
    headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) },
  });
}

/**
 * An opaque, stable key for a signed-in viewer (an HMAC of the user id, never
 * the id itself). The player scopes its offline save queue by it, so a shared
 * device never sends one viewer's saves under another's session.
 */
export function viewerKey(userId: string): string {
  return crypto
    .createHmac("sha256", getEnv().SESSION_SECRET)
    .update(`viewer:${userId}`)
    .digest("base64url")
    .slice(0, 22);
}
