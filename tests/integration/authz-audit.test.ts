/**
 * Refused requests leave AUTHZ_FAILURE rows (app/models/authz-audit.server.ts): an admin URL opened by a
 * viewer who is not an admin, another viewer's session, a cross-site or unproven post (in the HTTP server,
 * in readForm and in the progress beacon), a throttled request. The refusal itself is answered exactly as
 * before, a flood leaves a bounded number of rows, and a failing audit write never turns it into a 500.
 */
import http from "node:http";
import express from "express";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { translator } from "~/i18n";
import { AUTHZ_AUDIT_PER_INSTANCE, refusalLimiter } from "~/models/authz-audit.server";
import { createSession, hashToken } from "~/models/sessions.server";
import * as accountSessions from "~/routes/account_.sessions";
import { action as deleteAction } from "~/routes/account_.delete";
import { loader as adminIndexLoader } from "~/routes/admin._index";
import * as auditEntry from "~/routes/admin.audit.$id";
import * as auditPage from "~/routes/admin.audit._index";
import * as auditCsv from "~/routes/admin.audit[.]csv";
import { loader as catalogLoader } from "~/routes/admin.catalog";
import { action as userAction, loader as userLoader } from "~/routes/admin.users.$userId";
import { loader as usersLoader } from "~/routes/admin.users._index";
import { action as registerAction } from "~/routes/register";
import * as favorites from "~/routes/resources.favorites";
import { loader as fragmentLoader } from "~/routes/resources.admin-audit";
import { prisma } from "~/utils/db.server";
import { createHttpHooks } from "~/utils/http-hooks.server";
import { getRequest, postForm, TEST_USER_AGENT } from "../helpers/requests";
import { listenOnLoopback } from "../helpers/listen";
import { buildOf } from "../helpers/render-page";
import { callRoute } from "../helpers/route";
import { createAdmin, createUser } from "../helpers/users";

const en = translator("en");

let ipCounter = 0;
/** An address no other test in this file uses: rows are found by it, and its limits are its own. */
function freshIp(): string {
  ipCounter += 1;
  return `203.0.113.${ipCounter}`;
}

function refusalRows(where: { ipAddress?: string; userId?: string }) {
  return prisma.auditLog.findMany({
    where: { action: "AUTHZ_FAILURE", ...where },
    orderBy: [{ timestamp: "asc" }, { id: "asc" }],
    select: {
      userId: true,
      ipAddress: true,
      userAgent: true,
      entityType: true,
      entityId: true,
      metadata: true,
    },
  });
}

/** The row a refusal by this caller should leave (the first of its source: nothing suppressed). */
function expectedRow(
  userId: string | null,
  ipAddress: string,
  metadata: Record<string, string | number>,
  entity: { entityType: string | null; entityId: string | null } = { entityType: null, entityId: null },
) {
  return {
    userId,
    ipAddress,
    userAgent: TEST_USER_AGENT,
    ...entity,
    metadata: { ...metadata, suppressed: 0, suppressedAll: 0 },
  };
}

beforeEach(() => refusalLimiter.reset());
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe("an admin URL opened by a signed-in viewer who is not an admin", () => {
  const targets: [string, Parameters<typeof callRoute>[0], string, Record<string, string>?][] = [
    ["/admin", adminIndexLoader, "/admin"],
    ["/admin/audit", auditPage.loader, "/admin/audit?action=any&ip=1.2.3.4"],
    ["/admin/audit/:id", auditEntry.loader, "/admin/audit/some-id", { id: "some-id" }],
    ["/admin/audit.csv", auditCsv.loader, "/admin/audit.csv?email=someone%40example.test"],
    ["/resources/admin-audit", fragmentLoader, "/resources/admin-audit"],
    ["/admin/users", usersLoader, "/admin/users"],
    ["/admin/users/:userId", userLoader, "/admin/users/u1", { userId: "u1" }],
    ["/admin/catalog", catalogLoader, "/admin/catalog"],
  ];

  for (const [name, fn, path, params] of targets) {
    it(`${name}: still 403 with its message, and one AUTHZ_FAILURE row by the viewer`, async () => {
      const viewer = await createUser();
      const ip = freshIp();
      const result = await callRoute(fn, getRequest(path, { cookie: viewer.cookie }), params, { clientIp: ip });
      expect(result.status).toBe(403);
      expect(result.text).toBe(en("http.adminOnly"));
      const rows = await refusalRows({ ipAddress: ip });
      // The path only: a query string may hold an email filter.
      const pathname = new URL(path, "http://x").pathname;
      expect(rows).toEqual([expectedRow(viewer.id, ip, { kind: "admin", method: "GET", path: pathname })]);
    });
  }

  it("an admin action posted by a viewer: 403, nothing changed, the refusal recorded", async () => {
    const viewer = await createUser();
    const target = await createUser();
    const ip = freshIp();
    const result = await callRoute(
      userAction,
      postForm(`/admin/users/${target.id}`, { intent: "change-role", role: "ADMIN" }, { cookie: viewer.cookie }),
      { userId: target.id },
      { clientIp: ip },
    );
    expect(result.status).toBe(403);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { role: true } })).role).toBe(
      "USER",
    );
    const rows = await refusalRows({ ipAddress: ip });
    expect(rows.map((row) => row.metadata)).toEqual([
      { kind: "admin", method: "POST", path: `/admin/users/${target.id}`, suppressed: 0, suppressedAll: 0 },
    ]);
  });

  it("a visitor who is not signed in is sent to sign in, and no refusal is recorded", async () => {
    const ip = freshIp();
    const result = await callRoute(auditPage.loader, getRequest("/admin/audit"), {}, { clientIp: ip });
    expect(result.status).toBe(303);
    expect(await refusalRows({ ipAddress: ip })).toEqual([]);
  });

  it("an admin is let in and leaves no refusal", async () => {
    const admin = await createAdmin();
    const ip = freshIp();
    const result = await callRoute(
      auditPage.loader,
      getRequest("/admin/audit", { cookie: admin.cookie }),
      {},
      {
        clientIp: ip,
      },
    );
    expect(result.status).toBe(200);
    expect(await refusalRows({ ipAddress: ip })).toEqual([]);
  });
});

describe("another viewer's data", () => {
  it("ending someone else's session: still 404 'not found', their session lives, the attempt recorded", async () => {
    const viewer = await createUser();
    const other = await createUser();
    const [theirs] = await prisma.session.findMany({ where: { userId: other.id }, select: { id: true } });
    const ip = freshIp();
    const result = await callRoute(
      accountSessions.action,
      postForm("/account/sessions", { intent: "end", sessionId: theirs.id }, { cookie: viewer.cookie }),
      {},
      { clientIp: ip },
    );
    expect(result.status).toBe(404);
    expect(result.data).toEqual({ intent: "end", errors: {}, formError: "sessions.notFound" });
    expect(await prisma.session.count({ where: { id: theirs.id } })).toBe(1);
    expect(await refusalRows({ ipAddress: ip })).toEqual([
      expectedRow(
        viewer.id,
        ip,
        { kind: "ownership", operation: "end-session", reason: "the session is another user's" },
        { entityType: "Session", entityId: theirs.id },
      ),
    ]);
    // Its own session it may end, and an id nobody has is only "not found".
    const own = await createSession(viewer.id, 60_000);
    const mine = await prisma.session.findUniqueOrThrow({
      where: { sessionToken: hashToken(own.token) },
      select: { id: true },
    });
    const ended = await callRoute(
      accountSessions.action,
      postForm("/account/sessions", { intent: "end", sessionId: mine.id }, { cookie: viewer.cookie }),
      {},
      { clientIp: ip },
    );
    expect(ended.status).toBe(303);
    const unknown = await callRoute(
      accountSessions.action,
      postForm("/account/sessions", { intent: "end", sessionId: "no-such-session" }, { cookie: viewer.cookie }),
      {},
      { clientIp: freshIp() },
    );
    expect(unknown.status).toBe(404);
    expect(await refusalRows({ userId: viewer.id })).toHaveLength(1);
  });
});

describe("refused cross-site and unproven posts", () => {
  it("readForm: an Origin from another site — still 403 with its message, the reason recorded", async () => {
    const viewer = await createUser();
    const ip = freshIp();
    const request = postForm("/resources/favorites", { intent: "add", dramaId: "d1" }, { cookie: viewer.cookie });
    request.headers.set("Origin", "https://evil.example");
    const result = await callRoute(favorites.action, request, {}, { clientIp: ip });
    expect(result.status).toBe(403);
    expect(result.text).toBe(en("http.csrfRefused"));
    expect(await refusalRows({ ipAddress: ip })).toEqual([
      expectedRow(viewer.id, ip, {
        kind: "csrf",
        method: "POST",
        path: "/resources/favorites",
        reason: "Origin https://evil.example does not match host",
      }),
    ]);
  });

  it("readForm: no Origin and a missing or wrong token, each with its reason", async () => {
    const viewer = await createUser();
    const cases: [Record<string, string>, string][] = [
      [{}, "no Origin or Sec-Fetch-Site, and no CSRF token"],
      [{ _csrf: "forged" }, "CSRF token without its cookie"],
    ];
    for (const [extra, reason] of cases) {
      const ip = freshIp();
      const request = postForm(
        "/resources/favorites",
        { intent: "add", dramaId: "d1", ...extra },
        {
          cookie: viewer.cookie,
        },
      );
      request.headers.delete("Origin");
      const result = await callRoute(favorites.action, request, {}, { clientIp: ip });
      expect(result.status).toBe(403);
      const rows = await refusalRows({ ipAddress: ip });
      expect(rows.map((row) => [row.userId, row.metadata])).toEqual([
        [viewer.id, expect.objectContaining({ kind: "csrf", reason })],
      ]);
    }
  });

  describe("in the HTTP server", () => {
    let base = "";
    let close: () => Promise<void>;

    beforeAll(async () => {
      const hooks = createHttpHooks(
        buildOf([
          { id: "routes/admin.audit[.]csv", path: "admin/audit.csv", module: auditCsv },
          { id: "routes/resources.favorites", path: "resources/favorites", module: favorites },
        ]),
      );
      const app = express();
      app.post("/resources/progress", hooks.observeAndGuard, ...hooks.progressBeacon);
      app.use(hooks.observeAndGuard);
      app.all("*", hooks.remix);
      app.use(hooks.lastResort);
      ({ base, close } = await listenOnLoopback(app));
    });

    afterAll(() => close());

    function send(method: string, path: string, headers: Record<string, string>, body?: string) {
      return new Promise<{ status: number; text: string }>((resolve, reject) => {
        const request = http.request(`${base}${path}`, { method, headers, agent: false }, (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (text += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
        });
        request.on("error", reject);
        request.end(body);
      });
    }

    /** The rows of the requests that sent this User-Agent (the server sees them all from 127.0.0.1). */
    async function rowsOf(userAgent: string) {
      return prisma.auditLog.findMany({
        where: { action: "AUTHZ_FAILURE", userAgent },
        orderBy: [{ timestamp: "asc" }, { id: "asc" }],
        select: { userId: true, ipAddress: true, userAgent: true, metadata: true },
      });
    }

    const form = (userAgent: string) => ({
      "Content-Type": "application/x-www-form-urlencoded",
      "User-Agent": userAgent,
    });

    it("a cross-site post: still 403 with its message; the row names the signed-in viewer and the reason", async () => {
      const viewer = await createUser();
      const response = await send(
        "POST",
        "/resources/favorites",
        { ...form("Refused/1.0"), "Sec-Fetch-Site": "cross-site", Cookie: viewer.cookie },
        "intent=add&dramaId=d1",
      );
      expect(response.status).toBe(403);
      expect(response.text).toBe(en("security.crossSite"));
      expect(await rowsOf("Refused/1.0")).toEqual([
        {
          userId: viewer.id,
          ipAddress: expect.stringContaining("127.0.0.1"),
          userAgent: "Refused/1.0",
          metadata: {
            kind: "csrf",
            method: "POST",
            path: "/resources/favorites",
            reason: "Sec-Fetch-Site: cross-site",
            suppressed: 0,
            suppressedAll: 0,
          },
        },
      ]);
    });

    it("a progress save without proof of origin: still 403; recorded", async () => {
      const response = await send("POST", "/resources/progress", form("Beacon/1.0"), "episodeId=e1&position=3");
      expect(response.status).toBe(403);
      expect(response.text).toBe(en("security.crossSite"));
      const rows = await rowsOf("Beacon/1.0");
      expect(rows.map((row) => row.metadata)).toEqual([
        {
          kind: "csrf",
          method: "POST",
          path: "/resources/progress",
          reason: "no Origin or Sec-Fetch-Site, and no CSRF token",
          suppressed: 0,
          suppressedAll: 0,
        },
      ]);
    });

    it("an admin URL through the server: the client address comes from the HTTP server", async () => {
      const viewer = await createUser();
      const response = await send("GET", "/admin/audit.csv?ip=1.2.3.4", {
        Cookie: viewer.cookie,
        "User-Agent": "Curious/2.0",
      });
      expect(response.status).toBe(403);
      expect(response.text).toBe(en("http.adminOnly"));
      expect(await rowsOf("Curious/2.0")).toEqual([
        {
          userId: viewer.id,
          ipAddress: expect.stringContaining("127.0.0.1"),
          userAgent: "Curious/2.0",
          metadata: { kind: "admin", method: "GET", path: "/admin/audit.csv", suppressed: 0, suppressedAll: 0 },
        },
      ]);
    });

    it("500 cross-site posts from one address: every one refused, one row; a minute later the next row counts them", async () => {
      const headers = { ...form("Flood/1.0"), Origin: "https://evil.example" };
      for (let batch = 0; batch < 10; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 50 }, () => send("POST", "/resources/favorites", headers, "intent=add&dramaId=d1")),
        );
        expect(answers.every((answer) => answer.status === 403)).toBe(true);
      }
      expect(await rowsOf("Flood/1.0")).toHaveLength(1);
      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
      expect((await send("POST", "/resources/favorites", headers, "intent=add&dramaId=d1")).status).toBe(403);
      const after = await rowsOf("Flood/1.0");
      expect(after).toHaveLength(2);
      expect(after[1].metadata).toMatchObject({ kind: "csrf", suppressed: 499, suppressedAll: 499 });
    });
  });

  it("refusals from 500 addresses write at most the instance's cap of rows", async () => {
    const viewer = await createUser();
    const since = new Date(Date.now() - 1000);
    for (let i = 0; i < 500; i++) {
      const request = postForm("/resources/favorites", { intent: "add", dramaId: "d1" }, { cookie: viewer.cookie });
      request.headers.set("Origin", "https://evil.example");
      const result = await callRoute(favorites.action, request, {}, { clientIp: `198.18.${i >> 8}.${i & 255}` });
      expect(result.status).toBe(403);
    }
    const written = await prisma.auditLog.count({
      where: { action: "AUTHZ_FAILURE", timestamp: { gte: since }, ipAddress: { startsWith: "198.18." } },
    });
    expect(written).toBe(AUTHZ_AUDIT_PER_INSTANCE);
  });
});

describe("throttled requests", () => {
  it("a viewer past the re-entered-password limit: still 429 with Retry-After; recorded with the rule", async () => {
    const viewer = await createUser();
    const ip = freshIp();
    await prisma.auditLog.createMany({
      data: Array.from({ length: 5 }, () => ({
        action: "LOGIN_FAILURE",
        userId: viewer.id,
        entityType: "User",
        entityId: viewer.id,
        ipAddress: ip,
      })),
    });
    const result = await callRoute(
      deleteAction,
      postForm("/account/delete", { currentPassword: "whatever it is" }, { cookie: viewer.cookie }),
      {},
      { clientIp: ip },
    );
    expect(result.status).toBe(429);
    const retryAfter = Number(result.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(await refusalRows({ ipAddress: ip })).toEqual([
      expectedRow(viewer.id, ip, {
        kind: "throttle",
        method: "POST",
        path: "/account/delete",
        rule: "reauth",
        retryAfter,
      }),
    ]);
  });

  it("registration past its hourly limit: recorded without a user", async () => {
    const ip = freshIp();
    await prisma.auditLog.createMany({
      data: Array.from({ length: 10 }, () => ({ action: "REGISTER", ipAddress: ip })),
    });
    const result = await callRoute(
      registerAction,
      postForm("/register", {
        name: "Mei",
        email: `mei-${Date.now()}@example.test`,
        password: "a long fine passphrase",
      }),
      {},
      { clientIp: ip },
    );
    expect(result.status).toBe(429);
    const rows = await refusalRows({ ipAddress: ip });
    expect(rows.map((row) => [row.userId, row.metadata])).toEqual([
      [null, expect.objectContaining({ kind: "throttle", rule: "register", path: "/register" })],
    ]);
  });
});

describe("a failing audit write", () => {
  it("never turns a refusal into a 500", async () => {
    const viewer = await createUser();
    const ip = freshIp();
    vi.spyOn(prisma.auditLog, "create").mockRejectedValue(new Error("the database is gone"));
    const admin = await callRoute(
      auditPage.loader,
      getRequest("/admin/audit", { cookie: viewer.cookie }),
      {},
      {
        clientIp: ip,
      },
    );
    expect(admin.status).toBe(403);
    expect(admin.text).toBe(en("http.adminOnly"));
    const request = postForm("/resources/favorites", { intent: "add", dramaId: "d1" }, { cookie: viewer.cookie });
    request.headers.set("Origin", "https://evil.example");
    const csrf = await callRoute(favorites.action, request, {}, { clientIp: ip });
    expect(csrf.status).toBe(403);
    expect(prisma.auditLog.create).toHaveBeenCalled();
    vi.restoreAllMocks();
    expect(await refusalRows({ ipAddress: ip })).toEqual([]);
  });
});
