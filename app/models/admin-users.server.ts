/**
 * User management for admins (/admin/users) and the admin:grant / admin:revoke
 * scripts: search, details, ending a user's sessions, changing a role. Every
 * change writes its audit row in the same transaction. There is always at
 * least one enabled admin: the last one can never be demoted (disabling
 * accounts is in incidents.server.ts).
 */
import { writeAudit } from "~/models/audit.server";
import { ENABLED_ADMIN } from "~/models/incidents.server";
import { listUserSessions, type UserSession } from "~/models/sessions.server";
import { containsText, prisma, transaction } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import type { RequestInfo } from "~/utils/request.server";

export type Role = "USER" | "ADMIN";
export const ROLES: readonly Role[] = ["USER", "ADMIN"];
export const USERS_PAGE_SIZE = 25;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface AdminUserListItem {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: Date;
  activeSessions: number;
  /** An admin has disabled the account. */
  disabled: boolean;
}

/**
 * Users whose email or name contains `q` (case-insensitive on both engines),
 * newest first, one page of USERS_PAGE_SIZE.
 */
export async function searchUsers(
  q: string,
  page: number,
  now = new Date(),
): Promise<{ users: AdminUserListItem[]; total: number; totalPages: number; page: number }> {
  const where = q ? { OR: [{ email: containsText(q) }, { name: containsText(q) }] } : {};
  const total = await prisma.user.count({ where });
  const totalPages = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const current = Math.min(page, totalPages);
  const idleSince = new Date(now.getTime() - getEnv().SESSION_IDLE_DAYS * DAY_MS);
  const rows = await prisma.user.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * USERS_PAGE_SIZE,
    take: USERS_PAGE_SIZE,
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      createdAt: true,
      disabledAt: true,
      _count: { select: { sessions: { where: { expires: { gt: now }, lastSeenAt: { gt: idleSince } } } } },
    },
  });
  return {
    users: rows.map(({ _count, disabledAt, ...user }) => ({
      ...user,
      activeSessions: _count.sessions,
      disabled: disabledAt !== null,
    })),
    total,
    totalPages,
    page: current,
  };
}

export interface AdminUserDetail {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: Date;
  /** Set while an admin has disabled the account. */
  disabledAt: Date | null;
  emailVerified: Date | null;
  hasPassword: boolean;
  providers: string[];
  sessions: UserSession[];
}

export async function getUserForAdmin(userId: string): Promise<AdminUserDetail | null> {
  if (userId.length > 64) return null;
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      createdAt: true,
      disabledAt: true,
      emailVerified: true,
      password: true,
      accounts: { select: { provider: true }, orderBy: { provider: "asc" } },
    },
  });
  if (!user) return null;
  const { password, accounts, ...rest } = user;
  return {
    ...rest,
    hasPassword: Boolean(password),
    providers: accounts.map((account) => account.provider),
    sessions: await listUserSessions(user.id, null),
  };
}

/**
 * Ends every session of a user (their cookies stop working at once). One
 * SESSION_REVOKED row about the user, by the admin. Null when no such user.
 */
export async function endAllSessions(targetUserId: string, adminId: string, info: RequestInfo): Promise<number | null> {
  return transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: targetUserId }, select: { id: true } });
    if (!user) return null;
    const ended = await tx.session.deleteMany({ where: { userId: targetUserId } });
    await writeAudit(
      {
        action: "SESSION_REVOKED",
        userId: adminId,
        entityType: "User",
        entityId: targetUserId,
        metadata: { by: "admin", count: ended.count },
        info,
      },
      tx,
    );
    return ended.count;
  });
}

export type RoleChange =
  | { ok: true; changed: boolean; from: Role; to: Role; email: string }
  | { ok: false; reason: "not-found" | "last-admin" };

export type RoleActor = { by: "admin"; adminId: string } | { by: "cli" };

/**
 * Sets a user's role. Refuses to demote the last admin (an admin may demote
 * themself only while another admin remains). A change writes ROLE_CHANGE
 * ({ from, to, by }); setting the role a user already has changes nothing.
 */
export async function changeRole(
  where: { id: string } | { email: string },
  to: Role,
  actor: RoleActor,
  info: RequestInfo,
): Promise<RoleChange> {
  return transaction(async (tx) => {
    const unique = "email" in where ? { email: where.email.trim().toLowerCase() } : { id: where.id };
    const user = await tx.user.findUnique({
      where: unique,
      select: { id: true, email: true, role: true, disabledAt: true },
    });
    if (!user) return { ok: false, reason: "not-found" } as const;
    const from = user.role;
    if (from === to) return { ok: true, changed: false, from, to, email: user.email } as const;
    // A disabled admin cannot act, so only enabled admins count (and demoting a disabled one leaves their number as it is).
    if (from === "ADMIN" && !user.disabledAt) {
      const admins = await tx.user.count({ where: ENABLED_ADMIN });
      if (admins <= 1) return { ok: false, reason: "last-admin" } as const;
    }
    // Conditional on the role read above, so two concurrent changes cannot both pass the check.
    const updated = await tx.user.updateMany({ where: { id: user.id, role: from }, data: { role: to } });
    if (updated.count !== 1) return { ok: false, reason: "not-found" } as const;
    await writeAudit(
      {
        action: "ROLE_CHANGE",
        userId: actor.by === "admin" ? actor.adminId : user.id,
        entityType: "User",
        entityId: user.id,
        metadata: { from, to, by: actor.by },
        info,
      },
      tx,
    );
    return { ok: true, changed: true, from, to, email: user.email } as const;
  });
}
