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
import { ConfigError, getEnv } from "~/utils/env.server";
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
/** Rows given their MAC per statement when a database from before the chain is first opened. */
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

/** Reads the head without locking it (the verifier, the audit pages). */
export async function readHead(db: Pick<Tx, "auditChain"> = prisma): Promise<ChainHead> {
  const head = await db.auditChain.findUnique({ where: { id: 1 } });
  if (!head) throw new Error("The audit chain's head row (AuditChain id 1) is missing: run the migrations");
  return head;
}

/** Sets columns of many rows by id in one statement per engine. */
async function updateById(tx: Tx, columns: readonly string[], rows: readonly (readonly [string, ...unknown[]])[]) {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  const ph = () => (engine === "postgresql" ? `$${params.length}` : "?");
  if (engine === "postgresql") {
    const values = rows.map((row) => `(${row.map((value) => (params.push(value), ph())).join(", ")})`).join(", ");
    const casts = ["text", ...columns.map((column) => (column === "seq" ? "integer" : "text"))];
    const names = ["id", ...columns].map((name) => `"${name}"`).join(", ");
    const sets = columns.map((column, i) => `"${column}" = v."${column}"::${casts[i + 1]}`).join(", ");
    await tx.$executeRawUnsafe(
      `UPDATE "AuditLog" AS a SET ${sets} FROM (VALUES ${values}) AS v(${names}) WHERE a."id" = v."id"::text`,
      ...params,
    );
    return;
  }
  const sets = columns
    .map((column, c) => {
      const cases = rows.map((row) => (params.push(row[0], row[c + 1]), "WHEN ? THEN ?")).join(" ");
      return `"${column}" = CASE "id" ${cases} END`;
    })
    .join(", ");
  const ids = rows.map((row) => (params.push(row[0]), "?")).join(", ");
  await tx.$executeRawUnsafe(`UPDATE "AuditLog" SET ${sets} WHERE "id" IN (${ids})`, ...params);
}

/** Row ids already reported as not written by Dracin (logged once per process). */
const reported = new Set<string>();

/** Seals up to SEAL_BATCH pending rows, oldest first; returns the rows it sealed. */
async function sealBatch(): Promise<StoredAuditRow[]> {
  const key = auditKey();
  return prisma.$transaction(async (tx) => {
    const head = await lockHead(tx);
    const pending = await tx.auditLog.findMany({
      where: { seq: null, mac: { not: null } },
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
    if (sealed.length === 0) return [];
    await updateById(
      tx,
      ["seq", "prevHash", "hash"],
      sealed.map((row) => [row.id, row.seq, row.prevHash, row.hash] as const),
    );
    await tx.auditChain.update({ where: { id: 1 }, data: { seq, hash }, select: { id: true } });
    return sealed;
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
        for (;;) {
          const sealed = await sealBatch();
          total += sealed.length;
          notifySealed(sealed);
          if (sealed.length < SEAL_BATCH) break;
        }
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
 * At start: the chain must be keyed with this instance's key (another key
 * stops the server with a ConfigError). A database from before the chain
 * (rows without a MAC, nothing sealed yet) has its rows given their MAC
 * first, oldest first; then every pending row is sealed.
 */
export async function initialiseChain(): Promise<void> {
  const key = auditKey();
  const mine = keyId(key);
  const head = await readHead();
  if (head.keyId !== "" && head.keyId !== mine) {
    throw new ConfigError(
      "AUDIT_HMAC_KEY differs from the key that sealed this database's audit trail: set the same key on every instance",
    );
  }
  if (head.keyId === "") {
    await macLegacyRows(key);
    await prisma.auditChain.updateMany({ where: { id: 1, keyId: "" }, data: { keyId: mine } });
    const claimed = await readHead();
    if (claimed.keyId !== mine)
      throw new ConfigError("Another instance sealed the audit trail with another AUDIT_HMAC_KEY");
  }
  await sealPending();
}

/** Gives every row without a MAC its MAC (only before the chain has ever been keyed). */
async function macLegacyRows(key: string): Promise<void> {
  let total = 0;
  for (;;) {
    const rows = await prisma.auditLog.findMany({
      where: { mac: null, seq: null },
      orderBy: [{ timestamp: "asc" }, { id: "asc" }],
      take: LEGACY_BATCH,
      select: AUDIT_ROW_SELECT,
    });
    if (rows.length === 0) break;
    await prisma.$transaction(async (tx) => {
      await updateById(
        tx,
        ["actorId", "mac"],
        rows.map((row) => {
          const actorId = row.actorId ?? row.userId;
          return [row.id, actorId, rowMac(key, { ...row, actorId })] as const;
        }),
      );
    });
    total += rows.length;
  }
  if (total > 0) log.info("audit: rows from before the hash chain were given their MAC", { rows: total });
}
