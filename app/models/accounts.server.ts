/**
 * Accounts: a user's identities at OAuth providers (the Account table) and
 * the rules for linking them (docs/oauth.md). app/auth/oauth.server.ts runs
 * the protocol and hands over what the provider said (`OAuthProfile`); this
 * module decides which user that is, writes the Account rows and their audit
 * rows in the same transaction. Refusals come back as values, never as a
 * half-done change. Tokens are stored on the Account row only: never logged,
 * never in audit metadata.
 */
import type { Locale } from "~/i18n/catalog";
import type { Prisma } from "~/generated/sqlite/client";
import { writeAudit } from "~/models/audit.server";
import { isAccountDisabled } from "~/models/incidents.server";
import { isUniqueViolation, transaction } from "~/utils/db.server";
import {
  booleanOf,
  dateOf,
  defineHotStatement,
  hotRows,
  type SqlBoolean,
  type SqlMs,
} from "~/utils/hot-statements.server";
import type { RequestInfo } from "~/utils/request.server";

export interface StoredTokens {
  access_token: string;
  refresh_token: string | null;
  expires_at: number | null;
}

/** What a provider says about the person signing in (checked by app/auth/oauth.server.ts). */
export interface OAuthProfile {
  providerAccountId: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  image: string | null;
  tokens: StoredTokens;
}

/**
 * Why linking an identity was refused; the same names as the OAuth error page's reasons, except
 * "disabled" (an admin disabled the account), which is answered like a wrong password.
 */
export type SignInRefusal = "no_email" | "email_exists" | "conflict" | "disabled";
export type ConnectRefusal = "identity_taken" | "provider_already_connected" | "conflict";

export type SignInResult =
  | { ok: true; userId: string }
  /** `subjectUserId`: the user the refusal concerns (the owner of the email), for the audit row. */
  | { ok: false; reason: SignInRefusal; subjectUserId: string | null };

export type ConnectResult = { ok: true; alreadyConnected: boolean } | { ok: false; reason: ConnectRefusal };

function accountData(providerId: string, profile: OAuthProfile) {
  return {
    type: "oauth",
    provider: providerId,
    providerAccountId: profile.providerAccountId,
    access_token: profile.tokens.access_token,
    refresh_token: profile.tokens.refresh_token,
    expires_at: profile.tokens.expires_at,
  };
}

function tokenUpdate(profile: OAuthProfile) {
  return {
    access_token: profile.tokens.access_token,
    // Providers often send a refresh token only the first time: keep the old one then.
    ...(profile.tokens.refresh_token ? { refresh_token: profile.tokens.refresh_token } : {}),
    expires_at: profile.tokens.expires_at,
  };
}

/** The Account row of an identity (provider, providerAccountId), with its user. */
function findIdentity(tx: Prisma.TransactionClient, providerId: string, profile: OAuthProfile) {
  return tx.account.findUnique({
    where: { provider_providerAccountId: { provider: providerId, providerAccountId: profile.providerAccountId } },
    select: { id: true, userId: true },
  });
}

/** Stores the provider's fresh tokens on a known identity's row. */
async function refreshTokens(tx: Prisma.TransactionClient, accountId: string, profile: OAuthProfile): Promise<void> {
  await tx.account.update({ where: { id: accountId }, data: tokenUpdate(profile), select: { id: true } });
}

/** `work` in a transaction; a unique violation (two callbacks for the same identity or email at once: one wins) is `null`. */
async function unlessRaced<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T | null> {
  try {
    return await transaction(work);
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Stores a newly linked identity for `userId` and its OAUTH_LINK audit row, in the caller's transaction. */
async function createLinkedAccount(
  tx: Prisma.TransactionClient,
  link: {
    userId: string;
    providerId: string;
    profile: OAuthProfile;
    via: "verified_email" | "new_user" | "account_page";
    info: RequestInfo;
  },
): Promise<void> {
  const { userId, providerId, profile, via, info } = link;
  const account = await tx.account.create({
    data: { ...accountData(providerId, profile), userId },
    select: { id: true },
  });
  await writeAudit(
    {
      action: "OAUTH_LINK",
      userId,
      entityType: "Account",
      entityId: account.id,
      metadata: { provider: providerId, via },
      info,
    },
    tx,
  );
}

/**
 * Signs in with a provider identity (nobody is signed in yet, so there is no
 * acting user to scope by: the identity names the user).
 * 1. A known identity (provider, providerAccountId) signs into its user.
 * 2. Else, when the provider says the email is verified and a Dracin user with
 *    that email has verified it too, the identity is linked to that user.
 * 3. Else, a user with that email exists: refused (email_exists), because an
 *    unverified email on either side proves nothing about who owns the account.
 * 4. Else a new user is created with the identity.
 * A disabled account is refused in 1 and 2 before anything is written.
 * Writes LOGIN_SUCCESS (and OAUTH_LINK, REGISTER as they happen) with the change.
 */
export async function signInWithIdentity(
  providerId: string,
  profile: OAuthProfile,
  info: RequestInfo,
  /** The language of the sign-in page: a new user's account keeps it (their e-mails are written in it). */
  locale: Locale | null = null,
): Promise<SignInResult> {
  const method = providerId;
  /** Connects the identity to the user and records the link and the sign-in (OAUTH_LINK, LOGIN_SUCCESS). */
  async function linkAndSignIn(tx: Prisma.TransactionClient, userId: string, via: "verified_email" | "new_user") {
    await createLinkedAccount(tx, { userId, providerId, profile, via, info });
    await writeAudit(
      { action: "LOGIN_SUCCESS", userId, entityType: "User", entityId: userId, metadata: { method }, info },
      tx,
    );
  }
  const result = await unlessRaced(async (tx): Promise<SignInResult> => {
    const existing = await findIdentity(tx, providerId, profile);
    if (existing) {
      if (await isAccountDisabled(existing.userId, tx)) {
        return { ok: false, reason: "disabled", subjectUserId: existing.userId };
      }
      await refreshTokens(tx, existing.id, profile);
      await writeAudit(
        {
          action: "LOGIN_SUCCESS",
          userId: existing.userId,
          entityType: "User",
          entityId: existing.userId,
          metadata: { method },
          info,
        },
        tx,
      );
      return { ok: true, userId: existing.userId };
    }
    if (!profile.email) return { ok: false, reason: "no_email", subjectUserId: null };
    const owner = await tx.user.findUnique({
      where: { email: profile.email },
      select: { id: true, emailVerified: true, disabledAt: true },
    });
    if (owner) {
      if (!profile.emailVerified || !owner.emailVerified)
        return { ok: false, reason: "email_exists", subjectUserId: owner.id };
      if (owner.disabledAt) return { ok: false, reason: "disabled", subjectUserId: owner.id };
      await linkAndSignIn(tx, owner.id, "verified_email");
      return { ok: true, userId: owner.id };
    }
    const user = await tx.user.create({
      data: {
        email: profile.email,
        name: profile.name,
        image: profile.image,
        emailVerified: profile.emailVerified ? new Date() : null,
        password: null,
        locale,
      },
      select: { id: true },
    });
    await writeAudit(
      { action: "REGISTER", userId: user.id, entityType: "User", entityId: user.id, metadata: { method }, info },
      tx,
    );
    await linkAndSignIn(tx, user.id, "new_user");
    return { ok: true, userId: user.id };
  });
  return result ?? { ok: false, reason: "conflict", subjectUserId: null };
}

/**
 * Connects a provider identity to the signed-in user (from /account). An
 * identity that belongs to someone else, or a second identity at the same
 * provider, is refused and nothing changes. OAUTH_LINK with the new row.
 */
export async function connectIdentity(
  userId: string,
  providerId: string,
  profile: OAuthProfile,
  info: RequestInfo,
): Promise<ConnectResult> {
  const result = await unlessRaced(async (tx): Promise<ConnectResult> => {
    const existing = await findIdentity(tx, providerId, profile);
    if (existing && existing.userId !== userId) return { ok: false, reason: "identity_taken" };
    if (existing) {
      await refreshTokens(tx, existing.id, profile);
      return { ok: true, alreadyConnected: true };
    }
    const other = await tx.account.findFirst({ where: { userId, provider: providerId }, select: { id: true } });
    if (other) return { ok: false, reason: "provider_already_connected" };
    await createLinkedAccount(tx, { userId, providerId, profile, via: "account_page", info });
    return { ok: true, alreadyConnected: false };
  });
  return result ?? { ok: false, reason: "conflict" };
}

// ---------------------------------------------------------------------------
// /account

export interface Connection {
  id: string;
  label: string;
  connected: boolean;
  /** ISO date the identity was connected. */
  connectedAt: string | null;
  /** False for a connected provider that is no longer configured (it can still be disconnected). */
  enabled: boolean;
}

export interface Connections {
  items: Connection[];
  /** The user can sign in with a password. */
  hasPassword: boolean;
}

/** Whether the user has a password, and their identities oldest first (one row of NULLs when there are none). */
const CONNECTIONS = defineHotStatement(
  "account-connections",
  ({ ms }) => `SELECT (u."password" IS NOT NULL) AS "hasPassword", a."provider", ${ms('a."createdAt"')} AS "createdMs"
    FROM "User" u LEFT JOIN "Account" a ON a."userId" = u."id" WHERE u."id" = $1
    ORDER BY a."createdAt" ASC`,
);

type ConnectionRow = { hasPassword: SqlBoolean } & (
  { provider: string; createdMs: number } | { provider: null; createdMs: SqlMs }
);

/**
 * The user's connections: one item per configured provider (`providers`, in
 * their order), then any identity at a provider no longer configured.
 */
export async function listConnections(
  userId: string,
  providers: readonly { id: string; label: string }[],
): Promise<Connections> {
  const rows = await hotRows<ConnectionRow>(CONNECTIONS, [userId]);
  const hasPassword = rows.length > 0 && booleanOf(rows[0].hasPassword);
  const accounts = rows.flatMap((row) =>
    row.provider === null ? [] : [{ provider: row.provider, createdAt: dateOf(row.createdMs) }],
  );
  const items: Connection[] = providers.map((provider) => {
    const account = accounts.find((row) => row.provider === provider.id);
    return {
      id: provider.id,
      label: provider.label,
      connected: Boolean(account),
      connectedAt: account ? account.createdAt.toISOString() : null,
      enabled: true,
    };
  });
  for (const account of accounts) {
    if (items.some((item) => item.id === account.provider)) continue;
    items.push({
      id: account.provider,
      label: account.provider,
      connected: true,
      connectedAt: account.createdAt.toISOString(),
      enabled: false,
    });
  }
  return { items, hasPassword };
}

export type DisconnectResult = "disconnected" | "not_connected" | "last_sign_in_method";

/**
 * Removes the user's identity at a provider, unless it is their only way to
 * sign in (no password and no other identity). OAUTH_UNLINK with the change.
 */
export async function disconnectProvider(
  userId: string,
  providerId: string,
  info: RequestInfo,
): Promise<DisconnectResult> {
  return transaction(async (tx) => {
    const [user, accounts] = await Promise.all([
      tx.user.findUnique({ where: { id: userId }, select: { password: true } }),
      tx.account.findMany({ where: { userId }, select: { id: true, provider: true } }),
    ]);
    const target = accounts.find((account) => account.provider === providerId);
    if (!user || !target) return "not_connected";
    if (!user.password && accounts.length <= 1) return "last_sign_in_method";
    await tx.account.delete({ where: { id: target.id }, select: { id: true } });
    await writeAudit(
      {
        action: "OAUTH_UNLINK",
        userId,
        entityType: "Account",
        entityId: target.id,
        metadata: { provider: providerId },
        info,
      },
      tx,
    );
    return "disconnected";
  });
}
