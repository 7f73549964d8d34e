/**
 * The audit trail's tamper evidence, without the database
 * (docs/decisions/023-audit-hash-chain.md). Each row carries a MAC over its
 * own fields, written with the row; the sealer then chains it: seq, the
 * previous row's hash, and hash = HMAC(seq, prevHash, mac). ChainVerifier
 * walks rows in seq order and names the first place the chain breaks.
 * Shared by the app, `npm run audit:verify` and the tests.
 */
import crypto from "node:crypto";

/** A row's own fields, as the MAC covers them. */
export interface AuditFields {
  id: string;
  timestamp: Date;
  action: string;
  /** The acting user's id, kept when the user is deleted (userId then becomes null). */
  actorId: string | null;
  entityType: string | null;
  entityId: string | null;
  metadata: unknown;
  ipAddress: string | null;
  userAgent: string | null;
}

/** A row as stored: its fields and its seal (null while pending). */
export interface StoredAuditRow extends AuditFields {
  userId: string | null;
  mac: string | null;
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
}

function hmac(key: string, text: string): string {
  return crypto.createHmac("sha256", key).update(text, "utf8").digest("hex");
}

/**
 * JSON with object keys sorted at every level: PostgreSQL's jsonb reorders
 * keys, so the text a row was sealed with is rebuilt from the values alone.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The MAC a row is written with: every field an investigator reads, the row's id included. */
export function rowMac(key: string, row: AuditFields): string {
  return hmac(
    key,
    canonicalJson([
      "dracin-audit-row-v1",
      row.id,
      row.timestamp.toISOString(),
      row.action,
      row.actorId,
      row.entityType,
      row.entityId,
      row.metadata ?? null,
      row.ipAddress,
      row.userAgent,
    ]),
  );
}

/** The chain's link: binds a row's place and its predecessor to its MAC. */
export function chainHash(key: string, seq: number, prevHash: string, mac: string): string {
  return hmac(key, `dracin-audit-chain-v1\n${seq}\n${prevHash}\n${mac}`);
}

/** Names a key without revealing it: instances compare it with the one the chain was sealed with. */
export function keyId(key: string): string {
  return hmac(key, "dracin-audit-key-id").slice(0, 16);
}

export type BreakKind = "changed" | "missing" | "inserted";

/** What exactly does not match (the admin page and the CLI each word it). */
export const BREAK_REASONS = {
  /** Rows seq…through are gone from the middle. */
  gap: "missing",
  /** Two rows claim one position. */
  duplicate: "inserted",
  /** The row's fields differ from those its MAC covers. */
  fields: "changed",
  /** The row's user differs from the one it was written for. */
  user: "changed",
  /** Its seq or prevHash differ from what it was sealed with. */
  seal: "changed",
  /** It was sealed after another row than the one before it now. */
  order: "inserted",
  /** The oldest rows were removed without a prune record that matches. */
  start: "missing",
  /** A row without a valid MAC: not written by Dracin. */
  forged: "inserted",
  /** The newest rows (seq…through) are gone. */
  tail: "missing",
  /** The head names a row before the last one, or another hash. */
  head: "changed",
} as const satisfies Record<string, BreakKind>;
export type BreakReason = keyof typeof BREAK_REASONS;

/** The first place the chain does not hold. */
export interface ChainBreak {
  kind: BreakKind;
  reason: BreakReason;
  /** The row where it was found (null when rows are missing at the end or the start). */
  id: string | null;
  /** The position where the chain breaks; with `through`, the range of missing rows. */
  seq: number;
  through?: number;
}

/** The CLI's words for a break (the admin page takes its own from the message catalogs). */
export function describeBreak(broken: ChainBreak): string {
  const where = broken.id ? `row ${broken.seq} (id ${broken.id})` : `position ${broken.seq}`;
  const range = broken.through && broken.through !== broken.seq ? `${broken.seq}–${broken.through}` : `${broken.seq}`;
  switch (broken.reason) {
    case "gap":
      return `${broken.kind}: rows ${range} are missing`;
    case "duplicate":
      return `${broken.kind}: a second row claims position ${broken.seq} (id ${broken.id})`;
    case "fields":
      return `${broken.kind}: the fields of ${where} differ from those it was written with`;
    case "user":
      return `${broken.kind}: the user of ${where} differs from the one it was written for`;
    case "seal":
      return `${broken.kind}: the seal of ${where} differs from the one it was given`;
    case "order":
      return `${broken.kind}: ${where} does not follow the row before it`;
    case "start":
      return `${broken.kind}: the rows up to ${broken.seq} were removed without a prune record that matches`;
    case "forged":
      return `${broken.kind}: row id ${broken.id} was not written by Dracin (no valid MAC)`;
    case "tail":
      return `${broken.kind}: the newest rows ${range} are missing`;
    case "head":
      return `${broken.kind}: the chain's head does not match its last row (${broken.seq})`;
  }
}

/** Where the kept rows start: the seq and hash of the last pruned row (0 and "" before any pruning). */
export interface Checkpoint {
  seq: number;
  hash: string;
}

export interface VerifyReport {
  intact: boolean;
  /** Sealed rows checked. */
  rows: number;
  /** Rows written but not yet sealed (their MAC holds); sealed within a second or two. */
  pending: number;
  firstSeq: number | null;
  lastSeq: number | null;
  broken: ChainBreak | null;
}

/** Metadata of an AUDIT_PRUNE row: what it removed and where the kept chain starts. */
export interface PruneMetadata {
  removed: number;
  throughSeq: number;
  throughHash: string;
  before: string;
}

function isPruneMetadata(value: unknown): value is PruneMetadata {
  if (typeof value !== "object" || value === null) return false;
  const { throughSeq, throughHash } = value as Record<string, unknown>;
  return typeof throughSeq === "number" && typeof throughHash === "string";
}

/**
 * Checks rows one at a time, sealed ones in seq order, then the pending ones;
 * keeps only the previous row, so a million rows stream through in constant
 * memory. Stops at the first break.
 */
export class ChainVerifier {
  private expectedSeq: number;
  private previousHash: string;
  private rows = 0;
  private pending = 0;
  private firstSeq: number | null = null;
  private lastSeq: number | null = null;
  private lastPrune: PruneMetadata | null = null;
  private broken: ChainBreak | null = null;

  constructor(
    private readonly key: string,
    private readonly checkpoint: Checkpoint,
  ) {
    this.expectedSeq = checkpoint.seq + 1;
    this.previousHash = checkpoint.hash;
  }

  get done(): boolean {
    return this.broken !== null;
  }

  private fail(reason: BreakReason, id: string | null, seq: number, through?: number): void {
    this.broken ??= { kind: BREAK_REASONS[reason], reason, id, seq, ...(through === undefined ? {} : { through }) };
  }

  /** The next sealed row (seq ascending). */
  sealed(row: StoredAuditRow): void {
    if (this.broken || row.seq === null) return;
    const seq = row.seq;
    if (seq > this.expectedSeq) {
      this.fail("gap", row.id, this.expectedSeq, seq - 1);
      return;
    }
    if (seq < this.expectedSeq) {
      this.fail("duplicate", row.id, seq);
      return;
    }
    if (row.mac === null || row.mac !== rowMac(this.key, row)) {
      this.fail("fields", row.id, seq);
      return;
    }
    if (row.userId !== null && row.userId !== row.actorId) {
      this.fail("user", row.id, seq);
      return;
    }
    if (row.prevHash === null || row.hash !== chainHash(this.key, seq, row.prevHash, row.mac)) {
      this.fail("seal", row.id, seq);
      return;
    }
    if (row.prevHash !== this.previousHash) {
      this.fail(this.rows === 0 && this.checkpoint.seq > 0 ? "start" : "order", row.id, seq);
      return;
    }
    if (row.action === "AUDIT_PRUNE" && isPruneMetadata(row.metadata)) this.lastPrune = row.metadata;
    this.firstSeq ??= seq;
    this.lastSeq = seq;
    this.rows += 1;
    this.expectedSeq = seq + 1;
    this.previousHash = row.hash;
  }

  /** A row not sealed yet: its own MAC must hold, or someone wrote it behind the application's back. */
  unsealed(row: StoredAuditRow): void {
    if (this.broken) return;
    if (row.mac === null || row.mac !== rowMac(this.key, row)) {
      this.fail("forged", row.id, this.expectedSeq);
      return;
    }
    this.pending += 1;
  }

  /** After every row: the head must name the last row, and a pruned start must match the last prune's record. */
  finish(head: Checkpoint): VerifyReport {
    if (!this.broken && this.checkpoint.seq > 0) {
      const prune = this.lastPrune;
      if (!prune || prune.throughSeq !== this.checkpoint.seq || prune.throughHash !== this.checkpoint.hash) {
        this.fail("start", null, this.checkpoint.seq);
      }
    }
    const last = this.expectedSeq - 1;
    if (!this.broken && head.seq > last) this.fail("tail", null, this.expectedSeq, head.seq);
    if (!this.broken && (head.seq < last || head.hash !== this.previousHash)) this.fail("head", null, last);
    return {
      intact: this.broken === null,
      rows: this.rows,
      pending: this.pending,
      firstSeq: this.firstSeq,
      lastSeq: this.lastSeq,
      broken: this.broken,
    };
  }
}
