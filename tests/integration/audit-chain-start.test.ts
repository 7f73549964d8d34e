/**
 * The chain at a server's start, on the engine under test: a database from
 * before the chain has its rows sealed once, oldest first; after that a row
 * without a MAC is never sealed; another AUDIT_HMAC_KEY refuses to start.
 */
import { describe, expect, it } from "vitest";
import { keyId } from "~/models/audit-chain";
import { writeAudit } from "~/models/audit.server";
import {
  auditKey,
  initialiseChain,
  sealPending,
  sealRowsFromBeforeTheChain,
  settleSealing,
} from "~/models/audit-seal.server";
import { verifyAuditTrail } from "~/models/audit-verify.server";
import { prisma } from "~/utils/db.server";
import { ConfigError } from "~/utils/env.server";

const info = { ipAddress: "198.51.100.9", userAgent: "audit-chain-start test" };

describe("the audit chain at start", () => {
  it("seals the rows of a database from before the chain, oldest first, with their users", async () => {
    const user = await prisma.user.create({ data: { email: "before-the-chain@example.com" } });
    const start = Date.now() - 30 * 24 * 60 * 60 * 1000;
    await prisma.auditLog.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({
        id: `legacy-${String(i).padStart(3, "0")}`,
        action: i % 2 ? "LOGIN_SUCCESS" : "LOGIN_FAILURE",
        userId: i % 2 ? user.id : null,
        metadata: { i },
        ipAddress: "192.0.2.10",
        timestamp: new Date(start + (25 - i) * 60_000),
      })),
    });
    // Rows this version writes are sealed as they come, before and while the old ones wait.
    await writeAudit({ action: "REGISTER", metadata: { note: "new" }, info });
    await settleSealing();
    expect((await prisma.auditChain.findUniqueOrThrow({ where: { id: 1 } })).keyId).toBe("");

    await initialiseChain();
    expect(await sealRowsFromBeforeTheChain()).toBe(25);
    expect(await sealRowsFromBeforeTheChain()).toBe(0);
    const head = await prisma.auditChain.findUniqueOrThrow({ where: { id: 1 } });
    expect(head).toMatchObject({ seq: 26, keyId: keyId(auditKey()) });
    const legacy = await prisma.auditLog.findMany({
      where: { id: { startsWith: "legacy-" } },
      orderBy: { seq: "asc" },
      select: { id: true, actorId: true, userId: true },
    });
    // Oldest first: legacy-024 was written first.
    expect(legacy.map((row) => row.id)).toEqual(
      Array.from({ length: 25 }, (_, i) => `legacy-${String(24 - i).padStart(3, "0")}`),
    );
    for (const row of legacy) expect(row.actorId).toBe(row.userId);
    expect(await verifyAuditTrail()).toMatchObject({ intact: true, rows: 26 });
  });

  it("never seals a row without a MAC once the chain is keyed", async () => {
    await prisma.auditLog.create({ data: { id: "slipped-in", action: "ROLE_CHANGE", ipAddress: "192.0.2.11" } });
    await initialiseChain();
    expect(await sealRowsFromBeforeTheChain()).toBe(0);
    await sealPending();
    expect(await prisma.auditLog.findUniqueOrThrow({ where: { id: "slipped-in" } })).toMatchObject({ seq: null });
    expect((await verifyAuditTrail()).broken).toMatchObject({ kind: "inserted", reason: "forged", id: "slipped-in" });
    await prisma.auditLog.delete({ where: { id: "slipped-in" } });
    expect((await verifyAuditTrail()).intact).toBe(true);
  });

  it("seals rows written after more forged ones than a batch holds", async () => {
    const old = new Date(Date.now() - 60_000);
    await prisma.auditLog.createMany({
      data: Array.from({ length: 600 }, (_, i) => ({
        id: `forged-${i}`,
        action: "LOGIN_SUCCESS",
        mac: "0".repeat(64),
        timestamp: old,
      })),
    });
    await writeAudit({ action: "PASSWORD_CHANGE", metadata: { after: "forged" }, info });
    await settleSealing();
    await sealPending();
    const row = await prisma.auditLog.findFirstOrThrow({ where: { action: "PASSWORD_CHANGE" } });
    expect(row.seq).not.toBeNull();
    expect(await prisma.auditLog.count({ where: { id: { startsWith: "forged-" }, seq: { not: null } } })).toBe(0);
    await prisma.auditLog.deleteMany({ where: { id: { startsWith: "forged-" } } });
    expect((await verifyAuditTrail()).intact).toBe(true);
  });

  it("refuses to start, and to seal, with another key than the chain's", async () => {
    const { keyId: mine } = await prisma.auditChain.findUniqueOrThrow({ where: { id: 1 } });
    await prisma.auditChain.update({ where: { id: 1 }, data: { keyId: "another-key-0000" } });
    await expect(initialiseChain()).rejects.toThrow(ConfigError);
    await writeAudit({ action: "LOGOUT", info });
    await expect(sealPending()).rejects.toThrow(/AUDIT_HMAC_KEY/);
    await prisma.auditChain.update({ where: { id: 1 }, data: { keyId: mine } });
    await sealPending();
    expect(await verifyAuditTrail()).toMatchObject({ intact: true, pending: 0 });
  });
});
