/**
 * Session rows. The cookie carries an opaque random token; the table keeps
 * only its SHA-256 (a leaked database does not hand out live sessions).
 */
import crypto from "node:crypto";
import { prisma } from "~/utils/db.server";
import type { RequestInfo } from "~/utils/request.server";

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("base64url");
}

export function newToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export async function createSession(userId: string, maxAgeMs: number, info?: RequestInfo) {
  const token = newToken();
  const expires = new Date(Date.now() + maxAgeMs);
  await prisma.session.create({
    data: {
      userId,
      sessionToken: hashToken(token),
      expires,
      userAgent: info?.userAgent ?? null,
      ipAddress: info?.ipAddress ?? null,
    },
    select: { id: true },
  });
  return { token, expires };
}

/**
 * The user of a live session, or null (an expired row is removed).
 * Every signed-in request runs this, so it is a raw indexed read: Prisma's
 * query planning costs about twice the query itself here
 * (docs/PERFORMANCE.md).
 */
export async function findSessionUserId(token: string): Promise<string | null> {
  const sessionToken = hashToken(token);
  const rows = await prisma.$queryRaw<{ userId: string; expires: Date | string }[]>`
    SELECT "userId", "expires" FROM "Session" WHERE "sessionToken" = ${sessionToken} LIMIT 1`;
  const row = rows[0];
  if (!row) return null;
  if (new Date(row.expires).getTime() <= Date.now()) {
    await prisma.session.deleteMany({ where: { sessionToken } });
    return null;
  }
  return row.userId;
}

export async function deleteSession(token: string): Promise<void> {
  await prisma.session.deleteMany({ where: { sessionToken: hashToken(token) } });
}
