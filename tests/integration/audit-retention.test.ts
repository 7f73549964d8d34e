/**
 * Retention and the admin's integrity page on the engine under test: old
 * rows are pruned in order with a sealed AUDIT_PRUNE record that keeps the
 * rest verifiable; a legal hold stops it; a broken part is never pruned;
 * `npm run audit:verify` and /admin/audit/verify report intact or the break,
 * and audit themselves.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { writeAudit } from "~/models/audit.server";
import { sealPending, settleSealing } from "~/models/audit-seal.server";
import { PRUNE_JOB, pruneAuditTrail, retentionSummary, setLegalHold } from "~/models/audit-retention.server";
import { SHIP_JOB, startAuditShipping } from "~/models/audit-shipping.server";
import { verifyAuditTrail } from "~/models/audit-verify.server";
import { action as verifyAction, loader as verifyLoader } from "~/routes/admin.audit.verify";
import { prisma } from "~/utils/db.server";
import { runAuditVerify } from "../../scripts/audit-verify";
import { getRequest, postForm } from "../helpers/requests";
import { callRoute, dataOf } from "../helpers/route";
import { createUser, type TestUser } from "../helpers/users";

const DAY = 24 * 60 * 60 * 1000;
const info = { ipAddress: "198.51.100.8", userAgent: "audit-retention test" };

// The file runs on a clock of its own that only moves forward (rows are dated as they are written, and the
// chain's order is the order of writing), so "a year later" is a call away.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
});
afterAll(() => vi.useRealTimers());

function advanceDays(days: number): void {
  vi.setSystemTime(new Date(Date.now() + days * DAY));
}

async function sealed(): Promise<void> {
  await settleSealing();
  await sealPending();
}

/** Writes `count` rows now, and seals them. */
async function writeRows(count: number, tag: string): Promise<void> {
  for (let i = 0; i < count; i++) await writeAudit({ action: "LOGIN_FAILURE", metadata: { tag, i }, info });
  await sealed();
}

async function head() {
  return prisma.auditChain.findUniqueOrThrow({ where: { id: 1 } });
}

async function olderThan(days: number): Promise<number> {
  return prisma.auditLog.count({ where: { timestamp: { lt: new Date(Date.now() - days * DAY) } } });
}

async function createAdmin(): Promise<TestUser> {
  const user = await createUser({ name: "Integrity Admin" });
  await prisma.user.update({ where: { id: user.id }, data: { role: "ADMIN" }, select: { id: true } });
  return user;
}

describe("audit retention", () => {
  it("prunes rows older than the retention period with a sealed record, and the rest still verifies", async () => {
    await writeRows(30, "old");
    advanceDays(390);
    await writeRows(10, "recent");
    advanceDays(10);
    const before = await head();
    expect(await olderThan(365)).toBe(30);
    expect(await pruneAuditTrail(new Date(), 365)).toEqual({ status: "done", removed: 30, batches: 1 });

    expect(await olderThan(365)).toBe(0);
    const record = await prisma.auditLog.findFirstOrThrow({
      where: { action: "AUDIT_PRUNE" },
      orderBy: { seq: "desc" },
    });
    expect(record.seq).toBe(before.seq + 1);
    expect(record.metadata).toMatchObject({ removed: 30, throughSeq: 30 });
    const after = await head();
    expect(after).toMatchObject({ checkpointSeq: 30, seq: before.seq + 1 });
    expect(await verifyAuditTrail()).toMatchObject({ intact: true, firstSeq: 31, lastSeq: before.seq + 1 });
    expect((await prisma.jobLease.findUniqueOrThrow({ where: { name: PRUNE_JOB } })).lastRunAt).not.toBeNull();

    // Nothing more is due: a second run removes nothing and writes no record.
    expect(await pruneAuditTrail(new Date(), 365)).toEqual({ status: "done", removed: 0, batches: 0 });
    expect((await head()).seq).toBe(after.seq);
  });

  it("notices the oldest rows deleted by hand after a prune", async () => {
    const { checkpointSeq } = await head();
    const oldest = await prisma.auditLog.findUniqueOrThrow({ where: { seq: checkpointSeq + 1 } });
    await prisma.auditLog.delete({ where: { id: oldest.id } });
    expect((await verifyAuditTrail()).broken).toMatchObject({ kind: "missing" });
    await prisma.auditLog.create({ data: oldest as never });
    expect((await verifyAuditTrail()).intact).toBe(true);
  });

  it("prunes nothing under a legal hold, and audits the switch both ways", async () => {
    const admin = await createAdmin();
    await writeRows(5, "held");
    expect(await setLegalHold(true, admin.id, info)).toBe(true);
    expect(await setLegalHold(true, admin.id, info)).toBe(false);
    await sealed();
    advanceDays(400);
    const due = await olderThan(365);
    expect(due).toBeGreaterThan(5);
    expect(await pruneAuditTrail(new Date(), 365)).toEqual({ status: "held" });
    expect(await olderThan(365)).toBe(due);
    expect((await retentionSummary()).legalHold).toBe(true);

    expect(await setLegalHold(false, admin.id, info)).toBe(true);
    await sealed();
    expect(await pruneAuditTrail(new Date(), 365)).toEqual({ status: "done", removed: due, batches: 1 });
    const switches = await prisma.auditLog.findMany({
      where: { action: "AUDIT_HOLD_CHANGE", actorId: admin.id },
      orderBy: { seq: "asc" },
    });
    // The switch on was old enough to go; the switch off stays.
    expect(switches.map((row) => row.metadata)).toEqual([{ from: true, to: false }]);
    expect((await verifyAuditTrail()).intact).toBe(true);
  });

  it("keeps a broken part of the chain instead of pruning the evidence", async () => {
    await writeRows(4, "tampered");
    advanceDays(400);
    const { checkpointSeq } = await head();
    const victim = await prisma.auditLog.findFirstOrThrow({
      where: { metadata: { equals: { tag: "tampered", i: 2 } } },
    });
    await prisma.auditLog.update({ where: { id: victim.id }, data: { ipAddress: "192.0.2.99" } });
    const outcome = await pruneAuditTrail(new Date(), 365);
    expect(outcome).toEqual({ status: "broken", removed: 0, atSeq: victim.seq });
    expect((await head()).checkpointSeq).toBe(checkpointSeq);
    expect(await prisma.auditLog.findUnique({ where: { id: victim.id } })).not.toBeNull();
    expect((await prisma.jobLease.findUniqueOrThrow({ where: { name: PRUNE_JOB } })).lastError).toMatch(/broken/);

    await prisma.auditLog.update({ where: { id: victim.id }, data: { ipAddress: victim.ipAddress } });
    expect(await pruneAuditTrail(new Date(), 365)).toMatchObject({ status: "done" });
    expect(await prisma.auditLog.findUnique({ where: { id: victim.id } })).toBeNull();
    expect((await verifyAuditTrail()).intact).toBe(true);
  });

  it("keeps expired rows that have not been shipped off the box yet", async () => {
    await writeRows(3, "unshipped");
    advanceDays(400);
    const due = await olderThan(365);
    // A receiver that is not there: nothing is delivered, the ship cursor stays where it is.
    await prisma.jobLease.upsert({
      where: { name: SHIP_JOB },
      create: { name: SHIP_JOB, cursor: 0 },
      update: { cursor: 0 },
    });
    const stop = startAuditShipping({ url: "tcp://127.0.0.1:9", intervalMs: 60_000 });
    try {
      expect(await pruneAuditTrail(new Date(), 365)).toEqual({ status: "done", removed: 0, batches: 0 });
      expect(await olderThan(365)).toBe(due);
    } finally {
      await stop();
    }
    // Delivered up to the newest row: now they may go.
    const { seq } = await head();
    await prisma.jobLease.update({ where: { name: SHIP_JOB }, data: { cursor: seq } });
    const stopAgain = startAuditShipping({ url: "tcp://127.0.0.1:9", intervalMs: 60_000 });
    try {
      expect(await pruneAuditTrail(new Date(), 365)).toMatchObject({ status: "done", removed: due });
    } finally {
      await stopAgain();
    }
  });

  it("leaves the prune to the instance that holds the lease", async () => {
    await writeRows(2, "leased");
    advanceDays(400);
    await prisma.jobLease.update({
      where: { name: PRUNE_JOB },
      data: { owner: "another-instance", leaseUntil: new Date(Date.now() + 60_000) },
    });
    expect(await pruneAuditTrail(new Date(), 365)).toEqual({ status: "busy" });
    expect(await olderThan(365)).toBeGreaterThanOrEqual(2);
    await prisma.jobLease.update({ where: { name: PRUNE_JOB }, data: { leaseUntil: new Date(Date.now() - 1) } });
    expect(await pruneAuditTrail(new Date(), 365)).toMatchObject({ status: "done" });
    expect(await olderThan(365)).toBe(0);
  });
});

describe("verifying the audit trail", () => {
  it("reports intact from the command line, then the break, with an AUDIT_VERIFY row each time", async () => {
    await writeRows(3, "verify");
    const intact = await runAuditVerify();
    expect(intact.code).toBe(0);
    expect(intact.message).toMatch(/^The audit trail is intact: \d+ rows/);
    const row = await prisma.auditLog.findFirstOrThrow({
      where: { action: "LOGIN_FAILURE" },
      orderBy: { seq: "desc" },
    });
    await prisma.auditLog.update({ where: { id: row.id }, data: { action: "LOGIN_SUCCESS" } });
    const broken = await runAuditVerify();
    expect(broken.code).toBe(1);
    expect(broken.message).toContain(`changed: the fields of row ${row.seq} (id ${row.id})`);
    await prisma.auditLog.update({ where: { id: row.id }, data: { action: "LOGIN_FAILURE" } });
    const verifications = await prisma.auditLog.findMany({
      where: { action: "AUDIT_VERIFY" },
      orderBy: { seq: "asc" },
    });
    expect(verifications.map((entry) => (entry.metadata as { intact: boolean }).intact)).toEqual([true, false]);
  });

  it("shows the result on /admin/audit/verify, names the break, and audits who verified", async () => {
    const admin = await createAdmin();
    const page = dataOf(await callRoute(verifyLoader, getRequest("/admin/audit/verify", { cookie: admin.cookie })));
    expect(page.retention).toMatchObject({ days: 365, legalHold: false });

    const ok = dataOf(
      await callRoute(verifyAction, postForm("/admin/audit/verify", { intent: "verify" }, { cookie: admin.cookie })),
    ) as { report: { intact: boolean } };
    expect(ok.report.intact).toBe(true);
    // The file's clock stands still: seal this entry before the next one, which has the same time.
    await sealed();

    const row = await prisma.auditLog.findFirstOrThrow({
      where: { action: "LOGIN_FAILURE" },
      orderBy: { seq: "desc" },
    });
    await prisma.auditLog.delete({ where: { id: row.id } });
    const bad = dataOf(
      await callRoute(verifyAction, postForm("/admin/audit/verify", { intent: "verify" }, { cookie: admin.cookie })),
    ) as { report: { intact: boolean; broken: unknown } };
    expect(bad.report).toMatchObject({ intact: false, broken: { kind: "missing", reason: "gap", seq: row.seq } });
    await prisma.auditLog.create({ data: row as never });

    await sealed();
    const audited = await prisma.auditLog.findMany({
      where: { action: "AUDIT_VERIFY", userId: admin.id },
      orderBy: { seq: "asc" },
    });
    expect(audited.map((entry) => entry.metadata)).toEqual([
      expect.objectContaining({ intact: true, via: "web" }),
      expect.objectContaining({ intact: false, kind: "missing", atSeq: row.seq }),
    ]);
  });

  it("turns the legal hold on and off from the page, and refuses other forms and other viewers", async () => {
    const admin = await createAdmin();
    const on = await callRoute(
      verifyAction,
      postForm("/admin/audit/verify", { intent: "hold", hold: "on" }, { cookie: admin.cookie }),
    );
    expect(on.status).toBe(303);
    expect((await head()).legalHold).toBe(true);
    await callRoute(
      verifyAction,
      postForm("/admin/audit/verify", { intent: "hold", hold: "off" }, { cookie: admin.cookie }),
    );
    expect((await head()).legalHold).toBe(false);

    const invalid = await callRoute(
      verifyAction,
      postForm("/admin/audit/verify", { intent: "hold", hold: "maybe" }, { cookie: admin.cookie }),
    );
    expect(invalid.status).toBe(400);
    const viewer = await createUser();
    for (const fields of [{ intent: "verify" }, { intent: "hold", hold: "on" }] as Record<string, string>[]) {
      const refused = await callRoute(verifyAction, postForm("/admin/audit/verify", fields, { cookie: viewer.cookie }));
      expect(refused.status).toBe(403);
    }
    expect((await callRoute(verifyLoader, getRequest("/admin/audit/verify", { cookie: viewer.cookie }))).status).toBe(
      403,
    );
    expect((await head()).legalHold).toBe(false);
    expect(await prisma.auditLog.count({ where: { actorId: viewer.id, action: "AUDIT_HOLD_CHANGE" } })).toBe(0);
  });
});
