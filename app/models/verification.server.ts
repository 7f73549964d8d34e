/**
 * Single-use email tokens (VerificationToken): "verify-email:<email>" (24 hours)
 * and "reset-password:<email>" (1 hour). The emailed link carries a random
 * 32-byte secret; the table keeps only its SHA-256, so a copy of the database
 * cannot be turned into working links. Consuming a token deletes it.
 */
import crypto from "node:crypto";
import type { Prisma } from "~/generated/sqlite/client";
import { writeAudit } from "~/models/audit.server";
import { prisma, transaction } from "~/utils/db.server";
import type { RequestInfo } from "~/utils/request.server";

export type TokenPurpose = "verify-email" | "reset-password";

const HOUR_MS = 60 * 60 * 1000;
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  "verify-email": 24 * HOUR_MS,
  "reset-password": 1 * HOUR_MS,
};

type Db = Pick<Prisma.TransactionClient, "verificationToken">;

export function hashSecret(secret: string): string {
  return crypto.createHash("sha256").update(secret).digest("hex");
}

/** A secret looks like what newSecret() makes (43 base64url characters); anything else is refused unread. */
export function isWellFormedSecret(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}

function identifierFor(purpose: TokenPurpose, email: string): string {
  return `${purpose}:${email.trim().toLowerCase()}`;
}

/**
 * Stores a new token for an email and returns the secret for the link. A new
 * reset token replaces the older ones of that email (only the newest link
 * works); verification links stay valid side by side until one is used.
 */
export async function createToken(
  purpose: TokenPurpose,
  email: string,
  db: Db = prisma,
  now = new Date(),
): Promise<string> {
  const secret = crypto.randomBytes(32).toString("base64url");
  const identifier = identifierFor(purpose, email);
  if (purpose === "reset-password") {
    await db.verificationToken.deleteMany({ where: { identifier } });
  } else {
    await db.verificationToken.deleteMany({ where: { identifier, expires: { lte: now } } });
  }
  await db.verificationToken.create({
    data: { identifier, token: hashSecret(secret), expires: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]) },
    select: { token: true },
  });
  return secret;
}

export type TokenLookup = { status: "valid"; email: string } | { status: "expired" } | { status: "invalid" };

/** What a link's secret stands for, without using it up. */
export async function findToken(
  purpose: TokenPurpose,
  secret: unknown,
  db: Db = prisma,
  now = new Date(),
): Promise<TokenLookup> {
  if (!isWellFormedSecret(secret)) return { status: "invalid" };
  const row = await db.verificationToken.findUnique({
    where: { token: hashSecret(secret) },
    select: { identifier: true, expires: true },
  });
  const prefix = `${purpose}:`;
  if (!row || !row.identifier.startsWith(prefix)) return { status: "invalid" };
  if (row.expires.getTime() <= now.getTime()) return { status: "expired" };
  return { status: "valid", email: row.identifier.slice(prefix.length) };
}

/**
 * Uses a token up inside the caller's transaction: deletes it (and, for a
 * reset, every other reset token of the email) and returns the email, or
 * null when it was unknown, expired or already used (an expired one is
 * deleted too).
 */
export async function consumeToken(
  purpose: TokenPurpose,
  secret: unknown,
  db: Db,
  now = new Date(),
): Promise<string | null> {
  const found = await findToken(purpose, secret, db, now);
  if (found.status !== "valid") {
    if (found.status === "expired" && isWellFormedSecret(secret)) {
      await db.verificationToken.deleteMany({ where: { token: hashSecret(secret) } });
    }
    return null;
  }
  const used = await db.verificationToken.deleteMany({ where: { token: hashSecret(secret as string) } });
  // Another request used it between the read and the delete.
  if (used.count !== 1) return null;
  await db.verificationToken.deleteMany({ where: { identifier: identifierFor(purpose, found.email) } });
  return found.email;
}

export type VerifyOutcome = { status: "verified"; userId: string } | { status: "expired" } | { status: "invalid" };

/**
 * GET /verify-email?token=…: marks the user who owns the token's email as
 * verified, deletes the token and writes EMAIL_VERIFIED, in one transaction.
 */
export async function verifyEmailWithToken(
  secret: unknown,
  info: RequestInfo,
  now = new Date(),
): Promise<VerifyOutcome> {
  const found = await findToken("verify-email", secret, prisma, now);
  if (found.status !== "valid") {
    if (found.status === "expired" && isWellFormedSecret(secret)) {
      await prisma.verificationToken.deleteMany({ where: { token: hashSecret(secret) } });
    }
    return found;
  }
  return transaction(async (tx) => {
    const email = await consumeToken("verify-email", secret, tx, now);
    if (!email) return { status: "invalid" } as const;
    // The email may have been changed or the account deleted since the link was sent.
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, emailVerified: true } });
    if (!user) return { status: "invalid" } as const;
    if (!user.emailVerified) {
      await tx.user.update({ where: { id: user.id }, data: { emailVerified: now }, select: { id: true } });
    }
    await writeAudit({ action: "EMAIL_VERIFIED", userId: user.id, entityType: "User", entityId: user.id, info }, tx);
    return { status: "verified", userId: user.id } as const;
  });
}

/**
 * A new verification token for a user, with its EMAIL_VERIFICATION_REQUEST
 * audit row (entityId = the user id, which the "verify" throttle counts).
 */
export async function createVerificationRequest(
  user: { id: string; email: string },
  info: RequestInfo,
): Promise<string> {
  return transaction(async (tx) => {
    const secret = await createToken("verify-email", user.email, tx);
    await writeAudit(
      { action: "EMAIL_VERIFICATION_REQUEST", userId: user.id, entityType: "User", entityId: user.id, info },
      tx,
    );
    return secret;
  });
}

/**
 * A reset request for an email: always the PASSWORD_RESET_REQUEST audit row
 * (entityType "Subject", entityId = subjectKey, userId when the account
 * exists — never the raw email); a token only when the account exists.
 * Returns the secret, or null for an unknown email.
 */
export async function createResetRequest(
  email: string,
  subject: string,
  info: RequestInfo,
): Promise<{ secret: string; user: { id: string; name: string | null; email: string; locale: string | null } } | null> {
  return transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email },
      select: { id: true, name: true, email: true, locale: true },
    });
    const secret = user ? await createToken("reset-password", user.email, tx) : null;
    await writeAudit(
      { action: "PASSWORD_RESET_REQUEST", userId: user?.id ?? null, entityType: "Subject", entityId: subject, info },
      tx,
    );
    return user && secret ? { secret, user } : null;
  });
}
