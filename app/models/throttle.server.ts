/**
 * Throttling, not lockout (docs/decisions/011-throttling.md): recent attempts
 * are counted from audit rows, so the limits hold across app instances that
 * share one database, and nothing is ever disabled — a throttled caller is
 * told when to try again (429 + Retry-After).
 *
 * A rule counts rows of one action in a sliding window, by client IP, by
 * subject (the HMAC of an email, or a user id, kept in AuditLog.entityId), or
 * by both. Callers write those rows through writeAudit with
 * entityType "Subject" / entityId subjectKey(email) (or the user id).
 */
import crypto from "node:crypto";
import { writeAudit, type AuditAction } from "~/models/audit.server";
import { auditRefusal, refusedPath } from "~/models/authz-audit.server";
import type { RequestInfo } from "~/utils/request.server";
import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

export interface ThrottleRule {
  /** The audit action whose rows are counted. */
  action: AuditAction;
  windowMs: number;
  /** The request is refused when this many rows are already in the window. */
  max: number;
  by: "ip" | "subject" | "subject+ip";
}

const MINUTE = 60_000;

/** The limits of each throttled endpoint. Every rule must pass. */
export const THROTTLES = {
  /** Failed sign-ins: 5 per 15 minutes per account and IP, 50 per IP. */
  login: [
    { action: "LOGIN_FAILURE", windowMs: 15 * MINUTE, max: 5, by: "subject+ip" },
    { action: "LOGIN_FAILURE", windowMs: 15 * MINUTE, max: 50, by: "ip" },
  ],
  /** New accounts: REGISTER_LIMIT_PER_HOUR (default 10) per hour per IP. */
  register: [{ action: "REGISTER", windowMs: 60 * MINUTE, max: 10, by: "ip" }],
  /** Reset emails: 3 per hour per email, 20 per hour per IP. */
  reset: [
    { action: "PASSWORD_RESET_REQUEST", windowMs: 60 * MINUTE, max: 3, by: "subject" },
    { action: "PASSWORD_RESET_REQUEST", windowMs: 60 * MINUTE, max: 20, by: "ip" },
  ],
  /**
   * Verification emails: 3 per 15 minutes per user (the registration mail counts), and per IP 20 resends
   * per hour on top of one registration mail per allowed new account (REGISTER_LIMIT_PER_HOUR).
   */
  verify: [
    { action: "EMAIL_VERIFICATION_REQUEST", windowMs: 15 * MINUTE, max: 3, by: "subject" },
    { action: "EMAIL_VERIFICATION_REQUEST", windowMs: 60 * MINUTE, max: 20, by: "ip" },
  ],
  /**
   * Re-entering the password for a sensitive step (password change, ending other sessions,
   * deleting the account): 5 wrong passwords per 15 minutes per user, so a stolen session
   * cookie is no password oracle.
   */
  reauth: [{ action: "LOGIN_FAILURE", windowMs: 15 * MINUTE, max: 5, by: "subject" }],
} satisfies Record<string, ThrottleRule[]>;

export type ThrottleKind = keyof typeof THROTTLES;

/**
 * The rules that follow REGISTER_LIMIT_PER_HOUR: registration itself, and the
 * per-IP limit of confirmation mails, since every new account is sent one
 * (so the IP may send that many plus the rule's own number of resends).
 */
function withConfiguredMax(kind: ThrottleKind, rule: ThrottleRule): ThrottleRule {
  const registrations = getEnv().REGISTER_LIMIT_PER_HOUR;
  if (kind === "register") return { ...rule, max: registrations };
  if (kind === "verify" && rule.by === "ip") return { ...rule, max: rule.max + registrations };
  return rule;
}

export type ThrottleResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * The key an email is counted (and audited) under: an HMAC, so an unknown
 * or mistyped email never sits in the audit trail in clear.
 */
export function subjectKey(email: string): string {
  return crypto
    .createHmac("sha256", getEnv().SESSION_SECRET)
    .update(`subject:${email.trim().toLowerCase()}`)
    .digest("hex")
    .slice(0, 32);
}

/**
 * Checks one endpoint's rules for a caller. `subject` is a subjectKey() or a
 * user id; rules that need a missing part are skipped.
 */
export async function checkThrottle(
  kind: ThrottleKind,
  caller: { ip: string | null; subject?: string | null },
  now = new Date(),
): Promise<ThrottleResult> {
  let retryAfterSeconds = 0;
  for (const configured of THROTTLES[kind] as ThrottleRule[]) {
    const rule = withConfiguredMax(kind, configured);
    const needsIp = rule.by !== "subject";
    const needsSubject = rule.by !== "ip";
    if ((needsIp && !caller.ip) || (needsSubject && !caller.subject)) continue;
    const since = new Date(now.getTime() - rule.windowMs);
    // The rows that fill the window, oldest first: when the max-th newest
    // leaves the window, one more attempt is allowed.
    const rows = await prisma.auditLog.findMany({
      where: {
        action: rule.action,
        timestamp: { gt: since },
        ...(needsIp ? { ipAddress: caller.ip } : {}),
        ...(needsSubject ? { entityId: caller.subject } : {}),
      },
      orderBy: { timestamp: "desc" },
      take: rule.max,
      select: { timestamp: true },
    });
    if (rows.length >= rule.max) {
      const oldest = rows[rows.length - 1].timestamp.getTime();
      const seconds = Math.max(1, Math.ceil((oldest + rule.windowMs - now.getTime()) / 1000));
      retryAfterSeconds = Math.max(retryAfterSeconds, seconds);
    }
  }
  return retryAfterSeconds > 0 ? { ok: false, retryAfterSeconds } : { ok: true };
}

/**
 * checkThrottle for every throttled endpoint but sign-in (which writes LOGIN_THROTTLED itself), with the
 * refusal recorded: AUTHZ_FAILURE, kind "throttle", the rule and Retry-After (rate-limited, never throws;
 * app/models/authz-audit.server.ts). `userId` is the signed-in caller, if any.
 */
export async function checkThrottleAudited(
  kind: Exclude<ThrottleKind, "login">,
  caller: { ip: string | null; subject?: string | null },
  request: Request,
  info: RequestInfo,
  userId: string | null = null,
): Promise<ThrottleResult> {
  const result = await checkThrottle(kind, caller);
  if (!result.ok) await auditThrottled(request, info, userId, kind, result.retryAfterSeconds);
  return result;
}

/** Records a throttled request (AUTHZ_FAILURE, kind "throttle"): `rule` names the limit it ran into. */
export function auditThrottled(
  request: Request,
  info: RequestInfo,
  userId: string | null,
  rule: string,
  retryAfterSeconds: number,
): Promise<void> {
  return auditRefusal({
    kind: "throttle",
    userId,
    info,
    details: { method: request.method, path: refusedPath(request), rule, retryAfter: retryAfterSeconds },
  });
}

/** "15 minutes" style wording for a Retry-After, rounded up to whole minutes. */
export function retryAfterMinutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/** A wrong current password on a signed-in form: audited, and counted by the "reauth" rule. */
export async function recordReauthFailure(userId: string, info: RequestInfo): Promise<void> {
  await writeAudit({
    action: "LOGIN_FAILURE",
    userId,
    entityType: "User",
    entityId: userId,
    metadata: { reason: "reauth" },
    info,
  });
}
