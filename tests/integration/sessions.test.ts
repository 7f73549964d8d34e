/**
 * Session lifetime (idle timeout, absolute expiry, lastSeenAt at most once a
 * minute, both stored DateTime forms) and /account/sessions (list, end one,
 * end all others, ownership).
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  LAST_SEEN_INTERVAL_MS,
  createSession,
  findSessionUserId,
  hashToken,
  touchSession,
} from "~/models/sessions.server";
import { action as accountAction } from "~/routes/account";
import { action as sessionsAction, loader as sessionsLoader } from "~/routes/account_.sessions";
import { engine, prisma } from "~/utils/db.server";
import { getUserId, sessionCookie } from "~/utils/session.server";
import { getRequest, postForm, setCookieFor, TEST_USER_AGENT } from "../helpers/requests";
import { callRoute, dataOf, TEST_CLIENT_IP } from "../helpers/route";
import { createUser, signIn, uniqueEmail, type TestUser } from "../helpers/users";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
const IDLE_DAYS = 7; // the default SESSION_IDLE_DAYS (tests/setup does not set it)
const CHROME_ANDROID =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.135 Mobile Safari/537.36";
const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

async function cookieFor(token: string): Promise<string> {
  return (await sessionCookie().serialize(token)).split(";")[0];
}

async function signedInAs(cookie: string): Promise<string | null> {
  return getUserId(getRequest("/", { cookie }));
}

/** Another session of the user, with a browser and an address. */
async function addSession(userId: string, userAgent = CHROME_ANDROID, ipAddress = "203.0.113.7") {
  const { token } = await createSession(userId, 30 * DAY, { userAgent, ipAddress });
  const row = await prisma.session.findUniqueOrThrow({
    where: { sessionToken: hashToken(token) },
    select: { id: true },
  });
  return { id: row.id, token, cookie: await cookieFor(token) };
}

async function currentSessionId(user: TestUser): Promise<string> {
  const token: unknown = await sessionCookie().parse(user.cookie);
  if (typeof token !== "string") throw new Error("no token in the test cookie");
  const row = await prisma.session.findUniqueOrThrow({
    where: { sessionToken: hashToken(token) },
    select: { id: true },
  });
  return row.id;
}

/**
 * The stored values as the database holds them: SQLite's text (and its storage class), PostgreSQL's
 * timestamp(3) written out as "YYYY-MM-DDTHH:MM:SS.mmm" (and its type).
 */
async function storedText(sessionId: string) {
  type Stored = { createdAt: string; lastSeenAt: string; expires: string; kind: string };
  const rows =
    engine === "postgresql"
      ? await prisma.$queryRaw<Stored[]>`
        SELECT to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS "createdAt",
          to_char("lastSeenAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS "lastSeenAt",
          to_char("expires", 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS "expires", pg_typeof("lastSeenAt")::text AS "kind"
        FROM "Session" WHERE "id" = ${sessionId}`
      : await prisma.$queryRaw<Stored[]>`
        SELECT CAST("createdAt" AS TEXT) AS "createdAt", CAST("lastSeenAt" AS TEXT) AS "lastSeenAt",
          CAST("expires" AS TEXT) AS "expires", typeof("lastSeenAt") AS "kind"
        FROM "Session" WHERE "id" = ${sessionId}`;
  return rows[0];
}

/**
 * A session row as the migration left pre-existing ones: createdAt/lastSeenAt from DEFAULT CURRENT_TIMESTAMP;
 * `lastSeenModifier` ("-5 minutes") moves lastSeenAt from now the way the database itself would write it.
 */
async function insertLegacySession(userId: string, lastSeenModifier?: string) {
  const id = `legacy-${Math.random().toString(36).slice(2)}`;
  const token = `legacy-token-${Math.random().toString(36).slice(2)}`;
  const expires = new Date(Date.now() + 20 * DAY);
  await prisma.$executeRaw`
    INSERT INTO "Session" ("id", "sessionToken", "userId", "expires") VALUES (${id}, ${hashToken(token)}, ${userId}, ${expires})`;
  if (lastSeenModifier && engine === "postgresql") {
    // CURRENT_TIMESTAMP into timestamp(3): the connection's time zone (UTC) decides the stored wall time.
    await prisma.$executeRaw`
      UPDATE "Session" SET "lastSeenAt" = CURRENT_TIMESTAMP + CAST(${lastSeenModifier} AS interval) WHERE "id" = ${id}`;
  } else if (lastSeenModifier) {
    // The same text form CURRENT_TIMESTAMP writes ("YYYY-MM-DD HH:MM:SS", UTC).
    await prisma.$executeRaw`
      UPDATE "Session" SET "lastSeenAt" = strftime('%Y-%m-%d %H:%M:%S', 'now', ${lastSeenModifier}) WHERE "id" = ${id}`;
  }
  return { id, token };
}

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe(`how DateTime values are stored (Prisma 6.19, ${engine})`, () => {
  if (engine === "postgresql") {
    it("Prisma and DEFAULT CURRENT_TIMESTAMP both write timestamp(3) holding UTC", async () => {
      const user = await createUser();
      const sessionId = await currentSessionId(user);
      const prismaRow = await storedText(sessionId);
      expect(prismaRow.kind).toBe("timestamp without time zone");
      const { lastSeenAt, expires } = await prisma.session.findUniqueOrThrow({
        where: { id: sessionId },
        select: { lastSeenAt: true, expires: true },
      });
      expect(`${prismaRow.lastSeenAt}Z`).toBe(lastSeenAt.toISOString());
      expect(`${prismaRow.expires}Z`).toBe(expires.toISOString());

      const legacy = await insertLegacySession(user.id);
      const legacyRow = await storedText(legacy.id);
      expect(Math.abs(new Date(`${legacyRow.createdAt}Z`).getTime() - Date.now())).toBeLessThan(5 * SECOND);
      expect(Math.abs(new Date(`${legacyRow.lastSeenAt}Z`).getTime() - Date.now())).toBeLessThan(5 * SECOND);
    });
  }

  if (engine === "sqlite") {
    it("Prisma writes ISO-8601 text with +00:00; DEFAULT CURRENT_TIMESTAMP writes 'YYYY-MM-DD HH:MM:SS'", async () => {
      const user = await createUser();
      const prismaRow = await storedText(await currentSessionId(user));
      expect(prismaRow.kind).toBe("text");
      expect(prismaRow.lastSeenAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
      expect(prismaRow.expires).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);

      const legacy = await insertLegacySession(user.id);
      const legacyRow = await storedText(legacy.id);
      expect(legacyRow.kind).toBe("text");
      expect(legacyRow.createdAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(legacyRow.lastSeenAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      // The two forms do not compare as text: the same instant sorts differently.
      expect("2026-11-27 13:00:00" < "2026-11-27T12:00:00.000+00:00").toBe(true);
    });
  }

  it("a legacy row (CURRENT_TIMESTAMP) is live and gets an ISO lastSeenAt once it is over a minute old", async () => {
    const user = await createUser();
    const legacy = await insertLegacySession(user.id, "-5 minutes");
    expect(await findSessionUserId(legacy.token)).toBe(user.id);
    const after = await storedText(legacy.id);
    if (engine === "sqlite") expect(after.lastSeenAt).toMatch(/T.*\+00:00$/);
    const { lastSeenAt } = await prisma.session.findUniqueOrThrow({
      where: { id: legacy.id },
      select: { lastSeenAt: true },
    });
    expect(Math.abs(lastSeenAt.getTime() - Date.now())).toBeLessThan(5 * SECOND);
  });

  it("a legacy row idle for longer than SESSION_IDLE_DAYS ends, and one just inside it does not", async () => {
    const user = await createUser();
    const idle = await insertLegacySession(user.id, `-${IDLE_DAYS * 24 + 1} hours`);
    const inside = await insertLegacySession(user.id, `-${IDLE_DAYS * 24 - 3} hours`);
    expect(await findSessionUserId(idle.token)).toBeNull();
    expect(await prisma.session.count({ where: { id: idle.id } })).toBe(0);
    expect(await findSessionUserId(inside.token)).toBe(user.id);
  });

  it("reads legacy rows as UTC whatever the server's time zone", async () => {
    // $queryRaw would turn "YYYY-MM-DD HH:MM:SS" into LOCAL time: 7 hours off in Jakarta,
    // which would end this session (idle 6 days 21 hours) too early.
    process.env.TZ = "Asia/Jakarta";
    expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(-420);
    const user = await createUser();
    const inside = await insertLegacySession(user.id, `-${IDLE_DAYS * 24 - 3} hours`);
    expect(await findSessionUserId(inside.token)).toBe(user.id);
    process.env.TZ = "America/Los_Angeles";
    const idle = await insertLegacySession(user.id, `-${IDLE_DAYS * 24 + 1} hours`);
    expect(await findSessionUserId(idle.token)).toBeNull();
  });
});

describe("session lifetime", () => {
  it("idle timeout: a cookie unused for SESSION_IDLE_DAYS no longer signs in, and its row is removed", async () => {
    const user = await createUser();
    const sessionId = await currentSessionId(user);
    expect(await signedInAs(user.cookie)).toBe(user.id);

    await prisma.session.update({
      where: { id: sessionId },
      data: { lastSeenAt: new Date(Date.now() - IDLE_DAYS * DAY - SECOND) },
    });
    expect(await signedInAs(user.cookie)).toBeNull();
    expect(await prisma.session.count({ where: { id: sessionId } })).toBe(0);
    const page = await callRoute(sessionsLoader, getRequest("/account/sessions", { cookie: user.cookie }));
    expect(page.headers.get("Location")).toBe("/login?redirectTo=%2Faccount%2Fsessions");
  });

  it("a session used just inside the idle window stays signed in", async () => {
    const user = await createUser();
    const sessionId = await currentSessionId(user);
    await prisma.session.update({
      where: { id: sessionId },
      data: { lastSeenAt: new Date(Date.now() - IDLE_DAYS * DAY + MINUTE) },
    });
    expect(await signedInAs(user.cookie)).toBe(user.id);
  });

  it("absolute expiry: a session past `expires` ends even when used a second ago", async () => {
    const user = await createUser();
    const sessionId = await currentSessionId(user);
    await prisma.session.update({
      where: { id: sessionId },
      data: { expires: new Date(Date.now() - SECOND), lastSeenAt: new Date() },
    });
    expect(await signedInAs(user.cookie)).toBeNull();
    expect(await prisma.session.count({ where: { id: sessionId } })).toBe(0);
  });

  it("activity never extends `expires`; regular use keeps a session past the idle window until `expires`", async () => {
    const userRow = await prisma.user.create({ data: { email: uniqueEmail("lifetime") }, select: { id: true } });
    const t0 = new Date("2026-01-01T00:00:00.000Z");
    const { token, expires } = await createSession(userRow.id, 30 * DAY, undefined, t0);
    expect(expires.getTime()).toBe(t0.getTime() + 30 * DAY);
    // Used every 5 days: never idle for 7.
    for (const day of [5, 10, 15, 20, 25]) {
      expect(await findSessionUserId(token, new Date(t0.getTime() + day * DAY))).toBe(userRow.id);
    }
    const row = await prisma.session.findUniqueOrThrow({ where: { sessionToken: hashToken(token) } });
    expect(row.expires.getTime()).toBe(t0.getTime() + 30 * DAY);
    expect(row.lastSeenAt.getTime()).toBe(t0.getTime() + 25 * DAY);
    expect(await findSessionUserId(token, new Date(t0.getTime() + 30 * DAY + SECOND))).toBeNull();
    expect(await prisma.session.count({ where: { userId: userRow.id } })).toBe(0);
  });

  it("the idle clock runs from the last use: idle 7 days after day 6 ends it on day 13", async () => {
    const userRow = await prisma.user.create({ data: { email: uniqueEmail("idle") }, select: { id: true } });
    const t0 = new Date("2026-02-01T00:00:00.000Z");
    const { token } = await createSession(userRow.id, 30 * DAY, undefined, t0);
    expect(await findSessionUserId(token, new Date(t0.getTime() + 6 * DAY))).toBe(userRow.id);
    expect(await findSessionUserId(token, new Date(t0.getTime() + 13 * DAY - SECOND))).toBe(userRow.id);
    // That use moved lastSeenAt to day 13 - 1 s; now idle from there.
    expect(await findSessionUserId(token, new Date(t0.getTime() + 20 * DAY))).toBeNull();
  });
});

describe("lastSeenAt is written at most once a minute", () => {
  async function lastSeen(token: string): Promise<number> {
    const row = await prisma.session.findUniqueOrThrow({
      where: { sessionToken: hashToken(token) },
      select: { lastSeenAt: true },
    });
    return row.lastSeenAt.getTime();
  }

  it("two lookups within a minute write nothing; after 61 s one write; the next lookup within a minute writes nothing", async () => {
    const userRow = await prisma.user.create({ data: { email: uniqueEmail("seen") }, select: { id: true } });
    const t0 = new Date("2026-03-01T12:00:00.000Z");
    const { token } = await createSession(userRow.id, 30 * DAY, undefined, t0);
    const at = (ms: number) => new Date(t0.getTime() + ms);

    expect(await findSessionUserId(token, at(10 * SECOND))).toBe(userRow.id);
    expect(await findSessionUserId(token, at(LAST_SEEN_INTERVAL_MS - SECOND))).toBe(userRow.id);
    expect(await lastSeen(token)).toBe(t0.getTime());

    expect(await findSessionUserId(token, at(61 * SECOND))).toBe(userRow.id);
    expect(await lastSeen(token)).toBe(at(61 * SECOND).getTime());

    expect(await findSessionUserId(token, at(90 * SECOND))).toBe(userRow.id);
    expect(await lastSeen(token)).toBe(at(61 * SECOND).getTime());

    expect(await findSessionUserId(token, at(122 * SECOND))).toBe(userRow.id);
    expect(await lastSeen(token)).toBe(at(122 * SECOND).getTime());
  });

  it("the UPDATE is conditional: of two requests that read the same stale row, only one writes", async () => {
    const userRow = await prisma.user.create({ data: { email: uniqueEmail("race") }, select: { id: true } });
    const t0 = new Date("2026-03-02T12:00:00.000Z");
    const { token } = await createSession(userRow.id, 30 * DAY, undefined, t0);
    const row = await prisma.session.findUniqueOrThrow({
      where: { sessionToken: hashToken(token) },
      select: { id: true },
    });
    // Both requests saw lastSeenAt = t0 and decided to write.
    expect(await touchSession(row.id, new Date(t0.getTime() + 2 * MINUTE))).toBe(true);
    expect(await touchSession(row.id, new Date(t0.getTime() + 2 * MINUTE + 5 * SECOND))).toBe(false);
    expect(await lastSeen(token)).toBe(t0.getTime() + 2 * MINUTE);
    // An instance whose clock is behind cannot move it back either.
    expect(await touchSession(row.id, new Date(t0.getTime() + MINUTE))).toBe(false);
    expect(await lastSeen(token)).toBe(t0.getTime() + 2 * MINUTE);
    // It also compares correctly against a legacy "YYYY-MM-DD HH:MM:SS" value.
    const legacy = await insertLegacySession(userRow.id, "-30 seconds");
    expect(await touchSession(legacy.id)).toBe(false);
    const older = await insertLegacySession(userRow.id, "-2 minutes");
    expect(await touchSession(older.id)).toBe(true);
  });

  it("one request asks once, however many loaders call getUserId", async () => {
    const user = await createUser();
    const sessionId = await currentSessionId(user);
    await prisma.session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(Date.now() - 5 * MINUTE) } });
    const request = getRequest("/", { cookie: user.cookie });
    const [a, b] = await Promise.all([getUserId(request), getUserId(request)]);
    expect([a, b]).toEqual([user.id, user.id]);
    const row = await prisma.session.findUniqueOrThrow({ where: { id: sessionId }, select: { lastSeenAt: true } });
    expect(Date.now() - row.lastSeenAt.getTime()).toBeLessThan(5 * SECOND);
  });
});

describe("/account/sessions", () => {
  function post(cookie: string | undefined, fields: Record<string, string>) {
    return callRoute(sessionsAction, postForm("/account/sessions", fields, { cookie }));
  }

  it("requires sign-in", async () => {
    const page = await callRoute(sessionsLoader, getRequest("/account/sessions"));
    expect(page.thrown).toBe(true);
    expect(page.headers.get("Location")).toBe("/login?redirectTo=%2Faccount%2Fsessions");
    const result = await post(undefined, { intent: "end", sessionId: "x" });
    expect(result.headers.get("Location")).toBe("/login?redirectTo=%2Faccount%2Fsessions");
  });

  it("lists the viewer's live sessions with device, IP, times and 'this session', newest activity first", async () => {
    const user = await createUser();
    const phone = await addSession(user.id, CHROME_ANDROID, "203.0.113.7");
    const laptop = await addSession(user.id, FIREFOX_WINDOWS, "198.51.100.4");
    await prisma.session.update({ where: { id: laptop.id }, data: { lastSeenAt: new Date(Date.now() - 3 * DAY) } });
    await prisma.session.update({ where: { id: phone.id }, data: { lastSeenAt: new Date(Date.now() - DAY) } });
    const idle = await addSession(user.id, CHROME_ANDROID, "192.0.2.1");
    await prisma.session.update({ where: { id: idle.id }, data: { lastSeenAt: new Date(Date.now() - 8 * DAY) } });
    const other = await createUser();

    const data = dataOf(await callRoute(sessionsLoader, getRequest("/account/sessions", { cookie: user.cookie })));

    const current = await currentSessionId(user);
    expect(data.sessions.map((session) => session.id)).toEqual([current, phone.id, laptop.id]);
    expect(data.sessions[0]).toMatchObject({ current: true, device: "Unknown browser" });
    expect(data.sessions[1]).toMatchObject({
      current: false,
      device: "Chrome 131 on Android",
      ipAddress: "203.0.113.7",
    });
    expect(data.sessions[2]).toMatchObject({
      current: false,
      device: "Firefox 133 on Windows",
      ipAddress: "198.51.100.4",
    });
    expect(new Date(data.sessions[1].lastSeenAt).getTime()).toBeLessThan(Date.now() - DAY + MINUTE);
    expect(data.sessions.map((session) => session.id)).not.toContain(await currentSessionId(other));
    // No token or hash ever reaches the page.
    expect(JSON.stringify(data)).not.toMatch(/sessionToken|legacy-token/);
    expect(JSON.stringify(data)).not.toContain(hashToken(phone.token));
    // The idle one was removed on the way.
    expect(await prisma.session.count({ where: { id: idle.id } })).toBe(0);
  });

  it("ends one other session: 303, that browser is signed out on its next request, audited", async () => {
    const user = await createUser();
    const phone = await addSession(user.id);

    const result = await post(user.cookie, { intent: "end", sessionId: phone.id });

    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/account/sessions");
    expect(setCookieFor(result.headers, "dracin_flash")).toBeDefined();
    expect(setCookieFor(result.headers, "dracin_session")).toBeUndefined();
    expect(await signedInAs(phone.cookie)).toBeNull();
    expect(await signedInAs(user.cookie)).toBe(user.id);
    const audit = await prisma.auditLog.findMany({ where: { userId: user.id, action: "SESSION_REVOKED" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      entityType: "Session",
      entityId: phone.id,
      metadata: { by: "user" },
      ipAddress: TEST_CLIENT_IP,
      userAgent: TEST_USER_AGENT,
    });
  });

  it("another user's session id answers 404 and changes nothing", async () => {
    const attacker = await createUser();
    const victim = await createUser();
    const victimSession = await currentSessionId(victim);

    const result = await post(attacker.cookie, { intent: "end", sessionId: victimSession });

    expect(result.status).toBe(404);
    expect(dataOf(result)).toMatchObject({ formError: "sessions.notFound" });
    expect(await signedInAs(victim.cookie)).toBe(victim.id);
    expect(await prisma.auditLog.count({ where: { action: "SESSION_REVOKED", entityId: victimSession } })).toBe(0);
    const unknown = await post(attacker.cookie, { intent: "end", sessionId: "no-such-session" });
    expect(unknown.status).toBe(404);
  });

  it("ending the current session signs out: cookie cleared, row gone, redirect home", async () => {
    const user = await createUser();
    const sessionId = await currentSessionId(user);

    const result = await post(user.cookie, { intent: "end", sessionId });

    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/");
    expect(setCookieFor(result.headers, "dracin_session")).toMatch(/Max-Age=0/);
    expect(await prisma.session.count({ where: { id: sessionId } })).toBe(0);
    expect(await signedInAs(user.cookie)).toBeNull();
    expect(await prisma.auditLog.count({ where: { action: "SESSION_REVOKED", entityId: sessionId } })).toBe(1);
  });

  it("refuses an unknown intent or a missing session id with 400", async () => {
    const user = await createUser();
    expect((await post(user.cookie, { intent: "explode" })).status).toBe(400);
    expect((await post(user.cookie, { intent: "end" })).status).toBe(400);
    expect((await post(user.cookie, { intent: "end", sessionId: "x".repeat(500) })).status).toBe(400);
  });

  it("refuses a cross-site post", async () => {
    const user = await createUser();
    const phone = await addSession(user.id);
    const sameSite = postForm("/account/sessions", { intent: "end", sessionId: phone.id }, { cookie: user.cookie });
    const headers = new Headers(sameSite.headers);
    headers.set("Origin", "https://evil.example");
    const request = new Request(sameSite.url, { method: "POST", headers, body: await sameSite.text() });
    const result = await callRoute(sessionsAction, request);
    expect(result.status).toBe(403);
    expect(await signedInAs(phone.cookie)).toBe(user.id);
  });

  describe("end all other sessions", () => {
    it("with a wrong or missing password: 400, nothing ends", async () => {
      const user = await createUser();
      const phone = await addSession(user.id);

      const wrong = await post(user.cookie, { intent: "end-others", currentPassword: "not my password" });
      expect(wrong.status).toBe(400);
      expect(dataOf(wrong)).toMatchObject({ errors: { currentPassword: "sessions.reauth.passwordWrong" } });
      const missing = await post(user.cookie, { intent: "end-others" });
      expect(missing.status).toBe(400);
      expect(dataOf(missing)).toMatchObject({ errors: { currentPassword: "sessions.reauth.passwordRequired" } });

      expect(await signedInAs(phone.cookie)).toBe(user.id);
      expect(await prisma.auditLog.count({ where: { userId: user.id, action: "SESSION_REVOKED" } })).toBe(0);
    });

    it("with the right password: every other session ends, this one stays, one audit row with the count", async () => {
      const user = await createUser();
      const phone = await addSession(user.id);
      const laptop = await addSession(user.id, FIREFOX_WINDOWS);
      const bystander = await createUser();

      const result = await post(user.cookie, { intent: "end-others", currentPassword: user.password });

      expect(result.status).toBe(303);
      expect(result.headers.get("Location")).toBe("/account/sessions");
      expect(await signedInAs(phone.cookie)).toBeNull();
      expect(await signedInAs(laptop.cookie)).toBeNull();
      expect(await signedInAs(user.cookie)).toBe(user.id);
      expect(await signedInAs(bystander.cookie)).toBe(bystander.id);
      const audit = await prisma.auditLog.findMany({ where: { userId: user.id, action: "SESSION_REVOKED" } });
      expect(audit).toHaveLength(1);
      expect(audit[0].metadata).toEqual({ by: "user", count: 2, scope: "others" });
      expect(JSON.stringify(audit[0])).not.toContain(user.password);
    });

    it("for an account without a password: allowed within 10 minutes of signing in, refused after", async () => {
      const fresh = await createUser();
      await prisma.user.update({ where: { id: fresh.id }, data: { password: null } });
      const freshPhone = await addSession(fresh.id);
      const page = dataOf(await callRoute(sessionsLoader, getRequest("/account/sessions", { cookie: fresh.cookie })));
      expect(page).toMatchObject({ hasPassword: false, freshSignIn: true });
      const ok = await post(fresh.cookie, { intent: "end-others" });
      expect(ok.status).toBe(303);
      expect(await signedInAs(freshPhone.cookie)).toBeNull();

      const stale = await createUser();
      await prisma.user.update({ where: { id: stale.id }, data: { password: null } });
      await prisma.session.update({
        where: { id: await currentSessionId(stale) },
        data: { createdAt: new Date(Date.now() - 11 * MINUTE) },
      });
      const stalePhone = await addSession(stale.id);
      const refused = await post(stale.cookie, { intent: "end-others", currentPassword: "anything" });
      expect(refused.status).toBe(400);
      expect(dataOf(refused)).toMatchObject({ formError: "sessions.reauth.stale" });
      expect(await signedInAs(stalePhone.cookie)).toBe(stale.id);
    });
  });

  it("a password change ends every other session and keeps this one", async () => {
    const user = await createUser();
    const phone = await addSession(user.id);
    const second = await signIn(user.email, user.password);

    const result = await callRoute(
      accountAction,
      postForm(
        "/account",
        { intent: "password", currentPassword: user.password, newPassword: "another long passphrase" },
        { cookie: user.cookie },
      ),
    );

    expect(result.status).toBe(303);
    expect(await signedInAs(phone.cookie)).toBeNull();
    expect(await signedInAs(second)).toBeNull();
    expect(await signedInAs(user.cookie)).toBe(user.id);
  });
});
