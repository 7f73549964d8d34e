/**
 * The audit trail's hash chain on the engine under test: rows written by
 * concurrent writers in several processes form one chain (no gaps, no forks),
 * and editing, deleting or inserting a row by hand breaks it where it happened.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { writeAudit } from "~/models/audit.server";
import { sealPending, settleSealing } from "~/models/audit-seal.server";
import { verifyAuditTrail } from "~/models/audit-verify.server";
import { prisma, transaction } from "~/utils/db.server";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const info = { ipAddress: "198.51.100.7", userAgent: "audit-chain test" };

async function sealed() {
  await settleSealing();
  await sealPending();
}

async function rowAt(seq: number) {
  const row = await prisma.auditLog.findUnique({ where: { seq } });
  if (!row) throw new Error(`no row ${seq}`);
  return row;
}

describe("the audit hash chain", () => {
  it("seals every row written, in and out of transactions, into one intact chain", async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 2 === 0
          ? writeAudit({ action: "LOGIN_FAILURE", metadata: { zeta: i, alpha: "x", mid: true, none: null }, info })
          : transaction((tx) => writeAudit({ action: "PROFILE_UPDATE", metadata: { i }, info }, tx)),
      ),
    );
    await sealed();
    const rows = await prisma.auditLog.findMany({
      orderBy: { seq: "asc" },
      select: { seq: true, hash: true, prevHash: true },
    });
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    const report = await verifyAuditTrail();
    expect(report).toMatchObject({ intact: true, pending: 0, firstSeq: 1, lastSeq: rows.length, broken: null });
  });

  it("keeps one chain while three processes write 60 rows each at once", async () => {
    const before = await prisma.auditChain.findUniqueOrThrow({ where: { id: 1 } });
    const tsx = path.join(root, "node_modules", ".bin", "tsx");
    await Promise.all(
      ["a", "b", "c"].map((tag) =>
        run(tsx, [path.join(root, "tests/helpers/audit-writer.ts"), "60", tag], { cwd: root, env: process.env }),
      ),
    );
    await sealed();
    const head = await prisma.auditChain.findUniqueOrThrow({ where: { id: 1 } });
    expect(head.seq).toBe(before.seq + 180);
    const written = await prisma.auditLog.count({ where: { userAgent: { startsWith: "audit-writer" } } });
    expect(written).toBe(180);
    expect(await prisma.auditLog.count({ where: { seq: null } })).toBe(0);
    const report = await verifyAuditTrail();
    expect(report).toMatchObject({ intact: true, rows: head.seq, lastSeq: head.seq });
  }, 60_000);

  it("names a row edited by hand as changed, and is intact again once it is put back", async () => {
    const row = await rowAt(5);
    await prisma.auditLog.update({ where: { id: row.id }, data: { ipAddress: "192.0.2.66" } });
    expect((await verifyAuditTrail()).broken).toMatchObject({ kind: "changed", reason: "fields", seq: 5, id: row.id });
    await prisma.auditLog.update({ where: { id: row.id }, data: { ipAddress: row.ipAddress } });
    expect((await verifyAuditTrail()).intact).toBe(true);

    await prisma.auditLog.update({ where: { id: row.id }, data: { metadata: { i: 999 } } });
    expect((await verifyAuditTrail()).broken).toMatchObject({ kind: "changed", seq: 5 });
    await prisma.auditLog.update({ where: { id: row.id }, data: { metadata: row.metadata ?? undefined } });
    expect((await verifyAuditTrail()).intact).toBe(true);
  });

  it("names deleted rows as missing, in the middle and at the end", async () => {
    const row = await rowAt(7);
    await prisma.auditLog.delete({ where: { id: row.id } });
    expect((await verifyAuditTrail()).broken).toMatchObject({ kind: "missing", reason: "gap", seq: 7, through: 7 });
    await prisma.auditLog.create({ data: row as never });

    const head = await prisma.auditChain.findUniqueOrThrow({ where: { id: 1 } });
    const last = await rowAt(head.seq);
    await prisma.auditLog.delete({ where: { id: last.id } });
    expect((await verifyAuditTrail()).broken).toMatchObject({ kind: "missing", reason: "tail", seq: head.seq });
    await prisma.auditLog.create({ data: last as never });
    expect((await verifyAuditTrail()).intact).toBe(true);
  });

  it("names a row inserted by hand, sealed or not, as inserted", async () => {
    const forged = await prisma.auditLog.create({
      data: { action: "LOGIN_SUCCESS", ipAddress: "192.0.2.1", timestamp: new Date() },
    });
    await sealed();
    expect(await prisma.auditLog.findUniqueOrThrow({ where: { id: forged.id } })).toMatchObject({ seq: null });
    expect((await verifyAuditTrail()).broken).toMatchObject({ kind: "inserted", reason: "forged", id: forged.id });
    await prisma.auditLog.delete({ where: { id: forged.id } });

    // Two rows swapped: each row's seal names the row it followed.
    const [a, b] = [await rowAt(3), await rowAt(4)];
    await prisma.$transaction([
      prisma.auditLog.update({ where: { id: a.id }, data: { seq: -3 } }),
      prisma.auditLog.update({ where: { id: b.id }, data: { seq: 3 } }),
      prisma.auditLog.update({ where: { id: a.id }, data: { seq: 4 } }),
    ]);
    expect((await verifyAuditTrail()).broken).toMatchObject({ kind: "changed", reason: "seal", seq: 3, id: b.id });
    await prisma.$transaction([
      prisma.auditLog.update({ where: { id: a.id }, data: { seq: -3 } }),
      prisma.auditLog.update({ where: { id: b.id }, data: { seq: 4 } }),
      prisma.auditLog.update({ where: { id: a.id }, data: { seq: 3 } }),
    ]);
    expect((await verifyAuditTrail()).intact).toBe(true);
  });

  it("keeps a row's user when the user is deleted, and refuses a row moved to another user", async () => {
    const user = await prisma.user.create({ data: { email: `chain-${Date.now()}@example.com` } });
    await writeAudit({ action: "REGISTER", userId: user.id, entityType: "User", entityId: user.id, info });
    await sealed();
    const row = await prisma.auditLog.findFirstOrThrow({ where: { actorId: user.id } });
    const other = await prisma.user.create({ data: { email: `chain-other-${Date.now()}@example.com` } });
    await prisma.auditLog.update({ where: { id: row.id }, data: { userId: other.id } });
    expect((await verifyAuditTrail()).broken).toMatchObject({ kind: "changed", reason: "user", id: row.id });
    await prisma.auditLog.update({ where: { id: row.id }, data: { userId: user.id } });
    await prisma.user.delete({ where: { id: user.id } });
    expect(await prisma.auditLog.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      userId: null,
      actorId: user.id,
    });
    expect((await verifyAuditTrail()).intact).toBe(true);
  });
});
