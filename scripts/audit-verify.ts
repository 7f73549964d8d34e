/**
 * Verifies the audit trail's hash chain from the shell:
 *
 *   npm run audit:verify
 *
 * Uses DATABASE_URL and AUDIT_HMAC_KEY (or DATA_DIR/audit-hmac-key) like the
 * app. Prints "intact" with the rows checked and the time taken, or the first
 * place the chain breaks and how (changed, missing, inserted), and writes an
 * AUDIT_VERIFY row with the outcome. Exit codes: 0 intact, 1 broken, 2 could
 * not verify (no database, no key). `npm run build` bundles this file to
 * build/audit-verify.js, which runs with plain node.
 */
import { describeBreak } from "~/models/audit-chain";
import { writeAudit } from "~/models/audit.server";
import { settleSealing } from "~/models/audit-seal.server";
import { verifyAuditTrail, type AuditVerification } from "~/models/audit-verify.server";
import { disconnectDatabases } from "~/utils/db.server";
import { ConfigError } from "~/utils/env.server";

export interface CliResult {
  code: 0 | 1 | 2;
  message: string;
  report?: AuditVerification;
}

export function summarise(report: AuditVerification): string {
  const range = report.firstSeq === null ? "" : ` (rows ${report.firstSeq}–${report.lastSeq})`;
  const pending = report.pending > 0 ? `; ${report.pending} written in the last moments and not sealed yet` : "";
  if (report.broken) {
    return `The audit trail is BROKEN: ${describeBreak(report.broken)}. ${report.rows} rows before it hold${range}. Checked in ${report.ms} ms.`;
  }
  return `The audit trail is intact: ${report.rows} rows${range}${pending}. Checked in ${report.ms} ms.`;
}

/** The whole command, without process.exit, so tests can call it. */
export async function runAuditVerify(): Promise<CliResult> {
  const report = await verifyAuditTrail();
  await writeAudit({
    action: "AUDIT_VERIFY",
    entityType: "AuditLog",
    metadata: {
      intact: report.intact,
      rows: report.rows,
      ms: report.ms,
      via: "cli",
      ...(report.broken ? { kind: report.broken.kind, reason: report.broken.reason, atSeq: report.broken.seq } : {}),
    },
    info: { ipAddress: null, userAgent: "cli: audit:verify" },
  });
  await settleSealing();
  return { code: report.intact ? 0 : 1, message: summarise(report), report };
}

function explain(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  if (/no such table|does not exist/i.test(text)) {
    return "The database has no audit tables yet: run `npm run db:migrate` (or start the app once), then try again.";
  }
  return `Could not verify the audit trail: ${text}`;
}

async function main(): Promise<number> {
  try {
    const result = await runAuditVerify();
    (result.code === 0 ? process.stdout : process.stderr).write(`${result.message}\n`);
    return result.code;
  } catch (error) {
    process.stderr.write(`${explain(error)}\n`);
    return 2;
  } finally {
    await disconnectDatabases().catch(() => undefined);
  }
}

// Run only as a program (node build/audit-verify.js, tsx scripts/audit-verify.ts), not when a test imports it.
const entry = process.argv[1] ?? "";
if (/audit-verify\.(ts|js|mjs)$/.test(entry)) {
  process.exitCode = await main();
}
