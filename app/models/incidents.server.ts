/**
 * Incident controls for admins (docs/admin.md, "Incidents"): disabling and
 * enabling an account, signing everyone out, and the live sessions of every
 * user. Each change writes its audit row in the same transaction. Routes call
 * requireAdmin first; the changes check again, inside their transaction, that
 * the acting admin is still an enabled admin.
 *
 * A disabled account keeps its data, has no sessions, cannot sign in (password
 * or OAuth), and any session row that still appears for it (a sign-in racing
 * the disable) is treated as signed out by the session lookup.
 */
import net from "node:net";
import { z } from "zod";
import type { Prisma } from "~/generated/sqlite/client";
import { msg, type MessageKey } from "~/i18n";
import { decodeCursor, encodeCursor, optionalText, type Cursor } from "~/models/admin-audit.server";
import { writeAudit } from "~/models/audit.server";
import { containsText, prisma, transaction, type PrismaClient } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import type { RequestInfo } from "~/utils/request.server";

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSIONS_PAGE_SIZE = 50;

/** Admins who can still act: role ADMIN and not disabled (the last-admin rules count these). */
export const ENABLED_ADMIN: Prisma.UserWhereInput = { role: "ADMIN", disabledAt: null };

/** True when the account exists and is disabled. */
export async function isAccountDisabled(userId: string, db: Pick<PrismaClient, "user"> = prisma): Promise<boolean> {
  const row = await db.user.findUnique({ where: { id: userId }, select: { disabledAt: true } });
  return Boolean(row?.disabledAt);
}

/** The acting admin is still an enabled admin (checked inside the change's transaction). */
async function isEnabledAdmin(tx: Prisma.TransactionClient, adminId: string): Promise<boolean> {
  return (await tx.user.count({ where: { id: adminId, ...ENABLED_ADMIN } })) === 1;
}

export type AccountStateChange =
  | { ok: true; changed: boolean; endedSessions: number }
  | { ok: false; reason: "not-found" | "not-admin" | "self" | "last-admin" };

/**
 * Disables (sets disabledAt, ends every session, ACCOUNT_DISABLE) or enables
 * (clears it, ACCOUNT_ENABLE) an account, in one transaction. An admin cannot
 * disable themself, and the last enabled admin is never disabled. Setting the
 * state an account already has changes and records nothing.
 */
export async function setAccountDisabled(
  targetUserId: string,
  disable: boolean,
  adminId: string,
  info: RequestInfo,
  now = new Date(),
): Promise<AccountStateChange> {
  if (targetUserId.length > 64) return { ok: false, reason: "not-found" };
  return transaction(async (tx): Promise<AccountStateChange> => {
    const user = await tx.user.findUnique({
      where: { id: targetUserId },
      select: { id: true, role: true, disabledAt: true },
    });
    if (!user) return { ok: false, reason: "not-found" };
    if (!(await isEnabledAdmin(tx, adminId))) return { ok: false, reason: "not-admin" };
    if (disable && user.id === adminId) return { ok: false, reason: "self" };
    if (Boolean(user.disabledAt) === disable) return { ok: true, changed: false, endedSessions: 0 };
    if (disable && user.role === "ADMIN" && (await tx.user.count({ where: ENABLED_ADMIN })) <= 1) {
      return { ok: false, reason: "last-admin" };
    }
    // Conditional on the state read above, so two concurrent changes cannot both pass.
    const updated = await tx.user.updateMany({
      where: { id: user.id, disabledAt: disable ? null : { not: null } },
      data: { disabledAt: disable ? now : null },
    });
    if (updated.count !== 1) return { ok: false, reason: "not-found" };
    const ended = disable ? (await tx.session.deleteMany({ where: { userId: user.id } })).count : 0;
    await writeAudit(
      {
        action: disable ? "ACCOUNT_DISABLE" : "ACCOUNT_ENABLE",
        userId: adminId,
        entityType: "User",
        entityId: user.id,
        metadata: disable ? { by: "admin", endedSessions: ended } : { by: "admin" },
        info,
      },
      tx,
    );
    return { ok: true, changed: true, endedSessions: ended };
  });
}

/**
 * Ends every session of every user (the admin's own included) and writes
 * SESSIONS_END_ALL with the number ended. Null when the actor is no longer
 * an enabled admin (nothing ends).
 */
export async function endEverySession(adminId: string, info: RequestInfo): Promise<number | null> {
  return transaction(async (tx) => {
    if (!(await isEnabledAdmin(tx, adminId))) return null;
    const ended = await tx.session.deleteMany({});
    await writeAudit({ action: "SESSIONS_END_ALL", userId: adminId, metadata: { sessions: ended.count }, info }, tx);
    return ended.count;
  });
}

/**
 * Ends one session of any user: SESSION_REVOKED by the admin, about the
 * session, with its user in the metadata. Null when there is no such session.
 */
export async function endSessionAsAdmin(
  sessionId: string,
  adminId: string,
  info: RequestInfo,
): Promise<{ userId: string } | null> {
  if (sessionId.length > 64) return null;
  return transaction(async (tx) => {
    if (!(await isEnabledAdmin(tx, adminId))) return null;
    const row = await tx.session.findUnique({ where: { id: sessionId }, select: { userId: true } });
    if (!row) return null;
    await tx.session.deleteMany({ where: { id: sessionId } });
    await writeAudit(
      {
        action: "SESSION_REVOKED",
        userId: adminId,
        entityType: "Session",
        entityId: sessionId,
        metadata: { by: "admin", userId: row.userId },
        info,
      },
      tx,
    );
    return { userId: row.userId };
  });
}

// ---------------------------------------------------------------------------
// /admin/sessions: live sessions across users

export type SessionFilterField = "email" | "ip" | "user";
export const SESSION_FILTER_FIELDS: readonly SessionFilterField[] = ["email", "ip", "user"];

const SessionFilterSchema = z.object({
  email: optionalText(254),
  ip: optionalText(64).refine((value) => value === undefined || net.isIP(value) !== 0, {
    message: msg("admin.audit.error.ip"),
  }),
  user: optionalText(64).refine((value) => value === undefined || /^[A-Za-z0-9_-]+$/.test(value), {
    message: msg("incidents.sessions.error.user"),
  }),
});

export type SessionFilters = z.infer<typeof SessionFilterSchema>;
export type SessionFilterErrors = Partial<Record<SessionFilterField | "after", MessageKey>>;

export type SessionQuery =
  { ok: true; filters: SessionFilters; cursor: Cursor | null } | { ok: false; errors: SessionFilterErrors };

/** Filters and cursor of a /admin/sessions URL; message keys per field when something is wrong. */
export function parseSessionQuery(params: URLSearchParams): SessionQuery {
  const raw: Record<string, string> = {};
  for (const field of SESSION_FILTER_FIELDS) {
    const value = params.get(field);
    if (value !== null) raw[field] = value;
  }
  const errors: SessionFilterErrors = {};
  const parsed = SessionFilterSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      errors[String(issue.path[0]) as SessionFilterField] ??= issue.message as MessageKey;
    }
  }
  const after = params.get("after");
  const cursor = after === null || after === "" ? null : decodeCursor(after);
  if (cursor === undefined) errors.after = "incidents.sessions.error.cursor";
  if (!parsed.success || cursor === undefined) return { ok: false, errors };
  return { ok: true, filters: parsed.data, cursor };
}

/** The query string of a set of filters (only the ones set), plus an optional cursor. */
export function sessionFilterQuery(filters: SessionFilters, after?: string | null): string {
  const params = new URLSearchParams();
  for (const field of SESSION_FILTER_FIELDS) {
    const value = filters[field];
    if (value) params.set(field, value);
  }
  if (after) params.set("after", after);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export interface ActiveSession {
  id: string;
  userId: string;
  userEmail: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: Date;
  lastSeenAt: Date;
}

/**
 * One page of live sessions (within their lifetime and idle timeout, of
 * enabled accounts), most recently seen first, keyset-paginated on
 * (lastSeenAt, id) like the audit trail. `next` is the cursor of the
 * following page, or null on the last one.
 */
export async function listActiveSessions(
  filters: SessionFilters,
  cursor: Cursor | null,
  now = new Date(),
  pageSize = SESSIONS_PAGE_SIZE,
  db: PrismaClient = prisma,
): Promise<{ rows: ActiveSession[]; next: string | null }> {
  const idleSince = new Date(now.getTime() - getEnv().SESSION_IDLE_DAYS * DAY_MS);
  const and: Prisma.SessionWhereInput[] = [
    { expires: { gt: now } },
    { lastSeenAt: { gt: idleSince } },
    { user: { disabledAt: null, ...(filters.email ? { email: containsText(filters.email.toLowerCase()) } : {}) } },
  ];
  if (filters.ip) and.push({ ipAddress: filters.ip });
  if (filters.user) and.push({ userId: filters.user });
  if (cursor) {
    const at = new Date(cursor.t);
    and.push({ lastSeenAt: { lte: at } }, { OR: [{ lastSeenAt: { lt: at } }, { id: { lt: cursor.id } }] });
  }
  const found = await db.session.findMany({
    where: { AND: and },
    orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
    select: {
      id: true,
      userId: true,
      userAgent: true,
      ipAddress: true,
      createdAt: true,
      lastSeenAt: true,
      user: { select: { email: true } },
    },
  });
  const rows = found.slice(0, pageSize).map(({ user, ...row }) => ({ ...row, userEmail: user.email }));
  const last = rows[rows.length - 1];
  return {
    rows,
    next: found.length > pageSize && last ? encodeCursor({ t: last.lastSeenAt.getTime(), id: last.id }) : null,
  };
}
