/**
 * The security audit log. Actions are one closed list; rows outlive their
 * user (userId becomes null when the user is deleted; actorId keeps it), and
 * each is sealed into a hash chain (docs/decisions/023-audit-hash-chain.md).
 */
import crypto from "node:crypto";
import type { Prisma } from "~/generated/sqlite/client";
import { type AuditFields, rowMac } from "~/models/audit-chain";
import { auditKey, sealSoon } from "~/models/audit-seal.server";
import { prisma } from "~/utils/db.server";
import { redact } from "~/utils/log.server";
import type { RequestInfo } from "~/utils/request.server";

export const AUDIT_ACTIONS = [
  "REGISTER",
  "LOGIN_SUCCESS",
  "LOGIN_FAILURE",
  "LOGIN_THROTTLED",
  "LOGOUT",
  "PASSWORD_CHANGE",
  "PASSWORD_RESET_REQUEST",
  "PASSWORD_RESET",
  "EMAIL_VERIFICATION_REQUEST",
  "EMAIL_VERIFIED",
  "OAUTH_LINK",
  "OAUTH_UNLINK",
  "OAUTH_FAILURE",
  "SESSION_REVOKED",
  "ACCOUNT_DELETE",
  "ROLE_CHANGE",
  "ADMIN_EXPORT",
  "PROFILE_UPDATE",
  "CATALOG_CACHE_CLEAR",
  // A refused request: an admin URL opened by a non-admin, a write to another viewer's data, a refused
  // cross-site or CSRF request, a throttled request (rate-limited so a flood cannot fill the table).
  "AUTHZ_FAILURE",
  // The audit trail auditing itself.
  "AUDIT_VIEW",
  "AUDIT_VERIFY",
  "AUDIT_PRUNE",
  "AUDIT_HOLD_CHANGE",
  // Incident controls.
  "ACCOUNT_DISABLE",
  "ACCOUNT_ENABLE",
  "SESSIONS_END_ALL",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEvent {
  action: AuditAction;
  userId?: string | null;
  entityType?: string;
  entityId?: string;
  metadata?: Record<string, string | number | boolean | null>;
  info: RequestInfo;
}

type Db = Pick<Prisma.TransactionClient, "auditLog">;

/** The row for an event, with its id, time and MAC (not yet sealed). */
export function auditRow(event: AuditEvent): Prisma.AuditLogUncheckedCreateInput & AuditFields & { mac: string } {
  const fields: AuditFields = {
    id: crypto.randomUUID(),
    // Set here, not by the database: the MAC covers it.
    timestamp: new Date(),
    action: event.action,
    actorId: event.userId ?? null,
    entityType: event.entityType ?? null,
    entityId: event.entityId ?? null,
    // Never a raw secret, even if a caller passes one by mistake.
    metadata: event.metadata ? redact(event.metadata) : null,
    ipAddress: event.info.ipAddress,
    userAgent: event.info.userAgent,
  };
  return {
    ...fields,
    userId: fields.actorId,
    metadata: fields.metadata ?? undefined,
    mac: rowMac(auditKey(), fields),
  };
}

/**
 * Writes one audit row with its MAC; pass a transaction client to commit it
 * with the change. The sealer chains it once it is committed
 * (app/models/audit-seal.server.ts).
 */
export async function writeAudit(event: AuditEvent, db: Db = prisma): Promise<void> {
  await db.auditLog.create({ data: auditRow(event), select: { id: true } });
  sealSoon(db !== prisma);
}
