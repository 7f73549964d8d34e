/**
 * OAuth sign-in, linking and connections, end to end through the real routes
 * and remix-auth-oauth2 against a real OAuth2 server on 127.0.0.1
 * (tests/helpers/fake-oauth-server.ts): POST /auth/<p> → the fake /authorize
 * (fetched with redirect: "manual") → the callback route with the returned
 * URL and the cookies → session, rows and audit rows.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseOAuthEnv, resetOAuthConfigForTests } from "~/auth/oauth-config.server";
import { action as connectionsAction, loader as connectionsLoader } from "~/routes/account_.connections";
import { loader as accountLoader } from "~/routes/account";
import { action as startAction, loader as startLoader } from "~/routes/auth.$provider";
import { loader as callbackLoader } from "~/routes/auth.$provider_.callback";
import { loader as loginLoader } from "~/routes/login";
import { loader as registerLoader } from "~/routes/register";
import { prisma } from "~/utils/db.server";
import { startFakeOAuthServer, type FakeIdentity, type FakeOAuthServer } from "../helpers/fake-oauth-server";
import { ORIGIN, cookieHeaderFrom, getRequest, postForm, setCookieFor } from "../helpers/requests";
import { callRoute, dataOf } from "../helpers/route";
import { SESSION_COOKIE, createUser, sessionCookieFrom, uniqueEmail } from "../helpers/users";

let fake: FakeOAuthServer;
const CUSTOM = "fakeid";

beforeAll(async () => {
  fake = await startFakeOAuthServer({
    redirectUris: ["fakeid", "github", "google"].map((id) => `${ORIGIN}/auth/${id}/callback`),
  });
  Object.assign(process.env, {
    OAUTH_CUSTOM_ID: CUSTOM,
    OAUTH_CUSTOM_NAME: "FakeID",
    OAUTH_CUSTOM_CLIENT_ID: fake.clientId,
    OAUTH_CUSTOM_CLIENT_SECRET: fake.clientSecret,
    OAUTH_CUSTOM_AUTHORIZE_URL: `${fake.url}/authorize`,
    OAUTH_CUSTOM_TOKEN_URL: `${fake.url}/token`,
    OAUTH_CUSTOM_USERINFO_URL: `${fake.url}/userinfo`,
    OAUTH_GITHUB_CLIENT_ID: fake.clientId,
    OAUTH_GITHUB_CLIENT_SECRET: fake.clientSecret,
    OAUTH_GITHUB_AUTHORIZE_URL: `${fake.url}/authorize`,
    OAUTH_GITHUB_TOKEN_URL: `${fake.url}/token`,
    OAUTH_GITHUB_API_URL: fake.url,
    OAUTH_GOOGLE_CLIENT_ID: fake.clientId,
    OAUTH_GOOGLE_CLIENT_SECRET: fake.clientSecret,
    OAUTH_GOOGLE_AUTHORIZE_URL: `${fake.url}/authorize`,
    OAUTH_GOOGLE_TOKEN_URL: `${fake.url}/token`,
    OAUTH_GOOGLE_USERINFO_URL: `${fake.url}/userinfo`,
  });
  resetOAuthConfigForTests();
});

afterAll(async () => {
  await fake.close();
});

beforeEach(() => {
  fake.reset();
});

let subjects = 0;
function identity(overrides: Partial<FakeIdentity> = {}): FakeIdentity {
  subjects += 1;
  return {
    sub: `sub-${process.pid}-${subjects}-${Math.random().toString(36).slice(2, 8)}`,
    email: uniqueEmail("oauth"),
    email_verified: true,
    name: "Oauth Person",
    ...overrides,
  };
}

/** Merges Cookie header values, later values winning per cookie name. */
function mergeCookies(...headers: (string | undefined)[]): string {
  const jar = new Map<string, string>();
  for (const header of headers) {
    for (const pair of (header ?? "").split(";")) {
      const trimmed = pair.trim();
      if (!trimmed) continue;
      jar.set(trimmed.split("=")[0], trimmed);
    }
  }
  return [...jar.values()].join("; ");
}

interface Started {
  /** The provider's authorization URL. */
  authorizeUrl: string;
  /** The flow cookies (state cookie + context cookie). */
  flowCookies: string;
  setCookies: string[];
}

async function start(provider: string, options: { redirectTo?: string; cookie?: string } = {}): Promise<Started> {
  const result = await callRoute(
    startAction,
    postForm(`/auth/${provider}`, { redirectTo: options.redirectTo ?? "/" }, { cookie: options.cookie }),
    { provider },
  );
  expect(result.status).toBe(303);
  return {
    authorizeUrl: result.headers.get("Location") ?? "",
    flowCookies: cookieHeaderFrom(result.headers),
    setCookies: result.headers.getSetCookie(),
  };
}

/** Visits the provider's /authorize like a browser, without following the redirect back. */
async function authorize(authorizeUrl: string): Promise<string> {
  const response = await fetch(authorizeUrl, { redirect: "manual" });
  expect(response.status, await response.clone().text()).toBe(302);
  return response.headers.get("Location") ?? "";
}

async function callback(provider: string, callbackUrl: string, cookie: string) {
  const url = new URL(callbackUrl);
  expect(url.origin).toBe(ORIGIN);
  expect(url.pathname).toBe(`/auth/${provider}/callback`);
  return callRoute(callbackLoader, getRequest(`${url.pathname}${url.search}`, { cookie }), { provider });
}

async function signInWith(provider: string, who: FakeIdentity, redirectTo = "/") {
  fake.setIdentity(who);
  const started = await start(provider, { redirectTo });
  const back = await authorize(started.authorizeUrl);
  return callback(provider, back, started.flowCookies);
}

/** The audit rows that exist now (ids are cuids, and timestamps can tie: a set, not a time). */
type Mark = Set<string>;
async function mark(): Promise<Mark> {
  return new Set((await prisma.auditLog.findMany({ select: { id: true } })).map((row) => row.id));
}

async function audits(where: { userId?: string; action?: string; since?: Mark }) {
  return prisma.auditLog.findMany({
    where: {
      ...(where.userId ? { userId: where.userId } : {}),
      ...(where.action ? { action: where.action } : {}),
      ...(where.since ? { id: { notIn: [...where.since] } } : {}),
    },
    orderBy: [{ timestamp: "asc" }, { id: "asc" }],
  });
}

async function failuresSince(since: Mark) {
  return (await audits({ action: "OAUTH_FAILURE", since })).map((row) => row.metadata as Record<string, unknown>);
}

describe("OAuth configuration", () => {
  it("enables Google and GitHub only with both id and secret, with the real endpoints by default", () => {
    const config = parseOAuthEnv({
      OAUTH_GOOGLE_CLIENT_ID: "g-id",
      OAUTH_GOOGLE_CLIENT_SECRET: "g-secret",
      OAUTH_GITHUB_CLIENT_ID: "only-the-id",
      OAUTH_GITHUB_CLIENT_SECRET: "  ",
    });
    expect(config.providers.map((provider) => provider.id)).toEqual(["google"]);
    expect(config.incomplete).toEqual(["github"]);
    expect(config.providers[0]).toMatchObject({
      authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth",
      tokenUrl: "https://oauth2.googleapis.com/token",
      userinfoUrl: "https://openidconnect.googleapis.com/v1/userinfo",
    });
    expect(parseOAuthEnv({}).providers).toEqual([]);
  });

  it("names the variable that is wrong", () => {
    expect(() => parseOAuthEnv({ OAUTH_CUSTOM_ID: "Not A Slug" })).toThrow(/OAUTH_CUSTOM_ID/);
    expect(() => parseOAuthEnv({ OAUTH_CUSTOM_ID: "github" })).toThrow(/OAUTH_CUSTOM_ID/);
    expect(() => parseOAuthEnv({ OAUTH_CUSTOM_ID: "sso", OAUTH_CUSTOM_CLIENT_ID: "x" })).toThrow(
      /OAUTH_CUSTOM_TOKEN_URL: is required when OAUTH_CUSTOM_ID is set/,
    );
    expect(() => parseOAuthEnv({ OAUTH_GITHUB_TOKEN_URL: "ftp://example.test" })).toThrow(/OAUTH_GITHUB_TOKEN_URL/);
  });

  it("reads the generic provider's scopes and label", () => {
    const config = parseOAuthEnv({
      OAUTH_CUSTOM_ID: "sso",
      OAUTH_CUSTOM_CLIENT_ID: "id",
      OAUTH_CUSTOM_CLIENT_SECRET: "secret",
      OAUTH_CUSTOM_AUTHORIZE_URL: "https://sso.example.test/authorize",
      OAUTH_CUSTOM_TOKEN_URL: "https://sso.example.test/token",
      OAUTH_CUSTOM_USERINFO_URL: "https://sso.example.test/userinfo",
      OAUTH_CUSTOM_SCOPES: "openid, email profile",
    });
    expect(config.providers).toEqual([
      expect.objectContaining({ id: "sso", label: "sso", kind: "oidc", scopes: ["openid", "email", "profile"] }),
    ]);
  });
});

describe("OAuth configuration on the pages", () => {
  it("shows a button for each enabled provider on /login and /register", async () => {
    const login = dataOf(await callRoute(loginLoader, getRequest("/login")));
    expect(login.providers).toEqual([
      { id: "google", label: "Google" },
      { id: "github", label: "GitHub" },
      { id: CUSTOM, label: "FakeID" },
    ]);
    const register = dataOf(await callRoute(registerLoader, getRequest("/register")));
    expect(register.providers.map((provider) => provider.id)).toEqual(["google", "github", CUSTOM]);
  });

  it("answers 404 for an unknown or disabled provider", async () => {
    for (const provider of ["facebook", "GOOGLE", "fake"]) {
      const post = await callRoute(startAction, postForm(`/auth/${provider}`, { redirectTo: "/" }), { provider });
      expect(post.status).toBe(404);
      const get = await callRoute(startLoader, getRequest(`/auth/${provider}`), { provider });
      expect(get.status).toBe(404);
      const back = await callRoute(callbackLoader, getRequest(`/auth/${provider}/callback?code=x&state=y`), {
        provider,
      });
      expect(back.status).toBe(404);
    }
  });

  it("refuses a cross-site start (CSRF)", async () => {
    const request = new Request(`${ORIGIN}/auth/${CUSTOM}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body: new URLSearchParams({ redirectTo: "/" }),
    });
    const result = await callRoute(startAction, request, { provider: CUSTOM });
    expect(result.status).toBe(403);
    // No token either (a browser that sends neither Origin nor Sec-Fetch-Site): refused too.
    const bare = new Request(`${ORIGIN}/auth/${CUSTOM}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ redirectTo: "/" }),
    });
    expect((await callRoute(startAction, bare, { provider: CUSTOM })).status).toBe(403);
  });

  it("GET /auth/<p> starts nothing: it shows the button", async () => {
    const result = await callRoute(startLoader, getRequest(`/auth/${CUSTOM}?redirectTo=%2Fmy-list`), {
      provider: CUSTOM,
    });
    expect(dataOf(result)).toEqual({ provider: { id: CUSTOM, label: "FakeID" }, redirectTo: "/my-list" });
    expect(result.headers.getSetCookie()).toEqual([]);
  });
});

describe("the authorization redirect", () => {
  it("sends state and an S256 PKCE challenge, with an httpOnly, Lax, path-limited state cookie", async () => {
    const started = await start(CUSTOM, { redirectTo: "/my-list" });
    const url = new URL(started.authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/authorize`);
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("client_id")).toBe(fake.clientId);
    expect(url.searchParams.get("redirect_uri")).toBe(`${ORIGIN}/auth/${CUSTOM}/callback`);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("state")).toMatch(/.{20,}/);
    expect(url.searchParams.get("scope")).toBe("openid email profile");

    const stateCookie = started.setCookies.find((cookie) => cookie.startsWith(`dracin_oauth_${CUSTOM}:`));
    expect(stateCookie).toBeDefined();
    expect(stateCookie).toMatch(/; HttpOnly/i);
    expect(stateCookie).toMatch(/; SameSite=Lax/i);
    expect(stateCookie).toMatch(new RegExp(`; Path=/auth/${CUSTOM}(;|$)`));
    expect(stateCookie).toMatch(/; Max-Age=600/);
    const flowCookie = started.setCookies.find((cookie) => cookie.startsWith("dracin_oauth_flow="));
    expect(flowCookie).toMatch(/; HttpOnly/i);
    expect(flowCookie).toMatch(/; Path=\/auth(;|$)/);
    // The verifier is in the cookie, never in the URL.
    expect(started.authorizeUrl).not.toContain("code_verifier");
  });
});

describe("signing in", () => {
  it("creates a user for a new identity and signs in, with audit rows and stored tokens", async () => {
    const since = await mark();
    const who = identity({ name: "New Viewer" });
    const result = await signInWith(CUSTOM, who, "/my-list");

    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/my-list");
    const session = sessionCookieFrom(result.headers);
    expect(session).toMatch(/^dracin_session=.+/);
    // The flow cookies are cleared.
    const cleared = result.headers.getSetCookie().filter((cookie) => /Max-Age=0/.test(cookie));
    expect(cleared.some((cookie) => cookie.startsWith(`dracin_oauth_${CUSTOM}:`))).toBe(true);
    expect(cleared.some((cookie) => cookie.startsWith("dracin_oauth_flow="))).toBe(true);

    const user = await prisma.user.findUniqueOrThrow({
      where: { email: who.email ?? "" },
      include: { accounts: true },
    });
    expect(user.name).toBe("New Viewer");
    expect(user.password).toBeNull();
    expect(user.emailVerified).toBeInstanceOf(Date);
    expect(user.accounts).toHaveLength(1);
    const [account] = user.accounts;
    expect(account).toMatchObject({ type: "oauth", provider: CUSTOM, providerAccountId: who.sub });
    expect(account.access_token).toMatch(/.{20,}/);
    expect(account.refresh_token).toMatch(/.{20,}/);
    expect(account.expires_at).toBeGreaterThan(Date.now() / 1000 + 3000);

    const rows = await audits({ userId: user.id });
    expect(rows.map((row) => row.action)).toEqual(["REGISTER", "OAUTH_LINK", "LOGIN_SUCCESS"]);
    expect(rows[2].metadata).toEqual({ method: CUSTOM });
    for (const row of await audits({ since })) {
      const text = JSON.stringify(row.metadata);
      expect(text).not.toContain(account.access_token);
      expect(text).not.toContain(account.refresh_token);
    }
    // The code was exchanged once, with the client credentials.
    expect(fake.tokenRequests).toEqual([{ clientAuth: "basic", ok: true }]);

    // The session works: the account page knows the user.
    const page = dataOf(await callRoute(accountLoader, getRequest("/account", { cookie: session })));
    expect(page.user.id).toBe(user.id);
    expect(page.connections.items.find((item) => item.id === CUSTOM)).toMatchObject({ connected: true });
  });

  it("signs into the same user when the identity is known", async () => {
    const who = identity();
    await signInWith(CUSTOM, who);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: who.email ?? "" } });
    const again = await signInWith(CUSTOM, { ...who, name: "Changed Name" });
    expect(again.status).toBe(303);
    expect(sessionCookieFrom(again.headers)).toMatch(/^dracin_session=/);
    expect(await prisma.user.count({ where: { email: who.email ?? "" } })).toBe(1);
    expect(await prisma.account.count({ where: { userId: user.id } })).toBe(1);
    const actions = (await audits({ userId: user.id })).map((row) => row.action);
    expect(actions).toEqual(["REGISTER", "OAUTH_LINK", "LOGIN_SUCCESS", "LOGIN_SUCCESS"]);
  });

  it("keeps the redirect on this site", async () => {
    const result = await signInWith(CUSTOM, identity(), "https://evil.example/steal");
    expect(result.headers.get("Location")).toBe("/");
  });

  it("creates an unverified user when the provider does not vouch for the email", async () => {
    const who = identity({ email_verified: false });
    const result = await signInWith(CUSTOM, who);
    expect(result.status).toBe(303);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: who.email ?? "" } });
    expect(user.emailVerified).toBeNull();
  });

  it("reads GitHub's /user and the primary email from /user/emails", async () => {
    const who = identity({ name: null });
    const result = await signInWith("github", who);
    expect(result.status).toBe(303);
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: who.email ?? "" },
      include: { accounts: true },
    });
    expect(user.emailVerified).toBeInstanceOf(Date);
    expect(user.name).toBe(who.sub); // the login, when GitHub has no display name
    expect(user.accounts[0].provider).toBe("github");
    expect(user.accounts[0].providerAccountId).toMatch(/^\d+$/);
  });

  it("reads Google's OIDC userinfo", async () => {
    const who = identity({ picture: "https://images.example.test/me.png" });
    const result = await signInWith("google", who);
    expect(result.status).toBe(303);
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: who.email ?? "" },
      include: { accounts: true },
    });
    expect(user.image).toBe("https://images.example.test/me.png");
    expect(user.accounts[0]).toMatchObject({ provider: "google", providerAccountId: who.sub });
    const rows = await audits({ userId: user.id, action: "LOGIN_SUCCESS" });
    expect(rows[0].metadata).toEqual({ method: "google" });
  });
});

describe("linking by email", () => {
  it("links to an existing user when both sides verified the email", async () => {
    const existing = await createUser({ email: uniqueEmail("verified") });
    await prisma.user.update({ where: { id: existing.id }, data: { emailVerified: new Date() } });
    const result = await signInWith(CUSTOM, identity({ email: existing.email }));

    expect(result.status).toBe(303);
    expect(sessionCookieFrom(result.headers)).toMatch(/^dracin_session=/);
    const accounts = await prisma.account.findMany({ where: { userId: existing.id } });
    expect(accounts).toHaveLength(1);
    const rows = await audits({ userId: existing.id });
    expect(rows.map((row) => row.action)).toEqual(["OAUTH_LINK", "LOGIN_SUCCESS"]);
    expect(rows[0].metadata).toEqual({ provider: CUSTOM, via: "verified_email" });
    expect(await prisma.user.count({ where: { email: existing.email } })).toBe(1);
  });

  it("does not link when the provider has not verified the email", async () => {
    const since = await mark();
    const existing = await createUser({ email: uniqueEmail("verified") });
    await prisma.user.update({ where: { id: existing.id }, data: { emailVerified: new Date() } });
    const result = await signInWith(CUSTOM, identity({ email: existing.email, email_verified: false }));

    expect(result.status).toBe(409);
    expect(setCookieFor(result.headers, SESSION_COOKIE)).toBeUndefined();
    expect(dataOf(result)).toMatchObject({ reason: "email_exists", retryHref: "/login?redirectTo=%2F" });
    expect(await prisma.account.count({ where: { userId: existing.id } })).toBe(0);
    expect(await failuresSince(since)).toEqual([{ provider: CUSTOM, reason: "email_exists", intent: "login" }]);
    const [row] = await audits({ action: "OAUTH_FAILURE", since });
    expect(row.entityId).toBe(existing.id);
  });

  it("does not link when the Dracin user has not verified the email", async () => {
    const since = await mark();
    const existing = await createUser({ email: uniqueEmail("unverified") });
    const result = await signInWith(CUSTOM, identity({ email: existing.email, email_verified: true }));

    expect(result.status).toBe(409);
    expect(dataOf(result).reason).toBe("email_exists");
    expect(setCookieFor(result.headers, SESSION_COOKIE)).toBeUndefined();
    expect(await prisma.account.count({ where: { userId: existing.id } })).toBe(0);
    expect(await failuresSince(since)).toEqual([{ provider: CUSTOM, reason: "email_exists", intent: "login" }]);
  });

  it("refuses an identity without an email", async () => {
    const result = await signInWith(CUSTOM, identity({ email: null }));
    expect(result.status).toBe(400);
    expect(dataOf(result).reason).toBe("no_email");
  });
});

describe("a disabled account", () => {
  async function loginFailuresSince(since: Mark) {
    return (await audits({ action: "LOGIN_FAILURE", since })).map((row) => ({
      userId: row.userId,
      metadata: row.metadata,
    }));
  }

  it("is refused with the wrong-password message and status, for a known identity and for linking", async () => {
    const who = identity();
    await signInWith(CUSTOM, who);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: who.email ?? "" } });
    await prisma.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    const since = await mark();

    const refused = await signInWith(CUSTOM, who);
    expect(refused.status).toBe(400);
    expect(dataOf(refused).message).toBe("login.invalid");
    expect(setCookieFor(refused.headers, SESSION_COOKIE)).toBeUndefined();
    expect(await loginFailuresSince(since)).toEqual([
      { userId: user.id, metadata: { reason: "disabled", provider: CUSTOM } },
    ]);
    expect(await audits({ action: "LOGIN_SUCCESS", since })).toEqual([]);

    // Linking a new identity by a verified email is refused the same way, and links nothing.
    const existing = await createUser({ email: uniqueEmail("disabled") });
    await prisma.user.update({
      where: { id: existing.id },
      data: { emailVerified: new Date(), disabledAt: new Date() },
    });
    const linking = await signInWith(CUSTOM, identity({ email: existing.email }));
    expect(linking.status).toBe(400);
    expect(dataOf(linking).message).toBe("login.invalid");
    expect(await prisma.account.count({ where: { userId: existing.id } })).toBe(0);

    // Enabled again, the identity signs in.
    await prisma.user.update({ where: { id: user.id }, data: { disabledAt: null } });
    const back = await signInWith(CUSTOM, who);
    expect(back.status).toBe(303);
    expect(sessionCookieFrom(back.headers)).toMatch(/^dracin_session=/);
  });
});

describe("provider and flow errors", () => {
  it("refuses a tampered state: 400, no code exchange, an OAUTH_FAILURE row", async () => {
    const since = await mark();
    fake.setIdentity(identity());
    const started = await start(CUSTOM);
    const back = new URL(await authorize(started.authorizeUrl));
    back.searchParams.set("state", "attacker-chosen-state-value-0000000000");
    const result = await callback(CUSTOM, back.href, started.flowCookies);

    expect(result.status).toBe(400);
    expect(dataOf(result)).toMatchObject({ reason: "bad_state", provider: { id: CUSTOM, label: "FakeID" } });
    expect(setCookieFor(result.headers, SESSION_COOKIE)).toBeUndefined();
    expect(fake.tokenRequests).toEqual([]);
    expect(await failuresSince(since)).toEqual([{ provider: CUSTOM, reason: "bad_state", intent: "login" }]);
  });

  it("refuses a callback without the state cookie (e.g. another browser)", async () => {
    const since = await mark();
    fake.setIdentity(identity());
    const started = await start(CUSTOM);
    const back = await authorize(started.authorizeUrl);

    const noCookies = await callback(CUSTOM, back, "");
    expect(noCookies.status).toBe(400);
    expect(dataOf(noCookies).reason).toBe("bad_state");

    // Only our context cookie, without remix-auth-oauth2's state cookie.
    const contextOnly = started.flowCookies
      .split("; ")
      .filter((pair) => pair.startsWith("dracin_oauth_flow="))
      .join("; ");
    const result = await callback(CUSTOM, back, contextOnly);
    expect(result.status).toBe(400);
    expect(dataOf(result).reason).toBe("bad_state");
    expect(fake.tokenRequests).toEqual([]);
    expect((await failuresSince(since)).map((row) => row.reason)).toEqual(["bad_state", "bad_state"]);
  });

  it("refuses a callback URL without state", async () => {
    const result = await callRoute(callbackLoader, getRequest(`/auth/${CUSTOM}/callback?code=abc`), {
      provider: CUSTOM,
    });
    expect(result.status).toBe(400);
    expect(dataOf(result).reason).toBe("missing_state");
  });

  it("ends on a friendly page when the user says no at the provider", async () => {
    const since = await mark();
    fake.setFaults({ authorizeError: "access_denied" });
    const started = await start(CUSTOM, { redirectTo: "/history" });
    const back = await authorize(started.authorizeUrl);
    expect(new URL(back).searchParams.get("error")).toBe("access_denied");
    const result = await callback(CUSTOM, back, started.flowCookies);

    expect(result.status).toBe(400);
    expect(dataOf(result)).toEqual({
      reason: "access_denied",
      provider: { id: CUSTOM, label: "FakeID" },
      retryHref: "/login?redirectTo=%2Fhistory",
    });
    expect(fake.tokenRequests).toEqual([]);
    expect(await failuresSince(since)).toEqual([{ provider: CUSTOM, reason: "access_denied", intent: "login" }]);
  });

  it("answers 502 when the token endpoint fails", async () => {
    const since = await mark();
    fake.setIdentity(identity());
    fake.setFaults({ tokenStatus: 500 });
    const started = await start(CUSTOM);
    const result = await callback(CUSTOM, await authorize(started.authorizeUrl), started.flowCookies);
    expect(result.status).toBe(502);
    expect(dataOf(result).reason).toBe("token_error");
    expect(await failuresSince(since)).toEqual([{ provider: CUSTOM, reason: "token_error", intent: "login" }]);
  });

  it("answers 502 when the code is refused (e.g. used twice)", async () => {
    fake.setIdentity(identity());
    const started = await start(CUSTOM);
    const back = await authorize(started.authorizeUrl);
    expect((await callback(CUSTOM, back, started.flowCookies)).status).toBe(303);
    const replay = await callback(CUSTOM, back, started.flowCookies);
    expect(replay.status).toBe(502);
    expect(dataOf(replay).reason).toBe("token_error");
    expect(fake.tokenRequests.map((request) => request.error ?? "ok")).toEqual(["ok", "invalid_grant"]);
  });

  it("answers 502 when the user info is malformed", async () => {
    const since = await mark();
    const who = identity();
    fake.setIdentity(who);
    fake.setFaults({ badUserinfo: true });
    for (const provider of [CUSTOM, "github"]) {
      const started = await start(provider);
      const result = await callback(provider, await authorize(started.authorizeUrl), started.flowCookies);
      expect(result.status).toBe(502);
      expect(dataOf(result).reason).toBe("bad_userinfo");
    }
    expect(await prisma.user.count({ where: { email: who.email ?? "" } })).toBe(0);
    expect((await failuresSince(since)).map((row) => row.reason)).toEqual(["bad_userinfo", "bad_userinfo"]);
  });

  it("answers 502 when the provider cannot be reached", async () => {
    const since = await mark();
    fake.setIdentity(identity());
    const started = await start(CUSTOM);
    const back = await authorize(started.authorizeUrl);
    const saved = process.env.OAUTH_CUSTOM_TOKEN_URL;
    process.env.OAUTH_CUSTOM_TOKEN_URL = "http://127.0.0.1:9/token";
    resetOAuthConfigForTests();
    try {
      const result = await callback(CUSTOM, back, started.flowCookies);
      expect(result.status).toBe(502);
      expect(dataOf(result).reason).toBe("network_error");
    } finally {
      process.env.OAUTH_CUSTOM_TOKEN_URL = saved;
      resetOAuthConfigForTests();
    }
    expect((await failuresSince(since)).map((row) => row.reason)).toEqual(["network_error"]);
  });
});

describe("connections on /account", () => {
  async function connect(provider: string, sessionCookie: string, who: FakeIdentity) {
    fake.setIdentity(who);
    const started = await callRoute(
      connectionsAction,
      postForm("/account/connections", { intent: "connect", provider }, { cookie: sessionCookie }),
    );
    expect(started.status).toBe(303);
    const authorizeUrl = started.headers.get("Location") ?? "";
    expect(authorizeUrl.startsWith(`${fake.url}/authorize?`)).toBe(true);
    const back = await authorize(authorizeUrl);
    return callback(provider, back, mergeCookies(sessionCookie, cookieHeaderFrom(started.headers)));
  }

  async function disconnect(provider: string, sessionCookie: string) {
    return callRoute(
      connectionsAction,
      postForm("/account/connections", { intent: "disconnect", provider }, { cookie: sessionCookie }),
    );
  }

  it("connects a provider to the signed-in user", async () => {
    const user = await createUser();
    const who = identity({ email: uniqueEmail("other-address"), email_verified: false });
    const result = await connect(CUSTOM, user.cookie, who);

    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/account");
    expect(setCookieFor(result.headers, "dracin_flash")).toBeDefined();
    // Still the same session: no new session cookie.
    expect(setCookieFor(result.headers, SESSION_COOKIE)).toBeUndefined();
    const accounts = await prisma.account.findMany({ where: { userId: user.id } });
    expect(accounts.map((account) => [account.provider, account.providerAccountId])).toEqual([[CUSTOM, who.sub]]);
    const rows = await audits({ userId: user.id, action: "OAUTH_LINK" });
    expect(rows.map((row) => row.metadata)).toEqual([{ provider: CUSTOM, via: "account_page" }]);
    // No user was created for the identity's email.
    expect(await prisma.user.count({ where: { email: who.email ?? "" } })).toBe(0);

    const page = dataOf(
      await callRoute(connectionsLoader, getRequest("/account/connections", { cookie: user.cookie })),
    );
    expect(page.items.find((item) => item.id === CUSTOM)?.connected).toBe(true);
    expect(page.items.find((item) => item.id === "github")?.connected).toBe(false);
    expect(page.hasPassword).toBe(true);
  });

  it("refuses an identity that belongs to another user, changing nothing", async () => {
    const since = await mark();
    const who = identity();
    await signInWith(CUSTOM, who);
    const owner = await prisma.user.findUniqueOrThrow({ where: { email: who.email ?? "" } });
    const other = await createUser();

    const result = await connect(CUSTOM, other.cookie, who);
    expect(result.status).toBe(409);
    expect(dataOf(result)).toMatchObject({ reason: "identity_taken", retryHref: "/account#connections-title" });
    expect(await prisma.account.count({ where: { userId: other.id } })).toBe(0);
    expect(await prisma.account.count({ where: { userId: owner.id } })).toBe(1);
    const rows = await audits({ action: "OAUTH_FAILURE", since });
    expect(rows.map((row) => [row.userId, row.metadata])).toEqual([
      [other.id, { provider: CUSTOM, reason: "identity_taken", intent: "link" }],
    ]);
  });

  it("needs the same signed-in user at the end of a connect flow", async () => {
    const user = await createUser();
    fake.setIdentity(identity());
    const started = await callRoute(
      connectionsAction,
      postForm("/account/connections", { intent: "connect", provider: CUSTOM }, { cookie: user.cookie }),
    );
    const back = await authorize(started.headers.get("Location") ?? "");
    // The session is gone by the time the browser comes back.
    const result = await callback(CUSTOM, back, cookieHeaderFrom(started.headers));
    expect(result.status).toBe(401);
    expect(dataOf(result).reason).toBe("not_signed_in");
    expect(await prisma.account.count({ where: { userId: user.id } })).toBe(0);
  });

  it("disconnects a provider of a user with a password", async () => {
    const user = await createUser();
    await connect(CUSTOM, user.cookie, identity());
    const result = await disconnect(CUSTOM, user.cookie);
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/account");
    expect(await prisma.account.count({ where: { userId: user.id } })).toBe(0);
    const rows = await audits({ userId: user.id, action: "OAUTH_UNLINK" });
    expect(rows.map((row) => row.metadata)).toEqual([{ provider: CUSTOM }]);
  });

  it("never removes the last way to sign in", async () => {
    const who = identity();
    const signedIn = await signInWith(CUSTOM, who);
    const session = sessionCookieFrom(signedIn.headers);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: who.email ?? "" } });

    const refused = await disconnect(CUSTOM, session);
    expect(refused.status).toBe(409);
    expect(dataOf(refused)).toEqual({ error: { key: "oauth.connections.lastMethod", provider: "FakeID" } });
    expect(await prisma.account.count({ where: { userId: user.id } })).toBe(1);
    expect(await audits({ userId: user.id, action: "OAUTH_UNLINK" })).toEqual([]);

    // With a second identity, the first can go; then the second is the last one.
    expect((await connect("github", session, identity())).status).toBe(303);
    expect((await disconnect(CUSTOM, session)).status).toBe(303);
    expect((await disconnect("github", session)).status).toBe(409);
    const remaining = await prisma.account.findMany({ where: { userId: user.id } });
    expect(remaining.map((account) => account.provider)).toEqual(["github"]);
  });

  it("answers 400 for a provider that is not connected or unknown, and needs sign-in", async () => {
    const user = await createUser();
    const notConnected = await disconnect("github", user.cookie);
    expect(notConnected.status).toBe(400);
    const unknown = await callRoute(
      connectionsAction,
      postForm("/account/connections", { intent: "connect", provider: "facebook" }, { cookie: user.cookie }),
    );
    expect(unknown.status).toBe(400);
    const anonymous = await callRoute(
      connectionsAction,
      postForm("/account/connections", { intent: "disconnect", provider: CUSTOM }),
    );
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});
