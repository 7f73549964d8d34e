/**
 * /account/delete: deletes the viewer's account after they confirm it is
 * them (current password, or a sign-in within the last 10 minutes for
 * accounts without a password). Everything of theirs goes by cascade; the
 * audit trail keeps an ACCOUNT_DELETE row. Works without JavaScript.
 * (`account_` keeps this page out of the /account layout: account.tsx has no <Outlet/>.)
 */
import { metaTranslator, pageMeta } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { FormError, PasswordField } from "~/components/field";
import { useT, type MessageKey } from "~/i18n";
import { getSessionByTokenHash } from "~/models/sessions.server";
import {
  FRESH_SIGN_IN_MS,
  confirmIdentity,
  deleteUserAccount,
  getUserById,
  userHasPassword,
} from "~/models/users.server";
import { readForm } from "~/utils/csrf.server";
import { flashHeader } from "~/utils/flash.server";
import type { FieldErrors } from "~/utils/forms";
import { getRequestInfo } from "~/utils/request.server";
import { badRequest, tooManyRequests } from "~/utils/responses.server";
import { endUserSession, getSessionTokenHash, requireUserId } from "~/utils/session.server";
import { checkThrottleAudited, recordReauthFailure, retryAfterMinutes } from "~/models/throttle.server";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, t("sessions.delete.title"));
};

const PATH = "/account/delete";

export { retryAfterHeaders as headers } from "~/utils/responses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const userId = await requireUserId(request);
  const tokenHash = await getSessionTokenHash(request);
  const [user, hasPassword, session] = await Promise.all([
    getUserById(userId),
    userHasPassword(userId),
    tokenHash ? getSessionByTokenHash(tokenHash) : null,
  ]);
  if (!user) throw redirect("/login");
  const freshSignIn = session ? Date.now() - session.createdAt.getTime() <= FRESH_SIGN_IN_MS : false;
  return { email: user.email, hasPassword, freshSignIn };
}

type ActionResult = { errors: FieldErrors; formError: MessageKey | null; retryMinutes?: number };

export async function action({ request, context }: ActionFunctionArgs) {
  const userId = await requireUserId(request);
  const form = await readForm(request);
  const info = getRequestInfo(request, context);
  const throttle = await checkThrottleAudited("reauth", { ip: info.ipAddress, subject: userId }, request, info, userId);
  if (!throttle.ok) {
    const retryMinutes = retryAfterMinutes(throttle.retryAfterSeconds);
    return tooManyRequests<ActionResult>(
      { errors: {}, formError: "security.throttled.generic", retryMinutes },
      throttle.retryAfterSeconds,
    );
  }
  const password = form.get("currentPassword");
  const check = await confirmIdentity(
    userId,
    typeof password === "string" ? password : null,
    await getSessionTokenHash(request),
  );
  if (!check.ok) {
    if (check.reason === "password-wrong") await recordReauthFailure(userId, info);
    return badRequest<ActionResult>(
      check.reason === "sign-in-stale"
        ? { errors: {}, formError: "sessions.reauth.stale" }
        : {
            errors: {
              currentPassword:
                check.reason === "password-required"
                  ? "sessions.reauth.passwordRequired"
                  : "sessions.delete.wrongPassword",
            },
            formError: null,
          },
    );
  }
  await deleteUserAccount(userId, check.method, info);
  // The session rows went with the user; this clears the cookie.
  const response = await endUserSession(request, "/");
  response.headers.append("Set-Cookie", await flashHeader("sessions.flash.accountDeleted"));
  return response;
}

export default function DeleteAccount() {
  const { email, hasPassword, freshSignIn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <>
      <p className="breadcrumb">
        <a href="/account">{t("sessions.back")}</a>
      </p>
      <h1>{t("sessions.delete.title")}</h1>
      <p>{t("sessions.delete.intro")}</p>
      <ul>
        <li>{t("sessions.delete.itemProfile")}</li>
        <li>{t("sessions.delete.itemProviders")}</li>
        <li>{t("sessions.delete.itemSessions")}</li>
        <li>{t("sessions.delete.itemProgress")}</li>
        <li>{t("sessions.delete.itemHistory")}</li>
        <li>{t("sessions.delete.itemFavorites")}</li>
      </ul>
      <p>{t("sessions.delete.auditNote")}</p>
      <section aria-labelledby="delete-confirm-title" className="panel">
        <h2 id="delete-confirm-title">{t("sessions.delete.confirmHeading")}</h2>
        <form method="post" action={PATH} noValidate className="stack">
          <CsrfField />
          <FormError message={result?.formError} vars={{ minutes: result?.retryMinutes ?? 15 }} />
          {hasPassword ? (
            <>
              <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
              <PasswordField
                kind="current"
                name="currentPassword"
                label={t("sessions.delete.passwordLabel")}
                error={result?.errors.currentPassword}
              />
            </>
          ) : freshSignIn ? (
            <p>{t("sessions.reauth.freshHint")}</p>
          ) : result?.formError ? null : (
            <p>{t("sessions.reauth.stale")}</p>
          )}
          <div className="actions">
            <button type="submit" className="button button-danger">
              {t("sessions.delete.submit")}
            </button>
            <a href="/account" className="button button-secondary">
              {t("sessions.delete.cancel")}
            </a>
          </div>
        </form>
      </section>
    </>
  );
}
