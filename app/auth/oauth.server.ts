/**
 * OAuth sign-in and account linking (docs/oauth.md).
 *
 * remix-auth-oauth2 runs the protocol: the authorization redirect with state
 * and PKCE (S256), the state cookie, the state check and the code exchange.
 * This module adds what Dracin needs around it:
 * - a signed context cookie bound to the flow's state (where to go after,
 *   and whether the flow signs in or connects an identity to the signed-in user);
 * - the user info (OIDC userinfo, or GitHub's /user and /user/emails), checked with zod;
 * - one failure type with a reason code for the friendly error page (and its audit row).
 * The linking rules and the Account rows live in app/models/accounts.server.ts.
 * Tokens go to the Account row only: never logged, never in audit metadata.
 */
import type { MessageKey } from "~/i18n";
import { requestLocale } from "~/i18n/locale.server";
import { createCookie, type AppLoadContext } from "@remix-run/node";
import {
  OAuth2RequestError,
  OAuth2Strategy,
  UnexpectedErrorResponseBodyError,
  UnexpectedResponseError,
} from "remix-auth-oauth2";
import { z } from "zod";
import type { OAuthProvider } from "~/auth/oauth-config.server";
import { connectIdentity, signInWithIdentity, type OAuthProfile, type StoredTokens } from "~/models/accounts.server";
import { writeAudit } from "~/models/audit.server";
import { getEnv } from "~/utils/env.server";
import { flashHeader } from "~/utils/flash.server";
import { log } from "~/utils/log.server";
import { safeRedirect } from "~/utils/redirect";
import { getRequestInfo, type RequestInfo } from "~/utils/request.server";
import { getUserId, startUserSession } from "~/utils/session.server";

/** Why a flow ended without signing in; each has a message on the error page (oauth.failure.<reason>). */
export const FAILURE_REASONS = [
  "missing_state",
  "bad_state",
  "access_denied",
  "provider_error",
  "token_error",
  "network_error",
  "bad_userinfo",
  "no_email",
  "email_exists",
  "identity_taken",
  "provider_already_connected",
  "not_signed_in",
  "conflict",
] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

const FAILURE_STATUS: Record<FailureReason, number> = {
  missing_state: 400,
  bad_state: 400,
  access_denied: 400,
  provider_error: 400,
  token_error: 502,
  network_error: 502,
  bad_userinfo: 502,
  no_email: 400,
  email_exists: 409,
  identity_taken: 409,
  provider_already_connected: 409,
  not_signed_in: 401,
  conflict: 409,
};

export class OAuthFailure extends Error {
  override name = "OAuthFailure";
  constructor(
    readonly reason: FailureReason,
    /** The user the failure concerns (e.g. the owner of the email), for the audit row. */
    readonly subjectUserId: string | null = null,
  ) {
    super(`OAuth failure: ${reason}`);
  }
  get status(): number {
    return FAILURE_STATUS[this.reason];
  }
}

export type Intent = "login" | "link";

// ---------------------------------------------------------------------------
// Cookies

const STATE_MAX_AGE = 10 * 60;

function stateCookieName(provider: OAuthProvider): string {
  // remix-auth-oauth2 appends ":<uuid>" to it.
  return `dracin_oauth_${provider.id}`;
}

function flowPath(provider: OAuthProvider): string {
  return `/auth/${provider.id}`;
}

/** Where the provider sends the browser back: PUBLIC_URL (or the request's origin) + /auth/<id>/callback. */
export function callbackUrl(request: Request, provider: OAuthProvider): string {
  const base = getEnv().PUBLIC_URL?.replace(/\/+$/, "") ?? new URL(request.url).origin;
  return `${base}/auth/${provider.id}/callback`;
}

const FlowContextSchema = z.object({
  /** provider id */
  p: z.string(),
  /** the state sent to the provider */
  s: z.string(),
  /** where to go afterwards (a safe local path) */
  r: z.string(),
  /** sign in, or connect to the signed-in user */
  i: z.enum(["login", "link"]),
  /** the signed-in user who started a "link" flow */
  u: z.string().nullable(),
});
type FlowContext = z.infer<typeof FlowContextSchema>;

let contextCookie: ReturnType<typeof createCookie> | undefined;

function flowContextCookie() {
  if (!contextCookie) {
    const env = getEnv();
    contextCookie = createCookie("dracin_oauth_flow", {
      httpOnly: true,
      sameSite: "lax",
      secure: env.NODE_ENV === "production",
      path: "/auth",
      maxAge: STATE_MAX_AGE,
      secrets: [env.SESSION_SECRET],
    });
  }
  return contextCookie;
}

async function readFlowContext(request: Request): Promise<FlowContext | null> {
  const value: unknown = await flowContextCookie().parse(request.headers.get("Cookie"));
  const parsed = FlowContextSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function cookieNames(request: Request): string[] {
  const header = request.headers.get("Cookie") ?? "";
  return header
    .split(";")
    .map((part) => part.trim().split("=")[0])
    .filter(Boolean);
}

/** Set-Cookie values that delete this flow's cookies (the state cookies and the context). */
async function clearFlowCookies(request: Request, provider: OAuthProvider): Promise<string[]> {
  const secure = getEnv().NODE_ENV === "production" ? "; Secure" : "";
  const prefix = `${stateCookieName(provider)}:`;
  const cleared = cookieNames(request)
    .filter((name) => name.startsWith(prefix) && /^[\w:-]+$/.test(name))
    .map((name) => `${name}=; Path=${flowPath(provider)}; Max-Age=0; HttpOnly; SameSite=Lax${secure}`);
  cleared.push(await flowContextCookie().serialize("", { maxAge: 0 }));
  return cleared;
}

// ---------------------------------------------------------------------------
// User info

const EmailValue = z.string().trim().toLowerCase().max(254).pipe(z.email());
const Verified = z
  .union([z.boolean(), z.enum(["true", "false"])])
  .transform((value) => value === true || value === "true");
const OptionalText = z
  .string()
  .nullish()
  .transform((value) => (value ? value.trim() : null));

const OidcUserinfoSchema = z.object({
  sub: z.union([z.string().trim().min(1).max(255), z.number().int().nonnegative()]).optional(),
  id: z.union([z.string().trim().min(1).max(255), z.number().int().nonnegative()]).optional(),
  email: EmailValue.nullish(),
  email_verified: Verified.nullish(),
  name: OptionalText,
  picture: OptionalText,
});

const GitHubUserSchema = z.object({
  id: z.number().int().nonnegative(),
  login: z.string().min(1).max(100),
  name: OptionalText,
  avatar_url: OptionalText,
});

const GitHubEmailsSchema = z.array(
  z.object({
    email: EmailValue,
    primary: z.boolean(),
    verified: z.boolean(),
  }),
);

type TokensOf = OAuth2Strategy.VerifyOptions["tokens"];

function storedTokens(tokens: TokensOf): StoredTokens {
  try {
    const access_token = tokens.accessToken();
    const refresh_token = tokens.hasRefreshToken() ? tokens.refreshToken() : null;
    let expires_at: number | null = null;
    if ("expires_in" in tokens.data && typeof tokens.data.expires_in === "number") {
      expires_at = Math.floor(Date.now() / 1000) + tokens.data.expires_in;
    }
    return { access_token, refresh_token, expires_at };
  } catch {
    throw new OAuthFailure("token_error");
  }
}

async function getJson(url: string, accessToken: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        Authorization: `Bearer ${accessToken}`,
        Accept: "application/json",
        "User-Agent": "Dracin",
      },
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new OAuthFailure("network_error");
  }
  if (!response.ok) throw new OAuthFailure("bad_userinfo");
  try {
    return await response.json();
  } catch {
    throw new OAuthFailure("bad_userinfo");
  }
}

function displayName(...candidates: (string | null | undefined)[]): string | null {
  for (const candidate of candidates) {
    const name = candidate?.trim();
    if (name) return name.slice(0, 60);
  }
  return null;
}

function httpUrl(value: string | null): string | null {
  if (!value || value.length > 2048) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

async function fetchProfile(provider: OAuthProvider, tokens: TokensOf): Promise<OAuthProfile> {
  const stored = storedTokens(tokens);
  if (provider.kind === "github") {
    const base = provider.apiUrl ?? "https://api.github.com";
    const user = GitHubUserSchema.safeParse(await getJson(`${base}/user`, stored.access_token));
    const emails = GitHubEmailsSchema.safeParse(await getJson(`${base}/user/emails`, stored.access_token));
    if (!user.success || !emails.success) throw new OAuthFailure("bad_userinfo");
    const primary = emails.data.find((entry) => entry.primary) ?? null;
    return {
      providerAccountId: String(user.data.id),
      email: primary?.email ?? null,
      emailVerified: primary?.verified ?? false,
      name: displayName(user.data.name, user.data.login),
      image: httpUrl(user.data.avatar_url),
      tokens: stored,
    };
  }
  const parsed = OidcUserinfoSchema.safeParse(await getJson(provider.userinfoUrl ?? "", stored.access_token));
  if (!parsed.success) throw new OAuthFailure("bad_userinfo");
  const subject = parsed.data.sub ?? parsed.data.id;
  if (subject === undefined || String(subject).length === 0) throw new OAuthFailure("bad_userinfo");
  const email = parsed.data.email ?? null;
  return {
    providerAccountId: String(subject),
    email,
    emailVerified: Boolean(email && parsed.data.email_verified),
    name: displayName(parsed.data.name, email?.split("@")[0]),
    image: httpUrl(parsed.data.picture),
    tokens: stored,
  };
}

function createStrategy(provider: OAuthProvider, request: Request): OAuth2Strategy<OAuthProfile> {
  return new OAuth2Strategy<OAuthProfile>(
    {
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      authorizationEndpoint: provider.authorizeUrl,
      tokenEndpoint: provider.tokenUrl,
      redirectURI: callbackUrl(request, provider),
      scopes: provider.scopes,
      cookie: {
        name: stateCookieName(provider),
        httpOnly: true,
        sameSite: "Lax",
        ...(getEnv().NODE_ENV === "production" ? { secure: true as const } : {}),
        // Only the callback ever reads it.
        path: flowPath(provider),
        maxAge: STATE_MAX_AGE,
      },
    },
    async ({ tokens }) => fetchProfile(provider, tokens),
  );
}

// ---------------------------------------------------------------------------
// Starting a flow

/**
 * The redirect to the provider's authorization page, with the state cookie
 * (state + PKCE verifier, set by remix-auth-oauth2) and the context cookie.
 */
export async function startOAuth(
  request: Request,
  provider: OAuthProvider,
  options: { intent: Intent; redirectTo: string; userId: string | null },
): Promise<Response> {
  const strategy = createStrategy(provider, request);
  // A bare GET of /auth/<id>: the strategy starts a flow when the URL has no state.
  const start = new Request(new URL(flowPath(provider), request.url));
  let thrown: unknown;
  try {
    await strategy.authenticate(start);
  } catch (error) {
    thrown = error;
  }
  const location = thrown instanceof Response ? thrown.headers.get("Location") : null;
  const state = location ? new URL(location).searchParams.get("state") : null;
  if (!(thrown instanceof Response) || !location || !state) {
    throw thrown instanceof Error ? thrown : new Error("remix-auth-oauth2 did not redirect to the provider");
  }
  const context: FlowContext = {
    p: provider.id,
    s: state,
    r: safeRedirect(options.redirectTo, options.intent === "link" ? "/account" : "/"),
    i: options.intent,
    u: options.intent === "link" ? options.userId : null,
  };
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const cookie of thrown.headers.getSetCookie()) headers.append("Set-Cookie", cookie);
  headers.append("Set-Cookie", await flowContextCookie().serialize(context));
  return new Response(null, { status: 303, headers });
}

// ---------------------------------------------------------------------------
// The callback

function classify(error: unknown, url: URL): FailureReason {
  if (error instanceof OAuthFailure) return error.reason;
  if (error instanceof OAuth2RequestError) {
    // An error in the callback URL (the user said no, or the provider refused),
    // or an error answer from the token endpoint.
    if (url.searchParams.has("error")) return error.code === "access_denied" ? "access_denied" : "provider_error";
    return "token_error";
  }
  if (error instanceof UnexpectedResponseError || error instanceof UnexpectedErrorResponseBodyError)
    return "token_error";
  // remix-auth-oauth2: no state cookie (ReferenceError) or another state (RangeError).
  if (error instanceof RangeError) return "bad_state";
  if (error instanceof ReferenceError) return /code/i.test(error.message) ? "provider_error" : "bad_state";
  // ArcticFetchError and fetch's TypeError: the provider could not be reached.
  return "network_error";
}

export interface FailurePage {
  reason: FailureReason;
  /** What the page says instead of `oauth.failure.<reason>`: login.invalid for a disabled account (told nothing more). */
  message?: MessageKey;
  provider: { id: string; label: string };
  /** Where "Try again" goes. */
  retryHref: string;
}

export type CallbackResult = { response: Response } | { failure: FailurePage; status: number; headers: Headers };

/** The callback's whole work: check the flow, exchange the code, link or create, sign in. Never throws for provider trouble. */
export async function handleCallback(
  request: Request,
  context: AppLoadContext,
  provider: OAuthProvider,
): Promise<CallbackResult> {
  const info = getRequestInfo(request, context);
  const url = new URL(request.url);
  const flow = await readFlowContext(request);
  const currentUserId = await getUserId(request);
  const clear = await clearFlowCookies(request, provider);
  const headers = new Headers({ "Cache-Control": "no-store" });
  for (const cookie of clear) headers.append("Set-Cookie", cookie);
  const intent: Intent = flow?.i ?? "login";
  const redirectTo = safeRedirect(flow?.r, intent === "link" ? "/account" : "/");

  try {
    const state = url.searchParams.get("state");
    if (!state) throw new OAuthFailure("missing_state");
    if (!flow || flow.p !== provider.id || flow.s !== state) throw new OAuthFailure("bad_state");
    if (intent === "link" && (!currentUserId || currentUserId !== flow.u)) throw new OAuthFailure("not_signed_in");

    const strategy = createStrategy(provider, request);
    // Only the URL and the cookies matter to the strategy.
    const profile = await strategy.authenticate(new Request(request.url, { headers: request.headers }));

    if (intent === "link" && currentUserId) {
      const connected = await connectIdentity(currentUserId, provider.id, profile, info);
      if (!connected.ok) throw new OAuthFailure(connected.reason);
      const response = new Response(null, { status: 303, headers });
      response.headers.set("Location", redirectTo);
      response.headers.append(
        "Set-Cookie",
        await flashHeader(connected.alreadyConnected ? "oauth.flash.alreadyConnected" : "oauth.flash.connected"),
      );
      return { response };
    }
    const signedIn = await signInWithIdentity(provider.id, profile, info, await requestLocale(request));
    if (!signedIn.ok) {
      if (signedIn.reason === "disabled") {
        return await refuseDisabled(signedIn.subjectUserId, provider, info, headers, redirectTo);
      }
      throw new OAuthFailure(signedIn.reason, signedIn.subjectUserId);
    }
    const response = await startUserSession(signedIn.userId, redirectTo, info, request);
    for (const cookie of clear) response.headers.append("Set-Cookie", cookie);
    response.headers.set("Cache-Control", "no-store");
    return { response };
  } catch (error) {
    const reason = classify(error, url);
    if (!(error instanceof OAuthFailure) && reason === "network_error") {
      // Unknown trouble: log the kind, never the request (it carries the code) or tokens.
      log.warn("oauth callback failed", {
        provider: provider.id,
        error: error instanceof Error ? error.name : "unknown",
      });
    }
    await writeAudit({
      action: "OAUTH_FAILURE",
      userId: intent === "link" ? currentUserId : null,
      entityType: error instanceof OAuthFailure && error.subjectUserId ? "User" : undefined,
      entityId: error instanceof OAuthFailure && error.subjectUserId ? error.subjectUserId : undefined,
      metadata: { provider: provider.id, reason, intent },
      info,
    });
    const retryHref =
      intent === "link" ? "/account#connections-title" : `/login?${new URLSearchParams({ redirectTo })}`;
    return {
      failure: { reason, provider: { id: provider.id, label: provider.label }, retryHref },
      status: FAILURE_STATUS[reason],
      headers,
    };
  }
}

/**
 * A disabled account signing in with a provider: the same message and status
 * as a wrong password on the sign-in form (400, login.invalid), audited as
 * LOGIN_FAILURE with the reason, which the viewer is never told.
 */
async function refuseDisabled(
  userId: string | null,
  provider: OAuthProvider,
  info: RequestInfo,
  headers: Headers,
  redirectTo: string,
): Promise<CallbackResult> {
  await writeAudit({
    action: "LOGIN_FAILURE",
    userId,
    entityType: userId ? "User" : undefined,
    entityId: userId ?? undefined,
    metadata: { reason: "disabled", provider: provider.id },
    info,
  });
  return {
    failure: {
      reason: "access_denied",
      message: "login.invalid",
      provider: { id: provider.id, label: provider.label },
      retryHref: `/login?${new URLSearchParams({ redirectTo })}`,
    },
    status: 400,
    headers,
  };
}
