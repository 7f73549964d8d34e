/**
 * The hash chain without a database: the MAC and the link, canonical JSON,
 * and the verifier's verdict for each way a chain can be tampered with.
 */
import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  chainHash,
  ChainVerifier,
  describeBreak,
  keyId,
  rowMac,
  type StoredAuditRow,
} from "~/models/audit-chain";

const KEY = "unit-test-audit-key-0123456789-abcdefghijklmnop";

function fields(i: number) {
  return {
    id: `row-${i}`,
    timestamp: new Date(Date.UTC(2026, 0, 1, 0, i)),
    action: i % 2 ? "LOGIN_SUCCESS" : "LOGIN_FAILURE",
    actorId: i % 3 ? `user-${i % 3}` : null,
    entityType: "User",
    entityId: `user-${i % 3}`,
    metadata: { i, via: "unit", nested: { b: 1, a: [true, null] } },
    ipAddress: `192.0.2.${i}`,
    userAgent: "unit test",
  };
}

/** A valid chain of `count` rows after the checkpoint (seq, hash). */
function chain(count: number, from = { seq: 0, hash: "" }): StoredAuditRow[] {
  const rows: StoredAuditRow[] = [];
  let { seq, hash } = from;
  for (let i = 1; i <= count; i++) {
    const row = fields(seq + 1);
    const mac = rowMac(KEY, row);
    seq += 1;
    const prevHash = hash;
    hash = chainHash(KEY, seq, prevHash, mac);
    rows.push({ ...row, userId: row.actorId, mac, seq, prevHash, hash });
  }
  return rows;
}

function verify(rows: StoredAuditRow[], checkpoint = { seq: 0, hash: "" }, head?: { seq: number; hash: string }) {
  const verifier = new ChainVerifier(KEY, checkpoint);
  for (const row of rows) (row.seq === null ? verifier.unsealed : verifier.sealed).call(verifier, row);
  const sealed = rows.filter((row) => row.seq !== null);
  const last = sealed[sealed.length - 1];
  return verifier.finish(head ?? { seq: last?.seq ?? checkpoint.seq, hash: last?.hash ?? checkpoint.hash });
}

describe("canonicalJson", () => {
  it("sorts keys at every level, so jsonb's reordering does not change a MAC", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: "x" }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":"x","z":0}]},"b":1}',
    );
    expect(canonicalJson(undefined)).toBe("null");
    expect(canonicalJson({ gone: undefined, kept: 'é\u2028"' })).toBe('{"kept":"é\u2028\\""}');
  });
});

describe("rowMac and chainHash", () => {
  it("cover every field an investigator reads", () => {
    const row = fields(1);
    const mac = rowMac(KEY, row);
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(rowMac(KEY, { ...row, metadata: { nested: { a: [true, null], b: 1 }, via: "unit", i: 1 } })).toBe(mac);
    for (const change of [
      { id: "row-x" },
      { timestamp: new Date(row.timestamp.getTime() + 1) },
      { action: "LOGOUT" },
      { actorId: "someone-else" },
      { entityType: null },
      { entityId: "user-9" },
      { metadata: { ...row.metadata, i: 2 } },
      { ipAddress: "192.0.2.200" },
      { userAgent: "another" },
    ]) {
      expect(rowMac(KEY, { ...row, ...change })).not.toBe(mac);
    }
    expect(rowMac(`${KEY}!`, row)).not.toBe(mac);
    expect(chainHash(KEY, 1, "", mac)).not.toBe(chainHash(KEY, 2, "", mac));
    expect(chainHash(KEY, 1, "", mac)).not.toBe(chainHash(KEY, 1, "a", mac));
    expect(keyId(KEY)).toHaveLength(16);
    expect(keyId(KEY)).not.toBe(keyId(`${KEY}!`));
  });
});

describe("ChainVerifier", () => {
  it("accepts an intact chain, with pending rows whose MAC holds", () => {
    const pendingFields = fields(50);
    const pending: StoredAuditRow = {
      ...pendingFields,
      userId: pendingFields.actorId,
      mac: rowMac(KEY, pendingFields),
      seq: null,
      prevHash: null,
      hash: null,
    };
    expect(verify([...chain(20), pending])).toEqual({
      intact: true,
      rows: 20,
      pending: 1,
      firstSeq: 1,
      lastSeq: 20,
      broken: null,
    });
    expect(verify([])).toMatchObject({ intact: true, rows: 0 });
  });

  it("names a changed field, a changed user, and a changed seal", () => {
    const rows = chain(10);
    rows[3] = { ...rows[3], ipAddress: "203.0.113.1" };
    expect(verify(rows).broken).toEqual({ kind: "changed", reason: "fields", id: "row-4", seq: 4 });

    const moved = chain(10);
    moved[5] = { ...moved[5], userId: "user-x" };
    expect(verify(moved).broken).toMatchObject({ kind: "changed", reason: "user", seq: 6 });
    // A deleted user leaves userId null: that is not a change.
    const deleted = chain(10).map((row) => ({ ...row, userId: null }));
    expect(verify(deleted).intact).toBe(true);

    const resealed = chain(10);
    resealed[2] = { ...resealed[2], hash: "0".repeat(64) };
    expect(verify(resealed).broken).toMatchObject({ kind: "changed", reason: "seal", seq: 3 });
  });

  it("names rows missing in the middle, at the end and at the start", () => {
    const rows = chain(10);
    expect(verify([...rows.slice(0, 4), ...rows.slice(7)]).broken).toEqual({
      kind: "missing",
      reason: "gap",
      id: "row-8",
      seq: 5,
      through: 7,
    });
    const head = { seq: 10, hash: rows[9].hash ?? "" };
    expect(verify(rows.slice(0, 8), undefined, head).broken).toMatchObject({
      kind: "missing",
      reason: "tail",
      seq: 9,
      through: 10,
    });
    // The oldest rows gone and the head's checkpoint moved to hide it: no prune record matches.
    expect(verify(rows.slice(3), { seq: 3, hash: rows[2].hash ?? "" }).broken).toMatchObject({
      kind: "missing",
      reason: "start",
      seq: 3,
    });
    // ...and without moving the checkpoint, the first row is a gap.
    expect(verify(rows.slice(3)).broken).toMatchObject({ kind: "missing", reason: "gap", seq: 1, through: 3 });
  });

  it("accepts a pruned start that the last AUDIT_PRUNE record vouches for", () => {
    const rows = chain(10);
    const through = rows[3];
    const recordFields = {
      ...fields(11),
      action: "AUDIT_PRUNE",
      actorId: null,
      metadata: { removed: 4, throughSeq: 4, throughHash: through.hash, before: "2026-01-01T00:00:00.000Z" },
    };
    const mac = rowMac(KEY, recordFields);
    const hash = chainHash(KEY, 11, rows[9].hash ?? "", mac);
    const record: StoredAuditRow = { ...recordFields, userId: null, mac, seq: 11, prevHash: rows[9].hash, hash };
    const checkpoint = { seq: 4, hash: through.hash ?? "" };
    expect(verify([...rows.slice(4), record], checkpoint)).toMatchObject({ intact: true, firstSeq: 5, lastSeq: 11 });
    expect(verify([...rows.slice(5), record], checkpoint).broken).toMatchObject({ reason: "gap", seq: 5 });
  });

  it("names inserted rows: a forged pending row, a second row in one place, rows swapped", () => {
    const rows = chain(6);
    const forged: StoredAuditRow = { ...rows[0], id: "forged", mac: null, seq: null, prevHash: null, hash: null };
    expect(verify([...rows, forged]).broken).toMatchObject({ kind: "inserted", reason: "forged", id: "forged" });

    expect(verify([...rows.slice(0, 3), { ...rows[2], id: "copy" }, ...rows.slice(3)]).broken).toMatchObject({
      kind: "inserted",
      reason: "duplicate",
      id: "copy",
    });

    // Row 4 taken out and a valid-looking row sealed after row 2 put in its place.
    const other = chain(6);
    const spliced = [
      ...rows.slice(0, 3),
      { ...other[3], prevHash: rows[1].hash, hash: chainHash(KEY, 4, rows[1].hash ?? "", other[3].mac ?? "") },
      ...rows.slice(4),
    ];
    expect(verify(spliced).broken).toMatchObject({ kind: "inserted", reason: "order", seq: 4 });

    const swapped = [rows[0], { ...rows[2], seq: 2 }, { ...rows[1], seq: 3 }, ...rows.slice(3)];
    expect(verify(swapped).broken).toMatchObject({ kind: "changed", reason: "seal", seq: 2 });
  });

  it("says where it breaks in words for the command line", () => {
    expect(describeBreak({ kind: "missing", reason: "gap", id: "x", seq: 5, through: 7 })).toBe(
      "missing: rows 5–7 are missing",
    );
    expect(describeBreak({ kind: "changed", reason: "fields", id: "abc", seq: 3 })).toBe(
      "changed: the fields of row 3 (id abc) differ from those it was written with",
    );
  });
});
