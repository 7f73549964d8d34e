/**
 * Leases for background jobs that one instance runs at a time (audit
 * pruning, audit shipping): a JobLease row per job. An instance holds the
 * lease while `leaseUntil` is in the future and `owner` is its id; anyone may
 * take an expired one. One conditional UPDATE decides, so two instances
 * never both win, on either engine.
 */
import crypto from "node:crypto";
import { isUniqueViolation, prisma } from "~/utils/db.server";

/** This process's name in JobLease.owner. */
export const INSTANCE_ID = `${process.pid}-${crypto.randomBytes(4).toString("hex")}`;

export interface JobState {
  cursor: number;
  lastRunAt: Date | null;
  lastError: string | null;
}

async function ensureRow(name: string): Promise<void> {
  try {
    await prisma.jobLease.upsert({ where: { name }, create: { name }, update: {}, select: { name: true } });
  } catch (error) {
    // Another instance created it at the same moment.
    if (!isUniqueViolation(error)) throw error;
  }
}

/**
 * Takes (or renews) the lease on `name` for `ms` milliseconds. Returns the
 * job's state when this instance holds it, null when another does.
 */
export async function acquireLease(name: string, ms: number): Promise<JobState | null> {
  await ensureRow(name);
  const now = new Date();
  const taken = await prisma.jobLease.updateMany({
    where: { name, OR: [{ owner: INSTANCE_ID }, { leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { owner: INSTANCE_ID, leaseUntil: new Date(now.getTime() + ms) },
  });
  if (taken.count === 0) return null;
  return prisma.jobLease.findUniqueOrThrow({
    where: { name },
    select: { cursor: true, lastRunAt: true, lastError: true },
  });
}

/** Gives the lease up (at shutdown), so another instance takes the job at once. */
export async function releaseLease(name: string): Promise<void> {
  await prisma.jobLease.updateMany({ where: { name, owner: INSTANCE_ID }, data: { leaseUntil: null } });
}

/** Records progress while holding the lease; false when the lease was lost (another instance took it). */
export async function recordJob(name: string, state: Partial<JobState>): Promise<boolean> {
  const done = await prisma.jobLease.updateMany({ where: { name, owner: INSTANCE_ID }, data: state });
  return done.count === 1;
}

/** A job's state whoever holds it (the admin pages, /readyz, /metrics). */
export async function jobState(name: string): Promise<JobState & { owner: string | null; leaseUntil: Date | null }> {
  const row = await prisma.jobLease.findUnique({ where: { name } });
  return row ?? { cursor: 0, lastRunAt: null, lastError: null, owner: null, leaseUntil: null };
}
