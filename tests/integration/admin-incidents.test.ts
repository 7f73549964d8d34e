/**
 * Incident controls (docs/admin.md, "Incidents"): disabling and enabling an
 * account, the last-admin rules with disabled admins, "Sign everyone out"
 * with re-authentication, and /admin/sessions (filters, keyset pages, ending
 * one session). Real loaders and actions against the test database.
 */
import { describe, expect, it } from "vitest";
import { setAccountDisabled } from "~/models/incidents.server";
import { createSession, findSessionUserId } from "~/models/sessions.server";
import { createToken, verifyEmailWithToken } from "~/models/verification.server";
import { loader as accountLoader } from "~/routes/account";
import { action as sessionsAction, loader as sessionsLoader } from "~/routes/admin.sessions";
import { action as userAction, loader as userLoader } from "~/routes/admin.users.$userId";
import { loader as usersLoader } from "~/routes/admin.users._index";
import { action as loginAction } from "~/routes/login";
import { action as resetAction } from "~/routes/reset-password";
import { prisma } from "~/utils/db.server";
import { sessionCookie } from "~/utils/session.server";
import { getRequest, postForm, setCookieFor } from "../helpers/requests";
import { callRoute, dataOf } from "../helpers/route";
import { SESSION_COOKIE, createUser, signIn, type TestUser } from "../helpers/users";

const DAY_MS = 24 * 60 * 60 * 1000;
const INFO = { ipAddress: "127.0.0.1", userAgent: "test" };

async function createAdmin(name = "Incident Admin"): Promise<TestUser> {
  const user = await createUser({ name });
  await prisma.user.update({ where: { id: user.id }, data: { role: "ADMIN" }, select: { id: true } });
  return user;
}

/** Leaves `keep` as the only admin (tests in this file share one database). */
async function onlyAdmin(keep: TestUser): Promise<void> {
  await prisma.user.updateMany({ where: { role: "ADMIN", id: { not: keep.id } }, data: { role: "USER" } });
}

function postUser(target: { id: string }, cookie: string | undefined, fields: Record<string, string>) {
  return callRoute(userAction, postForm(`/admin/users/${target.id}`, fields, { cookie }), { userId: target.id });
}

function postSessions(cookie: string | undefined, fields: Record<string, string>, search = "") {
  return callRoute(sessionsAction, postForm(`/admin/sessions${search}`, fields, { cookie }));
}

function login(email: string, password: string) {
  return callRoute(loginAction, postForm("/login", { email, password, redirectTo: "/" }));
}

async function disabledAt(userId: string) {
  return (await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { disabledAt: true } })).disabledAt;
}

/** A cookie for a session of `userId` made directly (as a sign-in racing a disable would). */
async function cookieFor(userId: string, info = INFO, now = new Date()): Promise<string> {
  const { token } = await createSession(userId, DAY_MS, info, now);
  return (await sessionCookie().serialize(token)).split(";")[0];
}

async function isSignedIn(cookie: string): Promise<boolean> {
  return (await callRoute(accountLoader, getRequest("/account", { cookie }))).status === 200;
}

describe("who may use the incident controls", () => {
  it("sends visitors to sign in and answers 403 to viewers, changing nothing", async () => {
    const viewer = await createUser();
    const target = await createUser();
    const other = await signIn(target.email, target.password);
    const sessionsBefore = await prisma.session.count();
    const session = await prisma.session.findFirstOrThrow({ where: { userId: target.id }, select: { id: true } });

    const page = await callRoute(sessionsLoader, getRequest("/admin/sessions"));
    expect(page.status).toBe(303);
    expect(page.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fsessions");
    expect((await callRoute(sessionsLoader, getRequest("/admin/sessions", { cookie: viewer.cookie }))).status).toBe(
      403,
    );

    const attempts: [string | undefined, () => Promise<{ status: number; headers: Headers }>][] = [];
    for (const cookie of [undefined, viewer.cookie]) {
      attempts.push(
        [cookie, () => postSessions(cookie, { intent: "end-all", currentPassword: viewer.password })],
        [cookie, () => postSessions(cookie, { intent: "end-session", sessionId: session.id })],
        [cookie, () => postUser(target, cookie, { intent: "disable" })],
        [cookie, () => postUser(target, cookie, { intent: "enable" })],
      );
    }
    for (const [cookie, attempt] of attempts) {
      const result = await attempt();
      expect(result.status).toBe(cookie ? 403 : 303);
      if (!cookie) expect(result.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    }
    expect(await prisma.session.count()).toBe(sessionsBefore);
    expect(await disabledAt(target.id)).toBeNull();
    expect(await isSignedIn(other)).toBe(true);
    expect(
      await prisma.auditLog.count({
        where: { action: { in: ["ACCOUNT_DISABLE", "ACCOUNT_ENABLE", "SESSIONS_END_ALL", "SESSION_REVOKED"] } },
      }),
    ).toBe(0);
  });
});

describe("disabling and enabling an account", () => {
  it("ends every session, refuses sign-in like a wrong password, keeps the data, and enabling lets them back in", async () => {
    const admin = await createAdmin();
    const target = await createUser({ name: "Disabled Viewer" });
    const second = await signIn(target.email, target.password);
    await prisma.favorites.create({ data: { userId: target.id, dramaId: "moonlit-tea-house" }, select: { id: true } });

    const result = await postUser(target, admin.cookie, { intent: "disable" });
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe(`/admin/users/${target.id}`);
    expect(setCookieFor(result.headers, "dracin_flash")).toBeDefined();
    expect(await disabledAt(target.id)).toBeInstanceOf(Date);
    expect(await prisma.session.count({ where: { userId: target.id } })).toBe(0);
    for (const cookie of [target.cookie, second]) expect(await isSignedIn(cookie)).toBe(false);
    // The data stays.
    expect(await prisma.favorites.count({ where: { userId: target.id } })).toBe(1);
    expect(await isSignedIn(admin.cookie)).toBe(true);

    const audit = await prisma.auditLog.findMany({
      where: { action: "ACCOUNT_DISABLE", entityId: target.id },
      select: { userId: true, entityType: true, metadata: true },
    });
    expect(audit).toEqual([{ userId: admin.id, entityType: "User", metadata: { by: "admin", endedSessions: 2 } }]);

    // The page shows the state.
    const page = dataOf(
      await callRoute(userLoader, getRequest(`/admin/users/${target.id}`, { cookie: admin.cookie }), {
        userId: target.id,
      }),
    );
    expect(page.user.disabledAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(page.user.sessions).toHaveLength(0);
    const list = dataOf(
      await callRoute(
        usersLoader,
        getRequest(`/admin/users?q=${encodeURIComponent(target.email)}`, { cookie: admin.cookie }),
      ),
    );
    expect(list.users).toMatchObject([{ id: target.id, disabled: true, activeSessions: 0 }]);

    // The right password gets exactly the answer a wrong one gets.
    const refused = await login(target.email, target.password);
    const wrong = await login(target.email, "not the password at all");
    expect(refused.status).toBe(400);
    expect(refused.status).toBe(wrong.status);
    expect(dataOf(refused)).toEqual(dataOf(wrong));
    expect(dataOf(refused).formError).toBe("login.invalid");
    expect(setCookieFor(refused.headers, SESSION_COOKIE)).toBeUndefined();
    const failures = await prisma.auditLog.findMany({
      where: { action: "LOGIN_FAILURE", userId: target.id },
      select: { metadata: true, entityType: true },
    });
    expect(failures).toEqual([{ metadata: { reason: "disabled" }, entityType: "Subject" }]);

    // Disabling again changes nothing.
    expect((await postUser(target, admin.cookie, { intent: "disable" })).status).toBe(303);
    expect(await prisma.auditLog.count({ where: { action: "ACCOUNT_DISABLE", entityId: target.id } })).toBe(1);

    const enabled = await postUser(target, admin.cookie, { intent: "enable" });
    expect(enabled.status).toBe(303);
    expect(await disabledAt(target.id)).toBeNull();
    expect(
      await prisma.auditLog.findMany({
        where: { action: "ACCOUNT_ENABLE", entityId: target.id },
        select: { userId: true, entityType: true },
      }),
    ).toEqual([{ userId: admin.id, entityType: "User" }]);
    const back = await signIn(target.email, target.password);
    expect(await isSignedIn(back)).toBe(true);
  });

  it("treats a session of a disabled account as signed out, however it came to exist", async () => {
    const target = await createUser();
    await prisma.user.update({ where: { id: target.id }, data: { disabledAt: new Date() }, select: { id: true } });
    // A sign-in that passed its checks just before the disable writes its row just after.
    const { token } = await createSession(target.id, DAY_MS, INFO);
    expect(await findSessionUserId(token)).toBeNull();
    expect(await isSignedIn(target.cookie)).toBe(false);
    await prisma.user.update({ where: { id: target.id }, data: { disabledAt: null }, select: { id: true } });
    expect(await findSessionUserId(token)).toBe(target.id);
  });

  it("does not sign a disabled account in through a password reset or an email confirmation", async () => {
    const target = await createUser();
    await prisma.user.update({ where: { id: target.id }, data: { disabledAt: new Date() }, select: { id: true } });
    await prisma.session.deleteMany({ where: { userId: target.id } });

    const resetToken = await createToken("reset-password", target.email);
    const reset = await callRoute(
      resetAction,
      postForm("/reset-password", {
        token: resetToken,
        password: "a brand new river lantern",
        confirmPassword: "a brand new river lantern",
      }),
    );
    expect(reset.status).toBe(303);
    expect(reset.headers.get("Location")).toBe("/login");
    expect(setCookieFor(reset.headers, SESSION_COOKIE)).toMatch(/Max-Age=0/);
    expect((await login(target.email, "a brand new river lantern")).status).toBe(400);

    const verifyToken = await createToken("verify-email", target.email);
    expect((await verifyEmailWithToken(verifyToken, INFO)).status).toBe("verified");
    expect(await prisma.session.count({ where: { userId: target.id } })).toBe(0);
    expect(await disabledAt(target.id)).toBeInstanceOf(Date);
  });

  it("refuses to disable yourself: 409 with a message, nothing stored", async () => {
    const admin = await createAdmin();
    await createAdmin("Another Admin");
    const result = await postUser(admin, admin.cookie, { intent: "disable" });
    expect(result.status).toBe(409);
    expect(dataOf(result)).toEqual({ intent: "disable", formError: "incidents.user.self" });
    expect(await disabledAt(admin.id)).toBeNull();
    expect(await isSignedIn(admin.cookie)).toBe(true);
    expect(await prisma.auditLog.count({ where: { action: "ACCOUNT_DISABLE", entityId: admin.id } })).toBe(0);
    const page = dataOf(
      await callRoute(userLoader, getRequest(`/admin/users/${admin.id}`, { cookie: admin.cookie }), {
        userId: admin.id,
      }),
    );
    expect(page.isSelf).toBe(true);
  });

  it("counts only enabled admins for the last-admin rules", async () => {
    const admin = await createAdmin("Last Enabled Admin");
    await onlyAdmin(admin);
    const other = await createAdmin("Disabled Admin");
    expect((await postUser(other, admin.cookie, { intent: "disable" })).status).toBe(303);
    // A disabled admin cannot act at all.
    expect(await isSignedIn(other.cookie)).toBe(false);
    expect((await setAccountDisabled(admin.id, true, other.id, INFO)).ok).toBe(false);

    // `admin` is the last enabled admin: the role stays, whatever the disabled one's role says.
    const demote = await postUser(admin, admin.cookie, { intent: "change-role", role: "USER" });
    expect(demote.status).toBe(409);
    expect(dataOf(demote)).toEqual({ intent: "change-role", formError: "admin.user.lastAdmin" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
    // Demoting the disabled admin is fine: it leaves the number of enabled admins as it is.
    expect((await postUser(other, admin.cookie, { intent: "change-role", role: "USER" })).status).toBe(303);
  });

  it("keeps an enabled admin when two admins disable each other at once", async () => {
    const first = await createAdmin("Racer One");
    await onlyAdmin(first);
    const second = await createAdmin("Racer Two");
    const results = await Promise.allSettled([
      setAccountDisabled(first.id, true, second.id, INFO),
      setAccountDisabled(second.id, true, first.id, INFO),
    ]);
    const done = results.filter((result) => result.status === "fulfilled" && result.value.ok).length;
    expect(done).toBeLessThanOrEqual(1);
    expect(await prisma.user.count({ where: { role: "ADMIN", disabledAt: null } })).toBe(1);
  });

  it("answers 404 for an unknown user", async () => {
    const admin = await createAdmin();
    expect((await postUser({ id: "no-such-user" }, admin.cookie, { intent: "disable" })).status).toBe(404);
    expect((await postUser({ id: "no-such-user" }, admin.cookie, { intent: "enable" })).status).toBe(404);
  });
});

describe("/admin/sessions", () => {
  it("lists live sessions newest first, filters by email, IP and user, and pages with a cursor", async () => {
    const admin = await createAdmin();
    const tag = `kite${Date.now().toString(36)}`;
    const target = await createUser({ email: `${tag}-owner@example.test` });
    const ip = "2001:db8::77";
    const base = Date.now() - 60 * 60 * 1000;
    for (let index = 0; index < 55; index += 1) {
      await createSession(
        target.id,
        DAY_MS,
        { ipAddress: ip, userAgent: `Agent/${index}` },
        new Date(base + index * 1000),
      );
    }
    // Not listed: a disabled account's session, and an idle one.
    const disabled = await createUser({ email: `${tag}-disabled@example.test` });
    await prisma.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() }, select: { id: true } });
    await createSession(disabled.id, 60 * DAY_MS, { ipAddress: ip, userAgent: "x" }, new Date(base));
    await createSession(
      target.id,
      60 * DAY_MS,
      { ipAddress: ip, userAgent: "idle" },
      new Date(Date.now() - 30 * DAY_MS),
    );

    const first = await callRoute(
      sessionsLoader,
      getRequest(`/admin/sessions?email=${tag.toUpperCase()}`, { cookie: admin.cookie }),
    );
    expect(first.status).toBe(200);
    const one = dataOf(first);
    // The user's own 56 sessions (createUser's plus 55); the newest is the one createUser made.
    expect(one.rows).toHaveLength(50);
    expect(one.rows.every((row) => row.userId === target.id)).toBe(true);
    const seen = one.rows.map((row) => Date.parse(row.lastSeenAt));
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(one.olderHref).toMatch(/^\/admin\/sessions\?email=.+&after=/);
    expect(one.rows[1]).toMatchObject({ ipAddress: ip, userEmail: target.email });

    const two = dataOf(await callRoute(sessionsLoader, getRequest(one.olderHref ?? "", { cookie: admin.cookie })));
    expect(two.rows).toHaveLength(6);
    expect(two.olderHref).toBeNull();
    expect(two.paged).toBe(true);
    expect(new Set([...one.rows, ...two.rows].map((row) => row.id)).size).toBe(56);

    const byIp = dataOf(
      await callRoute(
        sessionsLoader,
        getRequest(`/admin/sessions?ip=${encodeURIComponent(ip)}`, { cookie: admin.cookie }),
      ),
    );
    expect(byIp.rows).toHaveLength(50);
    expect(byIp.rows.every((row) => row.ipAddress === ip)).toBe(true);
    const byUser = dataOf(
      await callRoute(sessionsLoader, getRequest(`/admin/sessions?user=${admin.id}`, { cookie: admin.cookie })),
    );
    expect(byUser.rows.map((row) => row.userId)).toEqual([admin.id]);
    expect(byUser.rows[0].current).toBe(true);

    for (const query of ["?ip=300.1.1.1", "?after=not-a-cursor", "?user=a%20b", `?email=${"x".repeat(300)}`]) {
      const bad = await callRoute(sessionsLoader, getRequest(`/admin/sessions${query}`, { cookie: admin.cookie }));
      expect(bad.status, query).toBe(400);
      expect(dataOf(bad).rows).toEqual([]);
    }
  });

  it("ends one session of another user, audited with the admin as actor", async () => {
    const admin = await createAdmin();
    const target = await createUser();
    const session = await prisma.session.findFirstOrThrow({ where: { userId: target.id }, select: { id: true } });

    const result = await postSessions(admin.cookie, { intent: "end-session", sessionId: session.id }, "?ip=127.0.0.1");
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/admin/sessions?ip=127.0.0.1");
    expect(await isSignedIn(target.cookie)).toBe(false);
    expect(await isSignedIn(admin.cookie)).toBe(true);
    expect(
      await prisma.auditLog.findMany({
        where: { action: "SESSION_REVOKED", entityId: session.id },
        select: { userId: true, entityType: true, metadata: true },
      }),
    ).toEqual([{ userId: admin.id, entityType: "Session", metadata: { by: "admin", userId: target.id } }]);

    const again = await postSessions(admin.cookie, { intent: "end-session", sessionId: session.id });
    expect(again.status).toBe(404);
    expect((await postSessions(admin.cookie, { intent: "nonsense" })).status).toBe(400);

    // Ending your own session signs you out.
    const own = await prisma.session.findFirstOrThrow({ where: { userId: admin.id }, select: { id: true } });
    const out = await postSessions(admin.cookie, { intent: "end-session", sessionId: own.id });
    expect(out.status).toBe(303);
    expect(out.headers.get("Location")).toBe("/login");
    expect(setCookieFor(out.headers, SESSION_COOKIE)).toMatch(/Max-Age=0/);
    expect(await isSignedIn(admin.cookie)).toBe(false);
  });
});

describe("signing everyone out", () => {
  it("needs the admin's password: a wrong one ends nothing, the right one ends every session", async () => {
    const admin = await createAdmin();
    const viewer = await createUser();
    const before = await prisma.session.count();
    expect(before).toBeGreaterThanOrEqual(2);

    const wrong = await postSessions(admin.cookie, { intent: "end-all", currentPassword: "not my password" });
    expect(wrong.status).toBe(400);
    expect(dataOf(wrong)).toMatchObject({
      intent: "end-all",
      errors: { currentPassword: "sessions.reauth.passwordWrong" },
    });
    const empty = await postSessions(admin.cookie, { intent: "end-all" });
    expect(empty.status).toBe(400);
    expect(dataOf(empty).errors.currentPassword).toBe("sessions.reauth.passwordRequired");
    expect(await prisma.session.count()).toBe(before);
    expect(await isSignedIn(viewer.cookie)).toBe(true);
    expect(await prisma.auditLog.count({ where: { action: "SESSIONS_END_ALL" } })).toBe(0);
    expect(
      await prisma.auditLog.count({ where: { action: "LOGIN_FAILURE", userId: admin.id, entityId: admin.id } }),
    ).toBe(1);

    const done = await postSessions(admin.cookie, { intent: "end-all", currentPassword: admin.password });
    expect(done.status).toBe(303);
    expect(done.headers.get("Location")).toBe("/login");
    expect(setCookieFor(done.headers, SESSION_COOKIE)).toMatch(/Max-Age=0/);
    expect(setCookieFor(done.headers, "dracin_flash")).toBeDefined();
    expect(await prisma.session.count()).toBe(0);
    expect(await isSignedIn(viewer.cookie)).toBe(false);
    expect(await isSignedIn(admin.cookie)).toBe(false);
    expect(
      await prisma.auditLog.findMany({
        where: { action: "SESSIONS_END_ALL" },
        select: { userId: true, metadata: true },
      }),
    ).toEqual([{ userId: admin.id, metadata: { sessions: before } }]);
  });

  it("throttles wrong passwords", async () => {
    const admin = await createAdmin();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await postSessions(admin.cookie, { intent: "end-all", currentPassword: "guess" })).status).toBe(400);
    }
    const throttled = await postSessions(admin.cookie, { intent: "end-all", currentPassword: admin.password });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await isSignedIn(admin.cookie)).toBe(true);
  });

  it("asks an admin without a password for a recent sign-in instead", async () => {
    const admin = await createAdmin("OAuth Admin");
    await prisma.user.update({ where: { id: admin.id }, data: { password: null }, select: { id: true } });
    const stale = await cookieFor(admin.id, INFO, new Date(Date.now() - 20 * 60 * 1000));
    const refused = await postSessions(stale, { intent: "end-all" });
    expect(refused.status).toBe(400);
    expect(dataOf(refused).formError).toBe("sessions.reauth.stale");
    expect(await isSignedIn(admin.cookie)).toBe(true);

    const page = dataOf(await callRoute(sessionsLoader, getRequest("/admin/sessions", { cookie: admin.cookie })));
    expect(page).toMatchObject({ hasPassword: false, freshSignIn: true });
    const done = await postSessions(admin.cookie, { intent: "end-all" });
    expect(done.status).toBe(303);
    expect(await prisma.session.count()).toBe(0);
  });
});
