/**
 * Verifies the audit trail's hash chain against the database: the head row,
 * then every sealed row in seq order (keyset pages, so a million rows stream
 * through in constant memory), then the pending ones. Used by the admin page
 * /admin/audit/verify and `npm run audit:verify`.
 */
import { ChainVerifier, type VerifyReport } from "~/models/audit-chain";
import { AUDIT_ROW_SELECT, auditKey, readHead, rowsBySeq } from "~/models/audit-seal.server";
import { prisma } from "~/utils/db.server";
import { nextTurn } from "~/utils/event-loop";

/** Rows read per query; the event loop gets a turn between pages (a page is ~20 ms of work). */
const PAGE = 1_000;

export interface AuditVerification extends VerifyReport {
  ms: number;
}

export async function verifyAuditTrail(key: string = auditKey()): Promise<AuditVerification> {
  const started = performance.now();
  // The head first: rows sealed while this runs come after it and are left for the next verification.
  const head = await readHead();
  const verifier = new ChainVerifier(key, { seq: head.checkpointSeq, hash: head.checkpointHash });
  // From the lowest possible seq: a row put back below the checkpoint is reported too.
  let after = -(2 ** 31);
  while (!verifier.done) {
    const rows = await rowsBySeq(after, head.seq, PAGE);
    for (const row of rows) verifier.sealed(row);
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1].seq ?? after;
    await nextTurn();
  }
  let cursor: string | undefined;
  while (!verifier.done) {
    const rows = await prisma.auditLog.findMany({
      where: { seq: null },
      orderBy: { id: "asc" },
      take: PAGE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: AUDIT_ROW_SELECT,
    });
    for (const row of rows) verifier.unsealed(row);
    if (rows.length < PAGE) break;
    cursor = rows[rows.length - 1].id;
  }
  const report = verifier.finish({ seq: head.seq, hash: head.hash });
  return { ...report, ms: Math.round(performance.now() - started) };
}
