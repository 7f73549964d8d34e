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
import { engine, prisma, sqlitePrimaryConnection, transaction } from "~/utils/db.server";
import { hotStatement } from "~/utils/sqlite-statements.server";
import { getEnv } from "~/utils/env.server";
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
 * PostgreSQL stores them as timestamp(3) in UTC and reads them with EXTRACT(EPOCH).
 */
// julianday() of 1970-01-01T00:00:00Z is 2440587.5 (inlined in the SQL below).

interface SessionLookupRow {
  id: string;
  userId: string;
  /** The user's saved language (User.locale), read in the same query: every signed-in page needs it. */
  locale: string | null;
  /** Epoch milliseconds as a float (a CAST to INTEGER would come back as a slower BigInt). */
  expiresMs: number | null;
  lastSeenMs: number | null;
}

const SQLITE_LOOKUP = `SELECT s."id", s."userId", u."locale",
    (julianday(s."expires") - 2440587.5) * 86400000.0 AS "expiresMs",
    (julianday(s."lastSeenAt") - 2440587.5) * 86400000.0 AS "lastSeenMs"
  FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."sessionToken" = ? LIMIT 1`;

async function lookupSession(sessionToken: string): Promise<SessionLookupRow | undefined> {
  const sqlite = await sqlitePrimaryConnection();
  if (sqlite) {
    // Straight on the primary's connection, prepared once: Prisma's pipeline around this
    // one indexed read cost more than the read (docs/decisions/008-sqlite-statement-cache.md).
    return hotStatement(sqlite, SQLITE_LOOKUP).get(sessionToken) as SessionLookupRow | undefined;
  }
  const rows = await prisma.$queryRaw<SessionLookupRow[]>`
    SELECT s."id", s."userId", u."locale",
      (EXTRACT(EPOCH FROM s."expires") * 1000)::float8 AS "expiresMs",
      (EXTRACT(EPOCH FROM s."lastSeenAt") * 1000)::float8 AS "lastSeenMs"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."sessionToken" = ${sessionToken} LIMIT 1`;
  return rows[0];
}

/**
 * The user of a live session, or null. An expired or idle row is removed.
 * Every signed-in request (and every progress beacon) runs this, so it is
 * ONE raw indexed read (Prisma's query planning costs about twice the query
 * itself here, docs/PERFORMANCE.md), plus a conditional UPDATE of lastSeenAt
 * at most once a minute per session.
 */
export async function findSessionUserId(token: string, now = new Date()): Promise<string | null> {
  return (await findSessionViewer(token, now))?.userId ?? null;
}

/** Who a live session belongs to, with their saved language; null as findSessionUserId. */
export interface SessionViewer {
  userId: string;
  locale: string | null;
}

export async function findSessionViewer(token: string, now = new Date()): Promise<SessionViewer | null> {
  const sessionToken = hashToken(token);
  const row = await lookupSession(sessionToken);
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
  return { userId: row.userId, locale: row.locale };
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
 * Null when the user has no session with that id (another user's id included):
 * nothing changes. `current` tells whether it was the asking request's session.
 */
export async function revokeUserSession(
  userId: string,
  sessionId: string,
  currentTokenHash: string | null,
  info: RequestInfo,
): Promise<{ current: boolean } | null> {
  return transaction(async (tx) => {
    const row = await tx.session.findFirst({ where: { id: sessionId, userId }, select: { sessionToken: true } });
    if (!row) return null;
    await tx.session.deleteMany({ where: { id: sessionId, userId } });
    await writeAudit(
      { action: "SESSION_REVOKED", userId, entityType: "Session", entityId: sessionId, metadata: { by: "user" }, info },
      tx,
    );
    return { current: row.sessionToken === currentTokenHash };
  });
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
