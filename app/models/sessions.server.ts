/**
 * Session rows. The cookie carries an opaque random token; the table keeps
 * only its SHA-256 (a leaked database does not hand out live sessions).
 *
 * A session ends at `expires` (SESSION_MAX_AGE_DAYS after sign-in, never
 * extended) or SESSION_IDLE_DAYS after `lastSeenAt`, whichever comes first;
 * `lastSeenAt` is written at most once a minute (docs/decisions/003-sessions.md).
 */
import crypto from "node:crypto";
import { writeAudit } from "~/models/audit.server";
import { auditRefusal } from "~/models/authz-audit.server";
import type { UserWithVerification } from "~/models/users.server";
import { engine, prisma, transaction } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { dateOrNull, defineHotStatement, hotRow, type SqlMs } from "~/utils/hot-statements.server";
import type { RequestInfo } from "~/utils/request.server";

const DAY_MS = 24 * 60 * 60 * 1000;
/** `lastSeenAt` is rewritten only when it is older than this. */
export const LAST_SEEN_INTERVAL_MS = 60_000;

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("base64url");
}

export function newToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

function idleMs(): number {
  return getEnv().SESSION_IDLE_DAYS * DAY_MS;
}

export async function createSession(userId: string, maxAgeMs: number, info?: RequestInfo, now = new Date()) {
  const token = newToken();
  const expires = new Date(now.getTime() + maxAgeMs);
  await prisma.session.create({
    data: {
      userId,
      sessionToken: hashToken(token),
      expires,
      createdAt: now,
      lastSeenAt: now,
      userAgent: info?.userAgent ?? null,
      ipAddress: info?.ipAddress ?? null,
    },
    select: { id: true },
  });
  return { token, expires };
}

/** True while a session is within both its absolute lifetime and its idle timeout. */
export function isSessionLive(session: { expires: Date; lastSeenAt: Date }, now = new Date()): boolean {
  const at = now.getTime();
  return session.expires.getTime() > at && session.lastSeenAt.getTime() + idleMs() > at;
}

/*
 * How DateTime values sit in SQLite here: Prisma's better-sqlite3 adapter
 * writes TEXT like "2026-11-27T13:29:27.496+00:00", while rows that got a
 * column's DEFAULT CURRENT_TIMESTAMP (the sessions that existed when the
 * lastSeenAt/createdAt migration ran) hold "2026-11-27 13:29:27". Both are
 * UTC, but they do not compare as text (" " < "T"), and $queryRaw turns the
 * second kind into a Date in the server's LOCAL time zone. So raw SQL reads
 * and compares them through julianday(), which parses both as UTC
 * (tests/integration/sessions.test.ts covers both kinds).
 * PostgreSQL stores them as timestamp(3) in UTC and reads them with EXTRACT(EPOCH)
 * (both through Dialect.ms in app/utils/hot-statements.server.ts).
 */

/** The session row and its user's account fields, timestamps as epoch milliseconds (hot-statements.server.ts). */
interface SessionLookupRow {
  id: string;
  userId: string;
  email: string;
  name: string | null;
  role: string;
  locale: string | null;
  captionStyle: string | null;
  verifiedMs: SqlMs;
  expiresMs: SqlMs;
  lastSeenMs: SqlMs;
}

// Every signed-in request and progress beacon runs this: one indexed read of the session with
// its user's account fields (the header, the verify banner, /account read them from here, and /watch and
// /settings/captions the caption style: a short JSON text, so no query of their own).
// A disabled account has no live session: disabling deletes its rows, and a row that a sign-in
// racing the disable still wrote is not found here either.
const LOOKUP = defineHotStatement(
  "session-lookup",
  ({ ms }) => `SELECT s."id", s."userId", u."email", u."name", u."role", u."locale", u."captionStyle",
    ${ms('u."emailVerified"')} AS "verifiedMs", ${ms('s."expires"')} AS "expiresMs", ${ms('s."lastSeenAt"')} AS "lastSeenMs"
  FROM "Session" s JOIN "User" u ON u."id" = s."userId"
  WHERE s."sessionToken" = $1 AND u."disabledAt" IS NULL LIMIT 1`,
);

/**
 * The user of a live session, or null. An expired or idle row is removed.
 * Every signed-in request (and every progress beacon) runs this, so it is
 * ONE hot indexed read (Prisma's query planning costs about twice the query
 * itself here, docs/decisions/021-hot-statements.md), plus a conditional
 * UPDATE of lastSeenAt at most once a minute per session.
 */
export async function findSessionUserId(token: string, now = new Date()): Promise<string | null> {
  return (await findSessionViewer(token, now))?.userId ?? null;
}

/** Who a live session belongs to: their id, saved language and account fields, read with the session. */
export interface SessionViewer {
  userId: string;
  locale: string | null;
  /** The account's caption style as stored (JSON text; null = as authored): app/lib/caption-style-schema.ts reads it. */
  captionStyle: string | null;
  /** What getUserWithVerification() would return now. */
  user: UserWithVerification;
}

export async function findSessionViewer(token: string, now = new Date()): Promise<SessionViewer | null> {
  const row = await hotRow<SessionLookupRow>(LOOKUP, [hashToken(token)]);
  if (!row) return null;
  const at = now.getTime();
  // An unreadable timestamp (NULL from julianday) counts as ended: fail closed.
  const expiresMs = row.expiresMs === null ? Number.NaN : Math.round(row.expiresMs);
  const lastSeenMs = row.lastSeenMs === null ? Number.NaN : Math.round(row.lastSeenMs);
  if (!(expiresMs > at) || !(lastSeenMs + idleMs() > at)) {
    await prisma.$executeRaw`DELETE FROM "Session" WHERE "id" = ${row.id}`;
    return null;
  }
  if (lastSeenMs < at - LAST_SEEN_INTERVAL_MS) await touchSession(row.id, now);
  const user: UserWithVerification = {
    id: row.userId,
    email: row.email,
    name: row.name,
    role: row.role === "ADMIN" ? "ADMIN" : "USER",
    locale: row.locale,
    emailVerified: dateOrNull(row.verifiedMs),
  };
  return { userId: row.userId, locale: row.locale, captionStyle: row.captionStyle, user };
}

/**
 * Sets lastSeenAt to `now` unless it is already within LAST_SEEN_INTERVAL_MS
 * of it: conditional in SQL, so requests of one session that read the row at
 * the same time write it once (and app instances on one database agree).
 * True when the row was written.
 */
export async function touchSession(sessionId: string, now = new Date()): Promise<boolean> {
  const threshold = new Date(now.getTime() - LAST_SEEN_INTERVAL_MS);
  const changed =
    engine === "postgresql"
      ? await prisma.$executeRaw`
      UPDATE "Session" SET "lastSeenAt" = ${now} WHERE "id" = ${sessionId} AND "lastSeenAt" < ${threshold}`
      : await prisma.$executeRaw`
      UPDATE "Session" SET "lastSeenAt" = ${now}
      WHERE "id" = ${sessionId} AND julianday("lastSeenAt") < julianday(${threshold})`;
  return changed > 0;
}

export async function deleteSession(token: string): Promise<void> {
  await prisma.session.deleteMany({ where: { sessionToken: hashToken(token) } });
}

export interface UserSession {
  id: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expires: Date;
  /** The session of the request that asked. */
  current: boolean;
}

/**
 * The user's live sessions, most recent activity first. Rows past their
 * lifetime or idle timeout are deleted on the way.
 */
export async function listUserSessions(
  userId: string,
  currentTokenHash: string | null,
  now = new Date(),
): Promise<UserSession[]> {
  // Prisma reads both stored DateTime forms as UTC (only raw queries do not).
  const rows = await prisma.session.findMany({
    where: { userId },
    select: {
      id: true,
      sessionToken: true,
      userAgent: true,
      ipAddress: true,
      createdAt: true,
      lastSeenAt: true,
      expires: true,
    },
  });
  const dead = rows.filter((row) => !isSessionLive(row, now)).map((row) => row.id);
  if (dead.length > 0) await prisma.session.deleteMany({ where: { userId, id: { in: dead } } });
  return rows
    .filter((row) => !dead.includes(row.id))
    .map(({ sessionToken, ...row }) => ({ ...row, current: sessionToken === currentTokenHash }))
    .sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime() || b.createdAt.getTime() - a.createdAt.getTime());
}

/** The session row of a request (by its stored token hash), or null. */
export async function getSessionByTokenHash(tokenHash: string) {
  return prisma.session.findUnique({
    where: { sessionToken: tokenHash },
    select: { id: true, userId: true, createdAt: true, lastSeenAt: true, expires: true },
  });
}

/**
 * Ends one of the user's sessions (SESSION_REVOKED in the same transaction).
 * Null when the user has no session with that id: nothing changes. When the id
 * is another user's session, that refusal is audited (AUTHZ_FAILURE, kind
 * "ownership"). `current` tells whether it was the asking request's session.
 */
export async function revokeUserSession(
  userId: string,
  sessionId: string,
  currentTokenHash: string | null,
  info: RequestInfo,
): Promise<{ current: boolean } | null> {
  const outcome = await transaction(async (tx) => {
    const row = await tx.session.findUnique({ where: { id: sessionId }, select: { userId: true, sessionToken: true } });
    if (!row) return null;
    if (row.userId !== userId) return "another user's" as const;
    await tx.session.deleteMany({ where: { id: sessionId, userId } });
    await writeAudit(
      { action: "SESSION_REVOKED", userId, entityType: "Session", entityId: sessionId, metadata: { by: "user" }, info },
      tx,
    );
    return { current: row.sessionToken === currentTokenHash };
  });
  if (outcome !== "another user's") return outcome;
  await auditRefusal({
    kind: "ownership",
    userId,
    entityType: "Session",
    entityId: sessionId,
    info,
    details: { operation: "end-session", reason: "the session is another user's" },
  });
  return null;
}

/** Ends every session of the user except the asking one; one SESSION_REVOKED row. Returns how many ended. */
export async function revokeOtherSessions(userId: string, keepTokenHash: string, info: RequestInfo): Promise<number> {
  return transaction(async (tx) => {
    const ended = await tx.session.deleteMany({ where: { userId, sessionToken: { not: keepTokenHash } } });
    await writeAudit(
      {
        action: "SESSION_REVOKED",
        userId,
        entityType: "User",
        entityId: userId,
        metadata: { by: "user", count: ended.count, scope: "others" },
        info,
      },
      tx,
    );
    return ended.count;
  });
}
