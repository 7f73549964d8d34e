/**
 * Re-authentication before a sensitive step (ending one's other sessions,
 * deleting the account, an admin signing everyone out): the current password,
 * or for an account without one (OAuth only) a sign-in within the last 10
 * minutes (confirmIdentity in app/models/users.server.ts). Wrong passwords are
 * audited and throttled by the "reauth" rule, so a stolen session cookie is no
 * password oracle. The form side is <ReauthFields> (app/components/reauth-fields.tsx).
 */
import type { MessageKey } from "~/i18n";
import { getSessionByTokenHash } from "~/models/sessions.server";
import { checkThrottleAudited, recordReauthFailure, retryAfterMinutes } from "~/models/throttle.server";
import { FRESH_SIGN_IN_MS, confirmIdentity, userHasPassword } from "~/models/users.server";
import type { FieldErrors } from "~/utils/forms";
import type { RequestInfo } from "~/utils/request.server";
import { badRequest, tooManyRequests } from "~/utils/responses.server";

/** What the form needs: a password field, or whether the session's sign-in is recent enough. */
export async function reauthOptions(
  userId: string,
  tokenHash: string | null,
  now = Date.now(),
): Promise<{ hasPassword: boolean; freshSignIn: boolean }> {
  const [hasPassword, session] = await Promise.all([
    userHasPassword(userId),
    tokenHash ? getSessionByTokenHash(tokenHash) : null,
  ]);
  return { hasPassword, freshSignIn: session ? now - session.createdAt.getTime() <= FRESH_SIGN_IN_MS : false };
}

/** Why re-authentication failed, as the form shows it. */
export interface ReauthRefusal {
  errors: FieldErrors;
  formError: MessageKey | null;
  retryMinutes?: number;
  /** Set when throttled (429). */
  retryAfterSeconds?: number;
}

export type Reauth = { ok: true; method: "password" | "fresh-sign-in" } | ({ ok: false } & ReauthRefusal);

/**
 * Checks the form's `currentPassword` (or the fresh sign-in) for `userId`,
 * after the throttle (a throttled request is audited). `wrongPassword` is the message for a wrong password.
 */
export async function reauthenticate(
  request: Request,
  userId: string,
  form: FormData,
  tokenHash: string | null,
  info: RequestInfo,
  wrongPassword: MessageKey = "sessions.reauth.passwordWrong",
): Promise<Reauth> {
  const throttle = await checkThrottleAudited("reauth", { ip: info.ipAddress, subject: userId }, request, info, userId);
  if (!throttle.ok) {
    return {
      ok: false,
      errors: {},
      formError: "security.throttled.generic",
      retryMinutes: retryAfterMinutes(throttle.retryAfterSeconds),
      retryAfterSeconds: throttle.retryAfterSeconds,
    };
  }
  const password = form.get("currentPassword");
  const check = await confirmIdentity(userId, typeof password === "string" ? password : null, tokenHash);
  if (check.ok) return check;
  if (check.reason === "password-wrong") await recordReauthFailure(userId, info);
  if (check.reason === "sign-in-stale") return { ok: false, errors: {}, formError: "sessions.reauth.stale" };
  return {
    ok: false,
    errors: {
      currentPassword: check.reason === "password-required" ? "sessions.reauth.passwordRequired" : wrongPassword,
    },
    formError: null,
  };
}

/** The action's answer to a refusal: 429 with Retry-After when throttled, else 400; `fields` are the page's own. */
export function reauthRefused<T extends object>(fields: T, refusal: ReauthRefusal) {
  const body = {
    ...fields,
    errors: refusal.errors,
    formError: refusal.formError,
    ...(refusal.retryMinutes ? { retryMinutes: refusal.retryMinutes } : {}),
  };
  return refusal.retryAfterSeconds ? tooManyRequests(body, refusal.retryAfterSeconds) : badRequest(body);
}
