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
import { FormError } from "~/components/field";
import { ReauthFields } from "~/components/reauth-fields";
import { useT } from "~/i18n";
import { deleteUserAccount, getUserById } from "~/models/users.server";
import { readForm } from "~/utils/csrf.server";
import { flashHeader } from "~/utils/flash.server";
import { getRequestInfo } from "~/utils/request.server";
import { reauthOptions, reauthRefused, reauthenticate } from "~/utils/reauth.server";
import { endUserSession, getSessionTokenHash, requireUserId } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, t("sessions.delete.title"));
};

const PATH = "/account/delete";

export { retryAfterHeaders as headers } from "~/utils/responses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const userId = await requireUserId(request);
  const tokenHash = await getSessionTokenHash(request);
  const [user, options] = await Promise.all([getUserById(userId), reauthOptions(userId, tokenHash)]);
  if (!user) throw redirect("/login");
  return { email: user.email, ...options };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const userId = await requireUserId(request);
  const form = await readForm(request);
  const info = getRequestInfo(request, context);
  const check = await reauthenticate(
    request,
    userId,
    form,
    await getSessionTokenHash(request),
    info,
    "sessions.delete.wrongPassword",
  );
  if (!check.ok) return reauthRefused({}, check);
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
          <ReauthFields
            email={email}
            hasPassword={hasPassword}
            freshSignIn={freshSignIn}
            label={t("sessions.delete.passwordLabel")}
            error={result?.errors.currentPassword}
            formError={result?.formError}
          />
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
