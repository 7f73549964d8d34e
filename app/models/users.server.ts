/**
 * Users and their passwords. Every function that changes a user takes the
 * acting user's id; audit rows are written in the same transaction.
 */
import bcrypt from "bcryptjs";
import type { Prisma } from "~/generated/sqlite/client";
import { isLocale, type Locale } from "~/i18n/catalog";
import { writeAudit } from "~/models/audit.server";
import { getSessionByTokenHash } from "~/models/sessions.server";
import { subjectKey } from "~/models/throttle.server";
import { isUniqueViolation, prisma, transaction } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import type { RequestInfo } from "~/utils/request.server";

export const PUBLIC_USER_SELECT = { id: true, email: true, name: true, role: true, locale: true } as const;
export interface PublicUser {
  id: string;
  email: string;
  name: string | null;
  role: "USER" | "ADMIN";
  /** The saved language; null until the viewer chooses one (app/i18n/negotiate.ts). */
  locale: string | null;
}

/** A user with the time their email was confirmed (link or password reset); null until then. */
export type UserWithVerification = PublicUser & { emailVerified: Date | null };

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, getEnv().BCRYPT_COST);
}

// Compared against when the email is unknown, so both failures take as long.
let dummyHash: Promise<string> | undefined;
function getDummyHash() {
  dummyHash ??= bcrypt.hash("dracin-timing-equaliser", getEnv().BCRYPT_COST);
  return dummyHash;
}

export async function getUserById(id: string): Promise<PublicUser | null> {
  return prisma.user.findUnique({ where: { id }, select: PUBLIC_USER_SELECT });
}

export class EmailTakenError extends Error {
  override name = "EmailTakenError";
}

export async function createUser(
  input: { email: string; name: string; password: string; locale?: Locale },
  info: RequestInfo,
): Promise<PublicUser> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, password: passwordHash, locale: input.locale ?? null },
        select: PUBLIC_USER_SELECT,
      });
      await writeAudit({ action: "REGISTER", userId: user.id, entityType: "User", entityId: user.id, info }, tx);
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * Records a registration with an email that already has an account: a
 * REGISTER row naming the HMAC of the email (subjectKey), never the email,
 * which the per-IP register throttle counts. Returns the owner (when there
 * is one) and whether this is the first such attempt at that email within
 * the hour (the owner hears about one an hour at most).
 */
export async function recordTakenEmailRegistration(
  email: string,
  info: RequestInfo,
): Promise<{ owner: PublicUser | null; firstThisHour: boolean }> {
  const owner = await getUserByEmail(email);
  const subject = subjectKey(email);
  const recent = await prisma.auditLog.count({
    where: { action: "REGISTER", entityId: subject, timestamp: { gt: new Date(Date.now() - HOUR_MS) } },
  });
  await writeAudit({
    action: "REGISTER",
    userId: owner?.id ?? null,
    entityType: "Subject",
    entityId: subject,
    metadata: { existingAccount: true },
    info,
  });
  return { owner, firstThisHour: recent === 0 };
}

/** The user whose email and password match, or null (same cost either way). */
export async function verifyLogin(email: string, password: string): Promise<PublicUser | null> {
  const row = await prisma.user.findUnique({
    where: { email },
    select: { ...PUBLIC_USER_SELECT, password: true },
  });
  if (!row?.password) {
    await bcrypt.compare(password, await getDummyHash());
    return null;
  }
  if (!(await bcrypt.compare(password, row.password))) return null;
  const { password: _hash, ...user } = row;
  return user;
}

export async function updateDisplayName(userId: string, name: string, info: RequestInfo): Promise<void> {
  await transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { name }, select: { id: true } });
    await writeAudit({ action: "PROFILE_UPDATE", userId, entityType: "User", entityId: userId, info }, tx);
  });
}

/** Saves the viewer's language on their account (it then wins on every device they sign in on). */
export async function setUserLocale(userId: string, locale: Locale): Promise<void> {
  // Only when it changes (the row's updatedAt is part of the viewer's fingerprint); a NULL locale
  // (an account from before languages, or made by OAuth) must match too, which NOT alone never does in SQL.
  await prisma.user.updateMany({
    where: { id: userId, OR: [{ locale: null }, { NOT: { locale } }] },
    data: { locale },
  });
}

/**
 * Saves the viewer's caption style on their account: JSON of its overrides
 * (app/lib/caption-style-schema.ts, `captionStyleJson`), or null for as
 * authored. A display preference like the language: not audited (decision 024).
 */
export async function setUserCaptionStyle(userId: string, json: string | null): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { captionStyle: json }, select: { id: true } });
}

/**
 * At sign-in: the visitor's caption style becomes the account's, unless the
 * account has one already (which then wins). One conditional UPDATE; true
 * when the cookie's style was adopted.
 */
export async function adoptCaptionStyle(userId: string, json: string): Promise<boolean> {
  const { count } = await prisma.user.updateMany({
    where: { id: userId, captionStyle: null },
    data: { captionStyle: json },
  });
  return count > 0;
}

/** The language e-mails to a user are written in: the saved one, else the site's default. */
export async function userLocale(userId: string, fallback: Locale): Promise<Locale> {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: { locale: true } });
  return isLocale(row?.locale) ? row.locale : fallback;
}

/**
 * Changes the password when the current one matches (false otherwise) and
 * ends every other session of the user: only `keepSessionToken` survives.
 */
export async function changePassword(
  userId: string,
  currentPassword: string,
  newPassword: string,
  info: RequestInfo,
  keepSessionToken: string | null,
): Promise<boolean> {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: { password: true } });
  if (!row?.password || !(await bcrypt.compare(currentPassword, row.password))) return false;
  const passwordHash = await hashPassword(newPassword);
  await transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { password: passwordHash }, select: { id: true } });
    const ended = await tx.session.deleteMany({
      where: { userId, ...(keepSessionToken ? { sessionToken: { not: keepSessionToken } } : {}) },
    });
    await writeAudit(
      {
        action: "PASSWORD_CHANGE",
        userId,
        entityType: "User",
        entityId: userId,
        metadata: { endedSessions: ended.count },
        info,
      },
      tx,
    );
  });
  return true;
}

/** getUserById plus emailVerified (the layout's banner, /verify-email, /account). */
export async function getUserWithVerification(id: string): Promise<UserWithVerification | null> {
  return prisma.user.findUnique({ where: { id }, select: { ...PUBLIC_USER_SELECT, emailVerified: true } });
}

export async function getUserByEmail(email: string): Promise<PublicUser | null> {
  return prisma.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: PUBLIC_USER_SELECT });
}

/**
 * Sets a new password through a reset link (app/routes/reset-password.tsx).
 * In one transaction: `consume` uses the link's token up (false aborts, e.g.
 * it was used meanwhile), the new hash is stored, ALL the user's sessions end,
 * the email counts as verified (the link proved control of it) and
 * PASSWORD_RESET is written. Returns false when the token was not usable.
 */
export async function resetPassword(
  userId: string,
  newPassword: string,
  info: RequestInfo,
  consume: (tx: Prisma.TransactionClient) => Promise<boolean>,
): Promise<boolean> {
  const passwordHash = await hashPassword(newPassword);
  return transaction(async (tx) => {
    if (!(await consume(tx))) return false;
    const now = new Date();
    await tx.user.update({ where: { id: userId }, data: { password: passwordHash }, select: { id: true } });
    await tx.user.updateMany({ where: { id: userId, emailVerified: null }, data: { emailVerified: now } });
    const ended = await tx.session.deleteMany({ where: { userId } });
    await writeAudit(
      // ("…session…" keys are redacted as secrets, hence the name.)
      {
        action: "PASSWORD_RESET",
        userId,
        entityType: "User",
        entityId: userId,
        metadata: { signedOutDevices: ended.count },
        info,
      },
      tx,
    );
    return true;
  });
}

// ---------------------------------------------------------------------------
// Confirming who it is, and deleting the account

/** Users without a password prove who they are with a sign-in this recent. */
export const FRESH_SIGN_IN_MS = 10 * 60_000;

export type IdentityCheck =
  | { ok: true; method: "password" | "fresh-sign-in" }
  | { ok: false; reason: "password-required" | "password-wrong" | "sign-in-stale" };

/**
 * Re-authentication before a sensitive step (ending other sessions, deleting
 * the account): the current password, or, for users without one (OAuth
 * only), a session that signed in within FRESH_SIGN_IN_MS.
 */
export async function confirmIdentity(
  userId: string,
  password: string | null,
  currentTokenHash: string | null,
  now = new Date(),
): Promise<IdentityCheck> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { password: true } });
  if (user?.password) {
    if (!password) return { ok: false, reason: "password-required" };
    // No real password is this long; do not spend a hash on it.
    if (password.length > 1024) return { ok: false, reason: "password-wrong" };
    return (await bcrypt.compare(password, user.password))
      ? { ok: true, method: "password" }
      : { ok: false, reason: "password-wrong" };
  }
  const session = currentTokenHash ? await getSessionByTokenHash(currentTokenHash) : null;
  if (session && session.userId === userId && now.getTime() - session.createdAt.getTime() <= FRESH_SIGN_IN_MS) {
    return { ok: true, method: "fresh-sign-in" };
  }
  return { ok: false, reason: "sign-in-stale" };
}

/** Whether the user has a password (else they re-authenticate by signing in again). */
export async function userHasPassword(userId: string): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { password: true } });
  return Boolean(user?.password);
}

/**
 * Deletes the user. The database cascades to their accounts (OAuth), sessions,
 * progress, history and favorites; their audit rows stay with userId set to
 * null (docs/decisions/002). An ACCOUNT_DELETE row is written in the same
 * transaction; it names the user by id and by subjectKey(email), never the
 * raw email. False when the user no longer exists.
 */
export async function deleteUserAccount(
  userId: string,
  method: "password" | "fresh-sign-in",
  info: RequestInfo,
): Promise<boolean> {
  return transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) return false;
    await writeAudit(
      {
        action: "ACCOUNT_DELETE",
        userId,
        entityType: "User",
        entityId: userId,
        metadata: { by: "user", subject: subjectKey(user.email), confirmedWith: method },
        info,
      },
      tx,
    );
    await tx.user.delete({ where: { id: userId }, select: { id: true } });
    return true;
  });
}
