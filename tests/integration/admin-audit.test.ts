import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  auditCsvStream,
  decodeCursor,
  encodeCursor,
  listAudit,
  loginChart,
  parseAuditQuery,
} from "~/models/admin-audit.server";
import { loader as adminIndexLoader } from "~/routes/admin._index";
import { loader as entryLoader } from "~/routes/admin.audit.$id";
import { loader as auditLoader } from "~/routes/admin.audit._index";
import { loader as csvLoader } from "~/routes/admin.audit[.]csv";
import { loader as fragmentLoader } from "~/routes/resources.admin-audit";
import { prisma } from "~/utils/db.server";
import { getRequest } from "../helpers/requests";
import { callRoute, dataOf } from "../helpers/route";
import { createUser, type TestUser } from "../helpers/users";

async function createAdmin(): Promise<TestUser> {
  const user = await createUser({ name: "Audit Admin" });
  await prisma.user.update({ where: { id: user.id }, data: { role: "ADMIN" }, select: { id: true } });
  return user;
}

let ipCounter = 0;
/** An IP no other test in this file uses, to scope rows. */
function uniqueIp(): string {
  ipCounter += 1;
  return `198.51.100.${ipCounter}`;
}

interface Seed {
  action?: string;
  userId?: string | null;
  ip: string;
  at: Date;
  userAgent?: string;
  entityType?: string;
  entityId?: string;
  metadata?: Record<string, string | number>;
}

async function seed(rows: Seed[]): Promise<void> {
  await prisma.auditLog.createMany({
    data: rows.map((row) => ({
      action: row.action ?? "LOGIN_SUCCESS",
      userId: row.userId ?? null,
      ipAddress: row.ip,
      userAgent: row.userAgent ?? "Seed/1.0",
      entityType: row.entityType ?? null,
      entityId: row.entityId ?? null,
      metadata: row.metadata,
      timestamp: row.at,
    })),
  });
}

async function page(admin: TestUser, query: string) {
  return callRoute(auditLoader, getRequest(`/admin/audit${query}`, { cookie: admin.cookie }));
}

describe("who may open the admin audit pages", () => {
  const urls: [string, Parameters<typeof callRoute>[0], string, Record<string, string>?][] = [
    ["/admin", adminIndexLoader, "/admin"],
    ["/admin/audit", auditLoader, "/admin/audit"],
    ["/admin/audit/:id", entryLoader, "/admin/audit/some-id", { id: "some-id" }],
    ["/admin/audit.csv", csvLoader, "/admin/audit.csv"],
    ["/resources/admin-audit", fragmentLoader, "/resources/admin-audit"],
  ];

  for (const [name, fn, path, params] of urls) {
    it(`${name}: sends visitors to sign in`, async () => {
      const result = await callRoute(fn, getRequest(path), params);
      expect(result.thrown).toBe(true);
      expect(result.status).toBe(303);
      expect(result.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    });

    it(`${name}: answers 403 to a signed-in viewer who is not an admin`, async () => {
      const viewer = await createUser();
      const before = await prisma.auditLog.count({ where: { action: "ADMIN_EXPORT" } });
      const result = await callRoute(fn, getRequest(path, { cookie: viewer.cookie, htmx: true }), params);
      expect(result.status).toBe(403);
      expect(result.text).toContain("Only administrators");
      expect(await prisma.auditLog.count({ where: { action: "ADMIN_EXPORT" } })).toBe(before);
    });
  }

  it("the fragment sends a visitor's htmx request to sign in with HX-Redirect", async () => {
    const result = await callRoute(fragmentLoader, getRequest("/resources/admin-audit?action=LOGOUT", { htmx: true }));
    expect(result.status).toBe(204);
    expect(result.headers.get("HX-Redirect")).toBe("/login?redirectTo=%2Fresources%2Fadmin-audit%3Faction%3DLOGOUT");
  });

  it("/admin sends an admin to the audit trail", async () => {
    const admin = await createAdmin();
    const result = await callRoute(adminIndexLoader, getRequest("/admin", { cookie: admin.cookie }));
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/admin/audit");
  });
});

describe("filters", () => {
  it("filters by action, IP, user email (any case) and UTC date range, newest first", async () => {
    const admin = await createAdmin();
    const someone = await createUser({ email: `Mixed.Case-${Date.now()}@Example.test` });
    const ip = uniqueIp();
    await seed([
      { ip, action: "LOGIN_SUCCESS", userId: someone.id, at: new Date("2026-03-01T00:00:00.000Z") },
      { ip, action: "LOGIN_FAILURE", at: new Date("2026-03-01T23:59:59.999Z") },
      { ip, action: "LOGIN_SUCCESS", userId: someone.id, at: new Date("2026-03-02T00:00:00.000Z") },
      { ip, action: "LOGOUT", userId: someone.id, at: new Date("2026-03-05T12:00:00.000Z") },
      { ip: uniqueIp(), action: "LOGIN_SUCCESS", userId: someone.id, at: new Date("2026-03-02T10:00:00.000Z") },
    ]);

    const byIp = dataOf(await page(admin, `?ip=${ip}`));
    expect(byIp.rows.map((row) => row.action)).toEqual(["LOGOUT", "LOGIN_SUCCESS", "LOGIN_FAILURE", "LOGIN_SUCCESS"]);
    expect(byIp.rows[0].userEmail).toBe(someone.email);
    expect(byIp.rows[1].timestamp).toBe("2026-03-02T00:00:00.000Z");

    const successes = dataOf(await page(admin, `?ip=${ip}&action=LOGIN_SUCCESS`));
    expect(successes.rows.map((row) => row.timestamp)).toEqual([
      "2026-03-02T00:00:00.000Z",
      "2026-03-01T00:00:00.000Z",
    ]);

    const byEmail = dataOf(await page(admin, `?email=${encodeURIComponent(someone.email.toUpperCase())}`));
    expect(byEmail.rows).toHaveLength(4);
    expect(byEmail.rows.every((row) => row.userId === someone.id)).toBe(true);
    expect(byEmail.values.email).toBe(someone.email.toUpperCase());

    const oneDay = dataOf(await page(admin, `?ip=${ip}&from=2026-03-01&to=2026-03-01`));
    expect(oneDay.rows.map((row) => row.action)).toEqual(["LOGIN_FAILURE", "LOGIN_SUCCESS"]);

    const fromOnly = dataOf(await page(admin, `?ip=${ip}&from=2026-03-02`));
    expect(fromOnly.rows.map((row) => row.action)).toEqual(["LOGOUT", "LOGIN_SUCCESS"]);

    const any = dataOf(await page(admin, `?ip=${ip}&action=any&email=&from=&to=`));
    expect(any.rows).toHaveLength(4);
    expect(any.query).toBe(`?ip=${ip}`);
  });

  it("says so when no account has the email, and shows nothing", async () => {
    const admin = await createAdmin();
    const result = dataOf(await page(admin, "?email=nobody-here%40example.test"));
    expect(result.rows).toEqual([]);
    expect(result.unknownEmail).toBe("nobody-here@example.test");
  });

  it("answers 400 with a message per field for bad filters, never a 500", async () => {
    const admin = await createAdmin();
    const cases: [string, string, string][] = [
      ["?action=DROP_TABLES", "action", "admin.audit.error.action"],
      ["?email=not-an-email", "email", "admin.audit.error.email"],
      ["?ip=999.1.1.1", "ip", "admin.audit.error.ip"],
      ["?ip=%3Cscript%3E", "ip", "admin.audit.error.ip"],
      ["?from=2026-13-01", "from", "admin.audit.error.date"],
      ["?to=2026-02-30", "to", "admin.audit.error.date"],
      ["?from=yesterday", "from", "admin.audit.error.date"],
      ["?from=2026-03-05&to=2026-03-01", "to", "admin.audit.error.range"],
      [`?email=${"a".repeat(300)}%40x.test`, "email", "admin.audit.error.tooLong"],
    ];
    for (const [query, field, message] of cases) {
      const result = await page(admin, query);
      expect(result.status, query).toBe(400);
      const body = dataOf(result);
      expect(body.errors, query).toMatchObject({ [field]: message });
      expect(body.rows).toEqual([]);
      // The form comes back with what was typed (cut to the field's length).
      expect(body.values[field as "action"].length).toBeLessThanOrEqual(254);
    }
  });

  it("refuses tampered or truncated cursors with 400", async () => {
    const admin = await createAdmin();
    const good = encodeCursor({ t: Date.UTC(2026, 2, 1), id: "cabc123" });
    const bad = [
      "garbage!",
      good.slice(0, -3),
      Buffer.from('{"t":"yesterday","id":"x"}').toString("base64url"),
      Buffer.from('{"t":1,"id":"x\' OR 1=1 --"}').toString("base64url"),
      Buffer.from("[1,2]").toString("base64url"),
      "A".repeat(500),
    ];
    for (const after of bad) {
      const result = await page(admin, `?after=${encodeURIComponent(after)}`);
      expect(result.status, after).toBe(400);
      expect(dataOf(result).errors).toEqual({ after: "admin.audit.error.cursor" });
    }
    expect((await page(admin, `?after=${good}`)).status).toBe(200);
  });

  it("never answers 5xx, whatever the query string holds", async () => {
    const admin = await createAdmin();
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom("", "any", "LOGOUT", "2026-01-01", "::1", "a@b.co"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          { action: value, email: value, ip: value, from: value, to: value, after: value },
          { requiredKeys: [] },
        ),
        async (params) => {
          const query = new URLSearchParams(params).toString();
          const result = await page(admin, `?${query}`);
          expect([200, 400]).toContain(result.status);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("keyset pagination", () => {
  it("walks every row once, newest first, across equal timestamps, even while newer rows arrive", async () => {
    const admin = await createAdmin();
    const ip = uniqueIp();
    const base = Date.UTC(2026, 4, 1, 12);
    // 130 rows over 9 distinct timestamps: many ties broken by id.
    await seed(Array.from({ length: 130 }, (_, index) => ({ ip, at: new Date(base + (index % 9) * 1000) })));
    const expected = await prisma.auditLog.findMany({
      where: { ipAddress: ip },
      orderBy: [{ timestamp: "desc" }, { id: "desc" }],
      select: { id: true },
    });

    const seen: string[] = [];
    let query = `?ip=${ip}`;
    let pages = 0;
    for (;;) {
      const result = dataOf(await page(admin, query));
      pages += 1;
      expect(result.paged).toBe(pages > 1);
      expect(result.rows.length).toBeLessThanOrEqual(50);
      seen.push(...result.rows.map((row) => row.id));
      if (pages === 1) {
        // Newer rows written while somebody reads page 1 do not shift the next pages.
        await seed(Array.from({ length: 7 }, () => ({ ip, at: new Date(base + 60_000) })));
      }
      if (!result.olderHref) break;
      expect(result.olderHref).toMatch(
        new RegExp(`^/admin/audit\\?ip=${ip.replace(/\./g, "\\.")}&after=[A-Za-z0-9_-]+$`),
      );
      query = result.olderHref.slice("/admin/audit".length);
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expected.map((row) => row.id));
  });

  it("keeps the filters in the Older and Newest links and the CSV link", async () => {
    const admin = await createAdmin();
    const ip = uniqueIp();
    await seed(
      Array.from({ length: 51 }, (_, index) => ({ ip, action: "LOGOUT", at: new Date(Date.UTC(2026, 5, 1) + index) })),
    );
    const first = dataOf(await page(admin, `?action=LOGOUT&ip=${ip}&from=2026-06-01`));
    expect(first.query).toBe(`?action=LOGOUT&ip=${ip}&from=2026-06-01`);
    expect(first.olderHref).toContain(`?action=LOGOUT&ip=${ip}&from=2026-06-01&after=`);
    const second = dataOf(await page(admin, first.olderHref!.slice("/admin/audit".length)));
    expect(second.rows).toHaveLength(1);
    expect(second.olderHref).toBeNull();
    expect(second.paged).toBe(true);
    expect(second.query).toBe(first.query);
  });

  it("encodes cursors opaquely and round-trips them", () => {
    const cursor = { t: 1_780_000_000_123, id: "cmabc_DEF-1" };
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded)).toEqual(cursor);
    expect(parseAuditQuery(new URLSearchParams({ after: encoded }))).toMatchObject({ ok: true, cursor });
  });
});

describe("the htmx fragment", () => {
  it("answers the results region, pushes the page URL and announces the count", async () => {
    const admin = await createAdmin();
    const ip = uniqueIp();
    await seed([
      { ip, action: "LOGOUT", at: new Date(Date.UTC(2026, 6, 1)) },
      { ip, action: "LOGOUT", at: new Date(Date.UTC(2026, 6, 2)) },
    ]);
    const result = await callRoute(
      fragmentLoader,
      getRequest(`/resources/admin-audit?action=LOGOUT&email=&ip=${ip}&from=&to=`, {
        cookie: admin.cookie,
        htmx: true,
      }),
    );
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(result.headers.get("Vary")).toContain("HX-Request");
    expect(result.headers.get("HX-Push-Url")).toBe(`/admin/audit?action=LOGOUT&ip=${ip}`);
    expect(result.text).toMatch(/^<section id="audit-results"/);
    expect(result.text).toContain("<caption>Audit entries, newest first</caption>");
    expect(result.text).toContain('<time dateTime="2026-07-02T00:00:00.000Z">2026-07-02 00:00:00 UTC</time>');
    expect(result.text).toContain(`href="/admin/audit.csv?action=LOGOUT&amp;ip=${ip}"`);
    expect(result.text).toContain('data-hx-swap-oob="innerHTML:#announcer">Showing 2 entries.</div>');
  });

  it("shows the errors in the region for bad filters, and pushes no URL", async () => {
    const admin = await createAdmin();
    const result = await callRoute(
      fragmentLoader,
      getRequest("/resources/admin-audit?ip=not-an-ip", { cookie: admin.cookie, htmx: true }),
    );
    expect(result.status).toBe(200);
    expect(result.headers.get("HX-Push-Url")).toBeNull();
    expect(result.text).toContain('role="alert"');
    expect(result.text).toContain('<a href="#audit-ip">Enter an IPv4 or IPv6 address, like 203.0.113.7.</a>');
  });

  it("sends a plain request to the page", async () => {
    const admin = await createAdmin();
    const result = await callRoute(
      fragmentLoader,
      getRequest("/resources/admin-audit?action=LOGOUT", { cookie: admin.cookie }),
    );
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/admin/audit?action=LOGOUT");
  });

  it("escapes what users typed (XSS) in rows", async () => {
    const admin = await createAdmin();
    const ip = uniqueIp();
    await seed([
      { ip, action: "LOGIN_FAILURE", entityType: "<img src=x onerror=alert(1)>", at: new Date(Date.UTC(2026, 6, 3)) },
    ]);
    const result = await callRoute(
      fragmentLoader,
      getRequest(`/resources/admin-audit?ip=${ip}`, { cookie: admin.cookie, htmx: true }),
    );
    expect(result.text).not.toContain("<img src=x");
    expect(result.text).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});

describe("the detail view", () => {
  it("shows every column and the metadata, with secrets redacted; who for deleted and anonymous rows", async () => {
    const admin = await createAdmin();
    const gone = await createUser();
    const ip = uniqueIp();
    await seed([
      {
        ip,
        action: "PASSWORD_CHANGE",
        userId: null,
        entityType: "User",
        entityId: gone.id,
        userAgent: "Mozilla/5.0 Test",
        metadata: { count: 2, token: "should-never-show", reason: "manual" },
        at: new Date(Date.UTC(2026, 7, 1)),
      },
      { ip, action: "LOGIN_FAILURE", at: new Date(Date.UTC(2026, 7, 2)) },
    ]);
    await prisma.user.delete({ where: { id: gone.id } });
    const [anonymous, deleted] = await prisma.auditLog.findMany({
      where: { ipAddress: ip },
      orderBy: { timestamp: "desc" },
      select: { id: true },
    });
    const data = dataOf(
      await callRoute(entryLoader, getRequest(`/admin/audit/${deleted.id}`, { cookie: admin.cookie }), {
        id: deleted.id,
      }),
    );
    expect(data.entry).toMatchObject({
      id: deleted.id,
      action: "PASSWORD_CHANGE",
      who: "deleted",
      ipAddress: ip,
      entityId: gone.id,
    });
    expect(data.userAgent).toBe("Mozilla/5.0 Test");
    expect(data.metadata).toEqual([
      ["count", "2"],
      ["token", "[redacted]"],
      ["reason", "manual"],
    ]);
    const other = dataOf(
      await callRoute(entryLoader, getRequest(`/admin/audit/${anonymous.id}`, { cookie: admin.cookie }), {
        id: anonymous.id,
      }),
    );
    expect(other.entry.who).toBe("anonymous");
    expect(other.metadata).toEqual([]);
  });

  it("answers 404 for an unknown id", async () => {
    const admin = await createAdmin();
    for (const id of ["nope", "x".repeat(500)]) {
      const result = await callRoute(entryLoader, getRequest(`/admin/audit/${id}`, { cookie: admin.cookie }), { id });
      expect(result.status).toBe(404);
    }
  });
});

async function readCsv(result: { text?: string }): Promise<string[][]> {
  const text = result.text ?? "";
  // A small RFC 4180 reader: every cell is quoted.
  const rows: string[][] = [];
  for (const line of text.split("\r\n").filter(Boolean)) {
    const cells = [...line.matchAll(/"((?:[^"]|"")*)"(?:,|$)/g)].map((match) => match[1].replace(/""/g, '"'));
    rows.push(cells);
  }
  return rows;
}

describe("CSV export", () => {
  it("streams the filtered rows with safe cells, and audits the export", async () => {
    const admin = await createAdmin();
    const owner = await createUser();
    const ip = uniqueIp();
    await seed([
      {
        ip,
        action: "LOGIN_FAILURE",
        userAgent: '=HYPERLINK("http://evil.example","click")',
        entityType: "+cmd",
        entityId: "-2+3",
        metadata: { note: '@SUM(1,1), "quoted"\nnew line' },
        at: new Date(Date.UTC(2026, 8, 1, 8)),
      },
      { ip, action: "LOGIN_SUCCESS", userId: owner.id, userAgent: "\tTabbed", at: new Date(Date.UTC(2026, 8, 1, 9)) },
      { ip, action: "LOGOUT", userId: owner.id, userAgent: "\rCarriage", at: new Date(Date.UTC(2026, 8, 1, 10)) },
    ]);
    const before = new Date();
    const result = await callRoute(
      csvLoader,
      getRequest(`/admin/audit.csv?ip=${ip}&action=any`, { cookie: admin.cookie }),
    );
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(result.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="dracin-audit-\d{8}-\d{6}Z\.csv"$/,
    );
    const rows = await readCsv(result);
    expect(rows[0]).toEqual([
      "id",
      "timestamp",
      "action",
      "userId",
      "userEmail",
      "ipAddress",
      "userAgent",
      "entityType",
      "entityId",
      "metadata",
    ]);
    expect(rows.slice(1).map((row) => row[2])).toEqual(["LOGOUT", "LOGIN_SUCCESS", "LOGIN_FAILURE"]);
    expect(rows[1][4]).toBe(owner.email);
    expect(rows[1][6]).toBe("'\rCarriage");
    expect(rows[2][6]).toBe("'\tTabbed");
    expect(rows[3][6]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(rows[3][7]).toBe("'+cmd");
    expect(rows[3][8]).toBe("'-2+3");
    expect(JSON.parse(rows[3][9])).toEqual({ note: '@SUM(1,1), "quoted"\nnew line' });
    // Raw text: quotes doubled, no unquoted cell.
    expect(result.text).toContain('"\'=HYPERLINK(""http://evil.example"",""click"")"');

    const exports = await prisma.auditLog.findMany({
      where: { action: "ADMIN_EXPORT", userId: admin.id, timestamp: { gte: new Date(before.getTime() - 1000) } },
      select: { entityType: true, metadata: true },
    });
    expect(exports).toEqual([
      {
        entityType: "AuditLog",
        metadata: { format: "csv", action: null, filterUserId: null, ip, from: null, to: null },
      },
    ]);
  });

  it("records an email filter as the user id, or a hash for an unknown email, never the raw address", async () => {
    const admin = await createAdmin();
    const known = await createUser();
    await callRoute(
      csvLoader,
      getRequest(`/admin/audit.csv?email=${encodeURIComponent(known.email)}`, { cookie: admin.cookie }),
    );
    const unknown = `nobody-${Date.now()}@example.test`;
    const result = await callRoute(
      csvLoader,
      getRequest(`/admin/audit.csv?email=${encodeURIComponent(unknown)}`, { cookie: admin.cookie }),
    );
    expect(await readCsv(result)).toHaveLength(1);
    const rows = await prisma.auditLog.findMany({
      where: { action: "ADMIN_EXPORT", userId: admin.id },
      orderBy: { timestamp: "asc" },
      select: { metadata: true },
    });
    expect(rows[0].metadata).toMatchObject({ filterUserId: known.id });
    expect(rows[1].metadata).toMatchObject({
      filterUserId: null,
      filterEmailKey: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(JSON.stringify(rows)).not.toContain(unknown);
  });

  it("refuses bad filters with 400 and exports nothing", async () => {
    const admin = await createAdmin();
    const result = await callRoute(csvLoader, getRequest("/admin/audit.csv?from=2026-99-99", { cookie: admin.cookie }));
    expect(result.status).toBe(400);
    expect(result.text).toContain("from: Enter a date as YYYY-MM-DD.");
    expect(await prisma.auditLog.count({ where: { action: "ADMIN_EXPORT", userId: admin.id } })).toBe(0);
  });

  it("pages through in batches until the last row", async () => {
    const ip = uniqueIp();
    await seed(Array.from({ length: 23 }, (_, index) => ({ ip, at: new Date(Date.UTC(2026, 9, 1) + (index % 4)) })));
    const text = await new Response(auditCsvStream({ ip }, 5)).text();
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(24);
    const ids = lines.slice(1).map((line) => line.split(",")[0]);
    expect(new Set(ids).size).toBe(23);
    const expected = await listAudit({ ip }, null, 100);
    expect(ids).toEqual(expected.rows.map((row) => `"${row.id}"`));
  });
});

describe("the 30-day sign-in chart", () => {
  it("counts sign-ins and failures per UTC day, with zero days, in one query", async () => {
    const now = new Date("2031-05-15T10:00:00.000Z");
    const ip = uniqueIp();
    await seed([
      { ip, action: "LOGIN_SUCCESS", at: new Date("2031-05-15T00:00:00.000Z") },
      { ip, action: "LOGIN_SUCCESS", at: new Date("2031-05-15T09:59:00.000Z") },
      { ip, action: "LOGIN_FAILURE", at: new Date("2031-05-14T23:59:59.999Z") },
      { ip, action: "LOGIN_FAILURE", at: new Date("2031-05-14T00:00:00.000Z") },
      { ip, action: "LOGIN_FAILURE", at: new Date("2031-05-14T12:00:00.000Z") },
      { ip, action: "LOGIN_SUCCESS", at: new Date("2031-04-16T00:00:00.000Z") },
      // Outside the window, or not a sign-in.
      { ip, action: "LOGIN_SUCCESS", at: new Date("2031-04-15T23:59:59.999Z") },
      { ip, action: "LOGOUT", at: new Date("2031-05-15T01:00:00.000Z") },
      { ip, action: "LOGIN_THROTTLED", at: new Date("2031-05-15T01:00:00.000Z") },
    ]);
    const days = await loginChart(now);
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual({ day: "2031-04-16", success: 1, failure: 0 });
    expect(days[28]).toEqual({ day: "2031-05-14", success: 0, failure: 3 });
    expect(days[29]).toEqual({ day: "2031-05-15", success: 2, failure: 0 });
    expect(days.slice(1, 28).every((day) => day.success === 0 && day.failure === 0)).toBe(true);
  });

  it("is on the audit page, with the last 30 days", async () => {
    const admin = await createAdmin();
    const data = dataOf(await page(admin, ""));
    expect(data.chart).toHaveLength(30);
    expect(data.chart[29].day).toBe(new Date().toISOString().slice(0, 10));
  });
});

describe("the audit page's chart cache", () => {
  it("reuses one count for a minute per instance, then counts again", async () => {
    const { recentLoginChart, CHART_CACHE_MS } = await import("~/models/admin-audit.server");
    const start = Date.now() + 10 * CHART_CACHE_MS; // a fresh cache slot, away from other tests' calls
    const at = new Date(start - 1000);
    const day = at.toISOString().slice(0, 10);
    const count = (days: { day: string; success: number }[]) => days.find((entry) => entry.day === day)?.success;
    const first = await recentLoginChart(start);
    await prisma.auditLog.create({ data: { action: "LOGIN_SUCCESS", timestamp: at } });
    const cached = await recentLoginChart(start + CHART_CACHE_MS - 1);
    expect(count(cached)).toBe(count(first));
    const fresh = await recentLoginChart(start + CHART_CACHE_MS);
    expect(count(fresh)).toBe(count(first)! + 1);
  });
});
