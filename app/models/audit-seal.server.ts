/**
 * Seals audit rows into the chain (docs/decisions/023-audit-hash-chain.md).
 * A row is written with its own MAC, in the transaction of the change it
 * records; right after, the sealer takes the chain's head row (a row lock on
 * PostgreSQL, the write lock on SQLite), so one database has one chain
 * whatever the number of writers and instances: each pending row whose MAC
 * holds gets the next seq, the previous hash and its own hash, and the head
 * moves on. A row without a valid MAC is left unsealed (the verifier reports
 * it as inserted).
 */
import type { Prisma } from "~/generated/sqlite/client";
import { chainHash, keyId, rowMac, type StoredAuditRow } from "~/models/audit-chain";
import { engine, prisma } from "~/utils/db.server";
import { dateOf, defineHotStatement, hotRows, type Dialect } from "~/utils/hot-statements.server";
import { ConfigError, getEnv } from "~/utils/env.server";
import { nextTurn } from "~/utils/event-loop";
import { acquireLease, recordJob, releaseLease } from "~/utils/lease.server";
import { log } from "~/utils/log.server";

type Tx = Prisma.TransactionClient;

/** Rows sealed per transaction (a sign-in writes one; a backlog after a restart drains in batches). */
const SEAL_BATCH = 500;
/**
 * A sealer may wait for a connection while the pool serves a burst, and for
 * the head lock while other instances seal: more than Prisma's defaults
 * (2 s and 5 s), so a busy moment delays a seal rather than failing it.
 */
export const CHAIN_TRANSACTION = { maxWait: 10_000, timeout: 30_000 };
/** The lease of the one instance that seals a database from before the chain, renewed per page. */
const LEGACY_JOB = "audit-legacy-seal";
const LEGACY_LEASE_MS = 5 * 60 * 1000;
/** Rows sealed per transaction when a database from before the chain is first opened. */
const LEGACY_BATCH = 1_000;

export const AUDIT_ROW_SELECT = {
  id: true,
  timestamp: true,
  action: true,
  userId: true,
  actorId: true,
  entityType: true,
  entityId: true,
  metadata: true,
  ipAddress: true,
  userAgent: true,
  mac: true,
  seq: true,
  prevHash: true,
  hash: true,
} as const satisfies Prisma.AuditLogSelect;

/**
 * Pages of rows read past Prisma (hot statements on the primary's own
 * connection): verifying or sealing a million rows spends its time on the
 * HMACs, not on Prisma's per-row work. By seq (the verifier) and by
 * (timestamp, id) (sealing a database from before the chain), keyset-paged.
 */
const ROW_COLUMNS = (d: Dialect) =>
  `"id", ${d.ms('"timestamp"')} AS "timestampMs", "timestamp" AS "timestampRaw", "action", "userId", "actorId", ` +
  `"entityType", "entityId", "metadata", "ipAddress", "userAgent", "mac", "seq", "prevHash", "hash"`;
const ROWS_BY_SEQ = defineHotStatement(
  "audit-rows-by-seq",
  (d) => `SELECT ${ROW_COLUMNS(d)} FROM "AuditLog" WHERE "seq" > $1 AND "seq" <= $2 ORDER BY "seq" LIMIT $3`,
);
const FIRST_ROWS_BY_TIME = defineHotStatement(
  "audit-first-rows-by-time",
  (d) => `SELECT ${ROW_COLUMNS(d)} FROM "AuditLog" ORDER BY "timestamp", "id" LIMIT $1`,
);
const ROWS_BY_TIME = defineHotStatement(
  "audit-rows-by-time",
  (d) =>
    `SELECT ${ROW_COLUMNS(d)} FROM "AuditLog" WHERE ("timestamp", "id") > ($1${engine === "postgresql" ? "::timestamp(3)" : ""}, $2) ` +
    `ORDER BY "timestamp", "id" LIMIT $3`,
);

/** A row as the drivers give it: the stored row, with the timestamp as epoch ms and as stored, metadata unparsed. */
type RawRow = Omit<StoredAuditRow, "timestamp" | "metadata"> & {
  timestampMs: number;
  /** The column as stored (SQLite's text), for a keyset cursor. */
  timestampRaw: string | Date;
  /** JSON text on SQLite, parsed by pg on PostgreSQL. */
  metadata: unknown;
};

function storedRow(raw: RawRow): StoredAuditRow {
  const { timestampMs, timestampRaw: _raw, metadata, ...rest } = raw;
  return {
    ...rest,
    timestamp: dateOf(timestampMs),
    metadata: typeof metadata === "string" ? (JSON.parse(metadata) as unknown) : (metadata ?? null),
    seq: rest.seq === null ? null : Number(rest.seq),
  };
}

/** Sealed rows with seq in (after, through], in seq order. */
export async function rowsBySeq(after: number, through: number, limit: number): Promise<StoredAuditRow[]> {
  return (await hotRows<RawRow>(ROWS_BY_SEQ, [after, through, limit])).map(storedRow);
}

type TimeCursor = { at: string | Date; id: string };

/** Rows after `cursor` in (timestamp, id) order, with the cursor of the last one. */
async function rowsByTime(cursor: TimeCursor | null, limit: number) {
  const raw = cursor
    ? await hotRows<RawRow>(ROWS_BY_TIME, [cursor.at, cursor.id, limit])
    : await hotRows<RawRow>(FIRST_ROWS_BY_TIME, [limit]);
  const last = raw[raw.length - 1];
  const next: TimeCursor | null = last
    ? { at: engine === "postgresql" ? dateOf(last.timestampMs) : last.timestampRaw, id: last.id }
    : null;
  return { rows: raw.map(storedRow), next };
}

export function auditKey(): string {
  return getEnv().AUDIT_HMAC_KEY;
}

export interface ChainHead {
  seq: number;
  hash: string;
  checkpointSeq: number;
  checkpointHash: string;
  legalHold: boolean;
  keyId: string;
}

/**
 * Locks the head row for the rest of the transaction and reads it. The write
 * comes first so SQLite takes its write lock before reading (a read first
 * would pin an older snapshot), and PostgreSQL makes a second writer wait for
 * the first to commit, then read what it wrote.
 */
export async function lockHead(tx: Tx): Promise<ChainHead> {
  const rows = await tx.$queryRaw<
    {
      seq: number | bigint;
      hash: string;
      checkpointSeq: number | bigint;
      checkpointHash: string;
      legalHold: unknown;
      keyId: string;
    }[]
  >`UPDATE "AuditChain" SET "seq" = "seq" WHERE "id" = 1 RETURNING "seq", "hash", "checkpointSeq", "checkpointHash", "legalHold", "keyId"`;
  const head = rows[0];
  if (!head) throw new Error("The audit chain's head row (AuditChain id 1) is missing: run the migrations");
  return {
    seq: Number(head.seq),
    hash: head.hash,
    checkpointSeq: Number(head.checkpointSeq),
    checkpointHash: head.checkpointHash,
    legalHold: head.legalHold === true || head.legalHold === 1 || head.legalHold === 1n,
    keyId: head.keyId,
  };
}

/** A row's place in the chain and its hash (both null while it waits to be sealed, or when there is no such row). */
export async function auditSeal(id: string): Promise<{ seq: number | null; hash: string | null }> {
  const row = await prisma.auditLog.findUnique({ where: { id }, select: { seq: true, hash: true } });
  return row ?? { seq: null, hash: null };
}

/** Reads the head without locking it (the verifier, the audit pages). */
export async function readHead(db: Pick<Tx, "auditChain"> = prisma): Promise<ChainHead> {
  const head = await db.auditChain.findUnique({ where: { id: 1 } });
  if (!head) throw new Error("The audit chain's head row (AuditChain id 1) is missing: run the migrations");
  return head;
}

/**
 * Sets columns of many rows by id in one statement: the rows travel as one
 * JSON array of arrays ([id, ...values]) and are joined by id, on both engines.
 */
async function updateById(tx: Tx, columns: readonly string[], rows: readonly (readonly [string, ...unknown[]])[]) {
  if (rows.length === 0) return;
  const names = ["id", ...columns];
  const sets = columns.map((column) => `"${column}" = v."${column}"`).join(", ");
  if (engine === "postgresql") {
    const picks = names
      .map((name, i) => `(value ->> ${i})${name === "seq" ? "::integer" : ""} AS "${name}"`)
      .join(", ");
    await tx.$executeRawUnsafe(
      `UPDATE "AuditLog" AS a SET ${sets} FROM (SELECT ${picks} FROM json_array_elements($1::json)) AS v WHERE a."id" = v."id"`,
      JSON.stringify(rows),
    );
    return;
  }
  const picks = names.map((name, i) => `json_extract(value, '$[${i}]') AS "${name}"`).join(", ");
  await tx.$executeRawUnsafe(
    `UPDATE "AuditLog" SET ${sets} FROM (SELECT ${picks} FROM json_each(?)) AS v WHERE "AuditLog"."id" = v."id"`,
    JSON.stringify(rows),
  );
}

/** Row ids already reported as not written by Dracin (logged once per process). */
const reported = new Set<string>();

interface SealBatch {
  sealed: StoredAuditRow[];
  /** Where the next batch starts (after the last row read, sealed or not), null when this one was the last. */
  next: { timestamp: Date; id: string } | null;
}

/**
 * Seals the pending rows after `after` (up to SEAL_BATCH, oldest first). A
 * row whose MAC does not hold is skipped, and the next batch starts after it,
 * so rows written behind the application's back never hold the others up.
 */
/** Rows written with their MAC and not yet given a place in the chain. */
const PENDING = { seq: null, mac: { not: null } } satisfies Prisma.AuditLogWhereInput;

async function sealBatch(after: { timestamp: Date; id: string } | null): Promise<SealBatch> {
  const key = auditKey();
  // The periodic sweep mostly finds nothing: a read then, not the head's lock (a write on every instance every few seconds).
  if (!after && !(await prisma.auditLog.findFirst({ where: PENDING, select: { id: true } }))) {
    return { sealed: [], next: null };
  }
  return prisma.$transaction(async (tx): Promise<SealBatch> => {
    const head = await lockHead(tx);
    if (head.keyId !== "" && head.keyId !== keyId(key)) {
      throw new Error("audit: this instance's AUDIT_HMAC_KEY is not the one that sealed the chain; not sealing");
    }
    const pending = await tx.auditLog.findMany({
      where: {
        ...PENDING,
        ...(after
          ? { OR: [{ timestamp: { gt: after.timestamp } }, { timestamp: after.timestamp, id: { gt: after.id } }] }
          : {}),
      },
      orderBy: [{ timestamp: "asc" }, { id: "asc" }],
      take: SEAL_BATCH,
      select: AUDIT_ROW_SELECT,
    });
    let { seq, hash } = head;
    const sealed: StoredAuditRow[] = [];
    for (const row of pending) {
      if (row.mac !== rowMac(key, row)) {
        if (!reported.has(row.id)) {
          reported.add(row.id);
          log.error("audit: a row without a valid MAC was not sealed (written outside Dracin?)", { id: row.id });
        }
        continue;
      }
      seq += 1;
      const prevHash = hash;
      hash = chainHash(key, seq, prevHash, row.mac);
      sealed.push({ ...row, seq, prevHash, hash });
    }
    const last = pending[pending.length - 1];
    const next = pending.length === SEAL_BATCH && last ? { timestamp: last.timestamp, id: last.id } : null;
    if (sealed.length === 0) return { sealed, next };
    await updateById(
      tx,
      ["seq", "prevHash", "hash"],
      sealed.map((row) => [row.id, row.seq, row.prevHash, row.hash] as const),
    );
    await tx.auditChain.update({ where: { id: 1 }, data: { seq, hash }, select: { id: true } });
    return { sealed, next };
  }, CHAIN_TRANSACTION);
}

type SealListener = (rows: readonly StoredAuditRow[]) => void;
const listeners = new Set<SealListener>();

/** Called with every batch of rows just sealed, in seq order (the shipper listens). */
export function onSealed(listener: SealListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells the listeners about rows sealed (by the sealer, or by the pruner's own record). */
export function notifySealed(rows: readonly StoredAuditRow[]): void {
  if (rows.length === 0) return;
  for (const listener of listeners) {
    try {
      listener(rows);
    } catch (error) {
      log.error("audit: a sealed-row listener failed", { error });
    }
  }
}

let running: Promise<number> | null = null;
let again = false;

/** Seals every pending row; one run at a time per process (a call during a run makes it go round once more). */
export function sealPending(): Promise<number> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    let total = 0;
    try {
      do {
        again = false;
        let after: SealBatch["next"] = null;
        do {
          const batch = await sealBatch(after);
          total += batch.sealed.length;
          notifySealed(batch.sealed);
          after = batch.next;
        } while (after);
      } while (again);
    } finally {
      running = null;
    }
    return total;
  })();
  return running;
}

function sealQuietly(): void {
  sealPending().catch((error: unknown) => log.error("audit: sealing failed; the rows stay pending", { error }));
}

/**
 * After a row was written: seal it now, or, when it was written inside a
 * transaction that has not committed yet, shortly after (and once more a
 * second later, for a slow commit). Startup and the periodic sweep catch
 * anything left (a crash between the write and its seal).
 */
export function sealSoon(inTransaction: boolean): void {
  if (!inTransaction) {
    sealQuietly();
    return;
  }
  setTimeout(sealQuietly, 20).unref();
  setTimeout(sealQuietly, 1_000).unref();
}

/** Waits for a seal in progress (shutdown, tests). */
export async function settleSealing(): Promise<void> {
  await running?.catch(() => undefined);
}

/**
 * At start, before serving: the chain must be keyed with this instance's key
 * (another key stops the server with a ConfigError). The first instance to
 * start on a database keys it, and, in the same transaction, notes that the
 * rows already there (from before the chain) are still to be sealed: that
 * happens in the background (sealRowsFromBeforeTheChain), so a large trail
 * does not hold the server's start.
 */
export async function initialiseChain(): Promise<void> {
  const mine = keyId(auditKey());
  const keyed = await prisma.$transaction(async (tx) => {
    const head = await lockHead(tx);
    if (head.keyId !== "") return head.keyId;
    await tx.auditChain.update({ where: { id: 1 }, data: { keyId: mine }, select: { id: true } });
    await tx.jobLease.upsert({ where: { name: LEGACY_JOB }, create: { name: LEGACY_JOB }, update: {} });
    return mine;
  }, CHAIN_TRANSACTION);
  if (keyed !== mine) {
    throw new ConfigError(
      "AUDIT_HMAC_KEY differs from the key that sealed this database's audit trail: set the same key on every instance",
    );
  }
}

/**
 * Seals the rows that were in the database when the chain was keyed, if that
 * is still to do and this instance gets the lease (one instance does it; its
 * cursor becomes 1 when done). Returns how many rows it sealed.
 */
export async function sealRowsFromBeforeTheChain(): Promise<number> {
  // The row exists (cursor 0) only from keying a database until its old rows are sealed.
  if ((await prisma.jobLease.count({ where: { name: LEGACY_JOB, cursor: 0 } })) === 0) return 0;
  if (!(await acquireLease(LEGACY_JOB, LEGACY_LEASE_MS))) return 0;
  try {
    const sealed = await sealLegacyRows(auditKey());
    await recordJob(LEGACY_JOB, { cursor: 1, lastRunAt: new Date(), lastError: null });
    return sealed;
  } finally {
    await releaseLease(LEGACY_JOB);
  }
}

/**
 * Seals the rows of a database from before the chain (no MAC), in
 * (timestamp, id) order: pages walk that index (a million rows take one index
 * scan, not a sort per page), each row is given its MAC as it stands and its
 * place in the chain. Rows this version wrote are left to the sealer.
 */
async function sealLegacyRows(key: string): Promise<number> {
  let cursor: TimeCursor | null = null;
  let total = 0;
  for (;;) {
    const page = await rowsByTime(cursor, LEGACY_BATCH);
    cursor = page.next;
    // Rows written by this version carry their MAC: the sealer takes them. The others predate the chain.
    const rows = page.rows
      .filter((row) => row.seq === null && row.mac === null)
      .map((row) => {
        const actorId = row.actorId ?? row.userId;
        return { ...row, actorId, mac: rowMac(key, { ...row, actorId }) };
      });
    if (rows.length > 0) {
      const sealed = await prisma.$transaction(async (tx) => {
        const head = await lockHead(tx);
        let { seq, hash } = head;
        const chained = rows.map((row) => {
          seq += 1;
          const prevHash = hash;
          hash = chainHash(key, seq, prevHash, row.mac);
          return { ...row, seq, prevHash, hash };
        });
        await updateById(
          tx,
          ["actorId", "mac", "seq", "prevHash", "hash"],
          chained.map((row) => [row.id, row.actorId, row.mac, row.seq, row.prevHash, row.hash] as const),
        );
        await tx.auditChain.update({ where: { id: 1 }, data: { seq, hash }, select: { id: true } });
        return chained;
      }, CHAIN_TRANSACTION);
      // No log line per old row (they were events long ago); the shipper reads them from the database.
      total += sealed.length;
    }
    if (page.rows.length < LEGACY_BATCH) break;
    await acquireLease(LEGACY_JOB, LEGACY_LEASE_MS);
    await nextTurn();
  }
  if (total > 0) log.info("audit: rows from before the hash chain were sealed", { rows: total });
  return total;
}
