/**
 * Throttling, not lockout: failed sign-ins are counted from LOGIN_FAILURE
 * audit rows per email+IP (5 in 15 minutes) and per IP (50); a throttled
 * attempt gets 429 with Retry-After, is audited, and never disables anything.
 */
import { describe, expect, it } from "vitest";
import { action as loginAction } from "~/routes/login";
import { checkThrottle, subjectKey, THROTTLES } from "~/models/throttle.server";
import { prisma } from "~/utils/db.server";
import { postForm } from "../helpers/requests";
import { callRoute, dataOf } from "../helpers/route";
import { createUser, uniqueEmail } from "../helpers/users";

let ipCounter = 0;
function freshIp(): string {
  ipCounter += 1;
  return `10.20.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`;
}

function login(fields: Record<string, string>, ip: string) {
  return callRoute(loginAction, postForm("/login", fields), {}, { clientIp: ip });
}

describe("sign-in throttling", () => {
  it("writes one LOGIN_THROTTLED row a minute for a flood of throttled sign-ins, not one each", async () => {
    const user = await createUser();
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await login({ email: user.email, password: `wrong ${i}` }, ip);
    for (let i = 0; i < 50; i++) {
      expect((await login({ email: user.email, password: `flood ${i}` }, ip)).status).toBe(429);
    }
    const rows = await prisma.auditLog.count({
      where: { action: "LOGIN_THROTTLED", entityId: subjectKey(user.email) },
    });
    expect(rows).toBe(1);
  });

  it("answers the sixth failure in 15 minutes with 429, Retry-After and a message, even with the right password", async () => {
    const user = await createUser();
    const ip = freshIp();
    for (let i = 0; i < 5; i++) {
      expect((await login({ email: user.email, password: `wrong ${i}` }, ip)).status).toBe(400);
    }
    const throttled = await login({ email: user.email, password: user.password }, ip);
    expect(throttled.status).toBe(429);
    const retryAfter = Number(throttled.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(dataOf(throttled)).toMatchObject({ formError: "security.throttled.login", retryMinutes: 15 });
    expect(throttled.headers.get("Set-Cookie")).toBeNull();

    const rows = await prisma.auditLog.findMany({
      where: { action: "LOGIN_THROTTLED", entityId: subjectKey(user.email) },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0].ipAddress).toBe(ip);
    // Never a lockout: the account itself is untouched and works from elsewhere.
    const elsewhere = await login({ email: user.email, password: user.password }, freshIp());
    expect(elsewhere.status).toBe(303);
  });

  it("counts per email: another email from the same IP is not throttled by the first one's failures", async () => {
    const ip = freshIp();
    const target = uniqueEmail("target");
    for (let i = 0; i < 5; i++) await login({ email: target, password: "nope nope" }, ip);
    expect((await login({ email: target, password: "nope nope" }, ip)).status).toBe(429);
    const other = await createUser();
    expect((await login({ email: other.email, password: other.password }, ip)).status).toBe(303);
  });

  it("limits an IP to 50 failures in 15 minutes across emails", async () => {
    const ip = freshIp();
    const now = new Date();
    await prisma.auditLog.createMany({
      data: Array.from({ length: 50 }, (_, i) => ({
        action: "LOGIN_FAILURE",
        entityType: "Subject",
        entityId: subjectKey(`spray-${i}@example.test`),
        ipAddress: ip,
        timestamp: new Date(now.getTime() - i * 1000),
      })),
    });
    const user = await createUser();
    const result = await login({ email: user.email, password: user.password }, ip);
    expect(result.status).toBe(429);
    expect(Number(result.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("forgets failures older than the window, and tells the caller when the oldest one leaves it", async () => {
    const ip = freshIp();
    const subject = subjectKey(uniqueEmail("old"));
    const now = new Date();
    const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
    await prisma.auditLog.createMany({
      data: [16, 20, 30, 40, 50].map((m) => ({
        action: "LOGIN_FAILURE",
        entityType: "Subject",
        entityId: subject,
        ipAddress: ip,
        timestamp: minutesAgo(m),
      })),
    });
    expect(await checkThrottle("login", { ip, subject }, now)).toEqual({ ok: true });
    await prisma.auditLog.createMany({
      data: [1, 2, 3, 4, 10].map((m) => ({
        action: "LOGIN_FAILURE",
        entityType: "Subject",
        entityId: subject,
        ipAddress: ip,
        timestamp: minutesAgo(m),
      })),
    });
    // The oldest of the five in the window is 10 minutes old: free again in 5 minutes.
    expect(await checkThrottle("login", { ip, subject }, now)).toEqual({ ok: false, retryAfterSeconds: 300 });
  });

  it("skips rules whose parts are unknown (no IP behind a misconfigured proxy)", async () => {
    const subject = subjectKey(uniqueEmail("noip"));
    expect(await checkThrottle("login", { ip: null, subject })).toEqual({ ok: true });
    expect(THROTTLES.login.map((rule) => rule.max)).toEqual([5, 50]);
  });
});

describe("registration throttling", () => {
  it("allows REGISTER_LIMIT_PER_HOUR (default 10) new accounts per IP per hour", async () => {
    const ip = freshIp();
    const now = new Date();
    await prisma.auditLog.createMany({
      data: Array.from({ length: 9 }, (_, i) => ({
        action: "REGISTER",
        ipAddress: ip,
        timestamp: new Date(now.getTime() - (i + 1) * 60_000),
      })),
    });
    expect(await checkThrottle("register", { ip }, now)).toEqual({ ok: true });
    await prisma.auditLog.create({
      data: { action: "REGISTER", ipAddress: ip, timestamp: new Date(now.getTime() - 59 * 60_000) },
    });
    // The oldest of the ten is 59 minutes old: one more in a minute.
    expect(await checkThrottle("register", { ip }, now)).toEqual({ ok: false, retryAfterSeconds: 60 });
  });
});

describe("re-authentication throttling", () => {
  it("counts wrong current passwords on /account, /account/sessions and /account/delete together: the sixth is 429", async () => {
    const { action: accountAction } = await import("~/routes/account");
    const { action: sessionsAction } = await import("~/routes/account_.sessions");
    const { action: deleteAction } = await import("~/routes/account_.delete");
    const user = await createUser();
    const wrong = "not my password at all";
    const attempts = [
      () =>
        callRoute(
          accountAction,
          postForm(
            "/account",
            { intent: "password", currentPassword: wrong, newPassword: "amber lantern river 7 tiger" },
            { cookie: user.cookie },
          ),
        ),
      () =>
        callRoute(
          sessionsAction,
          postForm("/account/sessions", { intent: "end-others", currentPassword: wrong }, { cookie: user.cookie }),
        ),
      () => callRoute(deleteAction, postForm("/account/delete", { currentPassword: wrong }, { cookie: user.cookie })),
    ];
    for (let i = 0; i < 5; i++) expect((await attempts[i % 3]()).status).toBe(400);
    for (const attempt of attempts) {
      const result = await attempt();
      expect(result.status).toBe(429);
      expect(Number(result.headers.get("Retry-After"))).toBeGreaterThan(0);
    }
    // Even the right password waits: nothing was deleted or changed.
    const right = await callRoute(
      deleteAction,
      postForm("/account/delete", { currentPassword: user.password }, { cookie: user.cookie }),
    );
    expect(right.status).toBe(429);
    expect(await prisma.user.count({ where: { id: user.id } })).toBe(1);
    const failures = await prisma.auditLog.findMany({ where: { action: "LOGIN_FAILURE", entityId: user.id } });
    expect(failures).toHaveLength(5);
    expect(failures.every((row) => (row.metadata as { reason?: string }).reason === "reauth")).toBe(true);
  });
});

describe("confirmation mail throttling per IP", () => {
  it("allows one mail per allowed registration plus 20 resends per hour (30 with the default 10 registrations)", async () => {
    const ip = freshIp();
    const now = new Date();
    await prisma.auditLog.createMany({
      data: Array.from({ length: 29 }, (_, i) => ({
        action: "EMAIL_VERIFICATION_REQUEST",
        ipAddress: ip,
        entityId: `user-${i}`,
        timestamp: new Date(now.getTime() - (i + 1) * 1000),
      })),
    });
    expect(await checkThrottle("verify", { ip, subject: "someone-new" }, now)).toEqual({ ok: true });
    await prisma.auditLog.create({
      data: { action: "EMAIL_VERIFICATION_REQUEST", ipAddress: ip, entityId: "user-x", timestamp: now },
    });
    expect((await checkThrottle("verify", { ip, subject: "someone-new" }, now)).ok).toBe(false);
  });
});
