/**
 * The audit trail audits itself: reading an entry writes AUDIT_VIEW, an export ADMIN_EXPORT. And the
 * export defuses spreadsheet formulas that users can plant in what the audit rows hold (their email,
 * their browser's User-Agent), through the real export route.
 */
import { describe, expect, it } from "vitest";
import { claimExportSlot } from "~/models/admin-audit.server";
import { refusalLimiter } from "~/models/authz-audit.server";
import { action as accountAction } from "~/routes/account";
import { loader as entryLoader } from "~/routes/admin.audit.$id";
import { loader as csvLoader } from "~/routes/admin.audit[.]csv";
import { action as registerAction } from "~/routes/register";
import { prisma } from "~/utils/db.server";
import { getRequest, postForm, TEST_USER_AGENT } from "../helpers/requests";
import { callRoute, dataOf } from "../helpers/route";
import { createAdmin, createUser, sessionCookieFrom } from "../helpers/users";

let ipCounter = 0;
function freshIp(): string {
  ipCounter += 1;
  return `192.0.2.${ipCounter}`;
}

describe("AUDIT_VIEW", () => {
  it("an admin reading an entry writes one AUDIT_VIEW row naming it", async () => {
    const admin = await createAdmin();
    const row = await prisma.auditLog.create({
      data: { action: "LOGIN_FAILURE", ipAddress: "10.1.1.1" },
      select: { id: true },
    });
    const ip = freshIp();
    const result = await callRoute(
      entryLoader,
      getRequest(`/admin/audit/${row.id}`, { cookie: admin.cookie }),
      { id: row.id },
      { clientIp: ip },
    );
    expect(result.status).toBe(200);
    const views = await prisma.auditLog.findMany({
      where: { action: "AUDIT_VIEW", userId: admin.id },
      select: { entityType: true, entityId: true, ipAddress: true, userAgent: true, metadata: true },
    });
    expect(views).toEqual([
      { entityType: "AuditLog", entityId: row.id, ipAddress: ip, userAgent: TEST_USER_AGENT, metadata: null },
    ]);
    // Each reading is one more row, its own view included.
    await callRoute(entryLoader, getRequest(`/admin/audit/${row.id}`, { cookie: admin.cookie }), { id: row.id });
    expect(await prisma.auditLog.count({ where: { action: "AUDIT_VIEW", userId: admin.id } })).toBe(2);
  });

  it("a refusal's entry says what was refused and what was left out; other entries say nothing of it", async () => {
    const admin = await createAdmin();
    const refusal = await prisma.auditLog.create({
      data: {
        action: "AUTHZ_FAILURE",
        metadata: { kind: "throttle", rule: "reauth", suppressed: 4, suppressedAll: 9 },
      },
      select: { id: true },
    });
    const odd = await prisma.auditLog.create({
      data: { action: "AUTHZ_FAILURE", metadata: { kind: "unheard-of" } },
      select: { id: true },
    });
    const open = (id: string) =>
      callRoute(entryLoader, getRequest(`/admin/audit/${id}`, { cookie: admin.cookie }), { id });
    expect(dataOf(await open(refusal.id))).toMatchObject({
      refusal: { kind: "throttle", suppressed: 4, suppressedAll: 9 },
      refusalLimits: { perSource: 1, perInstance: 60 },
    });
    expect(dataOf(await open(odd.id)).refusal).toBeNull();
    const other = await prisma.auditLog.create({ data: { action: "LOGOUT" }, select: { id: true } });
    expect(dataOf(await open(other.id)).refusal).toBeNull();
  });

  it("no AUDIT_VIEW for an unknown entry (404) or a viewer who is not an admin (403)", async () => {
    const admin = await createAdmin();
    const viewer = await createUser();
    const missing = await callRoute(entryLoader, getRequest("/admin/audit/nope", { cookie: admin.cookie }), {
      id: "nope",
    });
    expect(missing.status).toBe(404);
    const row = await prisma.auditLog.create({ data: { action: "LOGOUT" }, select: { id: true } });
    refusalLimiter.reset();
    const refused = await callRoute(entryLoader, getRequest(`/admin/audit/${row.id}`, { cookie: viewer.cookie }), {
      id: row.id,
    });
    expect(refused.status).toBe(403);
    expect(
      await prisma.auditLog.count({ where: { action: "AUDIT_VIEW", userId: { in: [admin.id, viewer.id] } } }),
    ).toBe(0);
    expect(await prisma.auditLog.count({ where: { action: "AUTHZ_FAILURE", userId: viewer.id } })).toBe(1);
  });
});

describe("the CSV export", () => {
  it("is audited, and a busy export's refusal is recorded as a throttled request", async () => {
    const admin = await createAdmin();
    const ip = freshIp();
    const result = await callRoute(csvLoader, getRequest(`/admin/audit.csv?ip=${ip}`, { cookie: admin.cookie }));
    expect(result.status).toBe(200);
    expect(
      await prisma.auditLog.findMany({
        where: { action: "ADMIN_EXPORT", userId: admin.id },
        select: { entityType: true, metadata: true },
      }),
    ).toEqual([{ entityType: "AuditLog", metadata: expect.objectContaining({ format: "csv", ip }) }]);

    const releases = [claimExportSlot(admin.id), claimExportSlot(admin.id)];
    refusalLimiter.reset();
    const busy = await callRoute(
      csvLoader,
      getRequest("/admin/audit.csv", { cookie: admin.cookie }),
      {},
      {
        clientIp: ip,
      },
    );
    for (const release of releases) release?.();
    expect(busy.status).toBe(429);
    expect(busy.headers.get("Retry-After")).toBe("30");
    const refusals = await prisma.auditLog.findMany({
      where: { action: "AUTHZ_FAILURE", userId: admin.id },
      select: { ipAddress: true, metadata: true },
    });
    expect(refusals).toEqual([
      {
        ipAddress: ip,
        metadata: {
          kind: "throttle",
          method: "GET",
          path: "/admin/audit.csv",
          rule: "export",
          retryAfter: 30,
          suppressed: 0,
          suppressedAll: 0,
        },
      },
    ]);
    // Only the export that ran is an ADMIN_EXPORT.
    expect(await prisma.auditLog.count({ where: { action: "ADMIN_EXPORT", userId: admin.id } })).toBe(1);
  });

  it("defuses formulas a viewer planted in their email, display name and browser", async () => {
    const admin = await createAdmin();
    const ip = freshIp();
    const formulaAgent = "=cmd|' /C calc'!A0";
    const name = '=HYPERLINK("http://evil.example","Click")';
    const email = `-2+3-${Date.now()}@evil.example`;
    const registered = await callRoute(
      registerAction,
      postForm(
        "/register",
        { name, email, password: "a long fine passphrase", redirectTo: "/" },
        { headers: { "User-Agent": formulaAgent } },
      ),
      {},
      { clientIp: ip },
    );
    expect(registered.status).toBe(303);
    const cookie = sessionCookieFrom(registered.headers);
    const renamed = await callRoute(
      accountAction,
      postForm(
        "/account",
        { intent: "profile", name: "@SUM(1+1)*cmd|' /C calc'!A0" },
        { cookie, headers: { "User-Agent": "+1+2\tsneaky" } },
      ),
      {},
      { clientIp: ip },
    );
    expect(renamed.status).toBeLessThan(400);

    const result = await callRoute(csvLoader, getRequest(`/admin/audit.csv?ip=${ip}`, { cookie: admin.cookie }));
    expect(result.status).toBe(200);
    const text = result.text ?? "";
    const lines = text.split("\r\n").filter(Boolean);
    const cells = lines.slice(1).map((line) => [...line.matchAll(/"((?:[^"]|"")*)"(?:,|$)/g)].map((m) => m[1]));
    const byAction = new Map(cells.map((row) => [row[2], row]));
    expect([...byAction.keys()].sort()).toEqual(["EMAIL_VERIFICATION_REQUEST", "PROFILE_UPDATE", "REGISTER"]);
    const register = byAction.get("REGISTER") ?? [];
    expect(register[4]).toBe(`'${email}`);
    expect(register[6]).toBe(`'=cmd|' /C calc'!A0`);
    const profile = byAction.get("PROFILE_UPDATE") ?? [];
    expect(profile[6]).toBe("'+1+2\tsneaky");
    // No cell a spreadsheet would run, anywhere; quoting otherwise as before (every cell quoted, CRLF lines).
    for (const row of cells) {
      expect(row).toHaveLength(10);
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(text).not.toMatch(/(^|,)"?[=+\-@]HYPERLINK/m);
  });
});
