/**
 * Audit retention (docs/decisions/023-audit-hash-chain.md): rows older than
 * AUDIT_RETENTION_DAYS are pruned oldest first, in batches, by one instance
 * at a time (the "audit-prune" lease), at start and daily. Each batch is
 * checked before it goes (a broken part of the chain is never pruned: it is
 * evidence), and leaves a sealed AUDIT_PRUNE row that records how many rows
 * went and the seq and hash the pruned part ended with, which the head keeps
 * as the checkpoint the remaining chain starts from. A legal hold stops it.
 */
import { ChainVerifier, chainHash, type PruneMetadata, type StoredAuditRow } from "~/models/audit-chain";
import { auditRow, writeAudit } from "~/models/audit.server";
import {
  AUDIT_ROW_SELECT,
  CHAIN_TRANSACTION,
  auditKey,
  lockHead,
  notifySealed,
  readHead,
} from "~/models/audit-seal.server";
import { prisma } from "~/utils/db.server";
import { SHIP_JOB, shippingConfigured } from "~/models/audit-shipping.server";
import { getEnv } from "~/utils/env.server";
import { nextTurn } from "~/utils/event-loop";
import { acquireLease, jobState, recordJob, releaseLease } from "~/utils/lease.server";
import { log } from "~/utils/log.server";
import type { RequestInfo } from "~/utils/request.server";

/** Rows removed per transaction (writers wait for the head lock meanwhile). */
export const PRUNE_BATCH = 5_000;
export const PRUNE_JOB = "audit-prune";
/** How long one instance keeps the pruning to itself (renewed per batch). */
const PRUNE_LEASE_MS = 10 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What the pruner itself writes as its request info. */
const JOB_INFO: RequestInfo = { ipAddress: null, userAgent: "dracin: audit retention job" };

export type PruneOutcome =
  | { status: "done"; removed: number; batches: number }
  | { status: "held" }
  | { status: "busy" }
  | { status: "broken"; removed: number; atSeq: number };

type BatchOutcome = { removed: number; held?: true; brokenAt?: number };

/**
 * Removes one batch of expired rows (never past `shippedSeq`: a row not yet shipped off the box stays) and
 * seals the AUDIT_PRUNE row that records it.
 */
async function pruneBatch(cutoff: Date, shippedSeq: number): Promise<BatchOutcome> {
  const key = auditKey();
  let sealedRecord: StoredAuditRow | null = null;
  const outcome = await prisma.$transaction(
    async (tx): Promise<BatchOutcome> => {
      const head = await lockHead(tx);
      if (head.legalHold) return { removed: 0, held: true };
      const candidates = await tx.auditLog.findMany({
        where: { seq: { gt: head.checkpointSeq, lte: Math.min(head.seq, shippedSeq) } },
        orderBy: { seq: "asc" },
        take: PRUNE_BATCH,
        select: AUDIT_ROW_SELECT,
      });
      const verifier = new ChainVerifier(key, { seq: head.checkpointSeq, hash: head.checkpointHash });
      let through: StoredAuditRow | null = null;
      for (const row of candidates) {
        // Contiguous from the oldest: stop at the first row still within the retention period.
        if (row.timestamp >= cutoff) break;
        verifier.sealed(row);
        if (verifier.done) break;
        through = row;
      }
      if (verifier.done) {
        const broken = verifier.finish({ seq: head.seq, hash: head.hash }).broken;
        return { removed: 0, brokenAt: broken?.seq ?? head.checkpointSeq + 1 };
      }
      if (!through || through.seq === null || through.hash === null) return { removed: 0 };
      const removed = await tx.auditLog.deleteMany({ where: { seq: { gt: head.checkpointSeq, lte: through.seq } } });
      const metadata: PruneMetadata = {
        removed: removed.count,
        throughSeq: through.seq,
        throughHash: through.hash,
        before: cutoff.toISOString(),
      };
      const row = auditRow({
        action: "AUDIT_PRUNE",
        entityType: "AuditLog",
        metadata: { ...metadata },
        info: JOB_INFO,
      });
      const seq = head.seq + 1;
      const hash = chainHash(key, seq, head.hash, row.mac);
      await tx.auditLog.create({ data: { ...row, seq, prevHash: head.hash, hash }, select: { id: true } });
      await tx.auditChain.update({
        where: { id: 1 },
        data: { seq, hash, checkpointSeq: through.seq, checkpointHash: through.hash },
        select: { id: true },
      });
      sealedRecord = { ...row, userId: null, seq, prevHash: head.hash, hash, metadata };
      return { removed: removed.count };
    },
    { ...CHAIN_TRANSACTION, timeout: 60_000 },
  );
  if (sealedRecord) notifySealed([sealedRecord]);
  return outcome;
}

/**
 * Prunes everything older than the retention period, if this instance gets
 * the lease (else "busy": another instance is at it).
 */
export async function pruneAuditTrail(
  now = new Date(),
  retentionDays = getEnv().AUDIT_RETENTION_DAYS,
): Promise<PruneOutcome> {
  if (!(await acquireLease(PRUNE_JOB, PRUNE_LEASE_MS))) return { status: "busy" };
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  let removed = 0;
  let batches = 0;
  try {
    for (;;) {
      // With shipping on, only rows already delivered may go.
      const shippedSeq = shippingConfigured() ? (await jobState(SHIP_JOB)).cursor : 2 ** 31 - 1;
      const batch = await pruneBatch(cutoff, shippedSeq);
      if (batch.held) {
        await recordJob(PRUNE_JOB, { lastRunAt: now, lastError: null });
        return { status: "held" };
      }
      if (batch.brokenAt !== undefined) {
        const message = `the chain is broken at row ${batch.brokenAt}: nothing from there on is pruned`;
        log.error("audit retention: not pruning a broken chain", { atSeq: batch.brokenAt });
        await recordJob(PRUNE_JOB, { lastRunAt: now, lastError: message });
        return { status: "broken", removed, atSeq: batch.brokenAt };
      }
      if (batch.removed === 0) break;
      removed += batch.removed;
      batches += 1;
      await acquireLease(PRUNE_JOB, PRUNE_LEASE_MS);
      await nextTurn();
    }
    await recordJob(PRUNE_JOB, { lastRunAt: now, lastError: null });
    if (removed > 0) log.info("audit retention: pruned", { removed, batches, before: cutoff.toISOString() });
    return { status: "done", removed, batches };
  } finally {
    await releaseLease(PRUNE_JOB);
  }
}

/** True when the last prune ran more than a day ago (or never): the hourly check then runs it. */
export async function pruneDue(now = new Date()): Promise<boolean> {
  const state = await jobState(PRUNE_JOB);
  return state.lastRunAt === null || now.getTime() - state.lastRunAt.getTime() >= DAY_MS - 5 * 60 * 1000;
}

/** Turns the legal hold on or off, audited (AUDIT_HOLD_CHANGE) in the same transaction. */
export async function setLegalHold(on: boolean, userId: string, info: RequestInfo): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const head = await lockHead(tx);
    if (head.legalHold === on) return false;
    await tx.auditChain.update({
      where: { id: 1 },
      data: { legalHold: on, updatedAt: new Date() },
      select: { id: true },
    });
    await writeAudit(
      { action: "AUDIT_HOLD_CHANGE", userId, entityType: "AuditLog", metadata: { from: head.legalHold, to: on }, info },
      tx,
    );
    return true;
  }, CHAIN_TRANSACTION);
}

export interface RetentionSummary {
  days: number;
  legalHold: boolean;
  /** The oldest row kept (null when there is none). */
  oldest: Date | null;
  /** How many sealed rows the chain holds (from the checkpoint to the head), and the last prune. */
  rows: number;
  lastPruneAt: Date | null;
  lastPruneError: string | null;
}

export async function retentionSummary(): Promise<RetentionSummary> {
  const [head, oldest, state] = await Promise.all([
    readHead(),
    prisma.auditLog.findFirst({ orderBy: [{ timestamp: "asc" }, { id: "asc" }], select: { timestamp: true } }),
    jobState(PRUNE_JOB),
  ]);
  return {
    days: getEnv().AUDIT_RETENTION_DAYS,
    legalHold: head.legalHold,
    oldest: oldest?.timestamp ?? null,
    rows: head.seq - head.checkpointSeq,
    lastPruneAt: state.lastRunAt,
    lastPruneError: state.lastError,
  };
}
