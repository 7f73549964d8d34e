import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { metaTranslator, pageMeta } from "~/i18n/meta";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { enabledProviders } from "~/auth/oauth-config.server";
import { ConnectedAccounts } from "~/components/oauth-buttons";
import { z } from "zod";
import { ChangePasswordSchema, ProfileSchema } from "~/auth/schemas";
import { FormError, NameField, PasswordField } from "~/components/field";
import { useLocale, useT, type MessageKey } from "~/i18n";
import { formatBytes } from "~/i18n/format";
import { listConnections } from "~/models/accounts.server";
import { getDataMeter, type DataMeterResult } from "~/models/data-meter.server";
import { changePassword, updateDisplayName } from "~/models/users.server";
import { flashHeader } from "~/utils/flash.server";
import { formText, parseForm, type FieldErrors } from "~/utils/forms";
import { getRequestInfo } from "~/utils/request.server";
import { badRequest, tooManyRequests } from "~/utils/responses.server";
import { getSessionTokenHash, requireUser } from "~/utils/session.server";
import { CsrfField } from "~/components/csrf-field";
import { readForm } from "~/utils/csrf.server";
import { checkPasswordPolicy } from "~/auth/password-policy.server";
import { ResendForm } from "~/components/verify-banner";
import { checkThrottleAudited, recordReauthFailure, retryAfterMinutes } from "~/models/throttle.server";
import { readDb } from "~/utils/db.server";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, t("account.title"));
};

const IntentSchema = z.enum(["profile", "password"]);

export { retryAfterHeaders as headers } from "~/utils/responses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  // The account comes with the session lookup (as for the layout): no query of its own.
  const { emailVerified, ...user } = await requireUser(request);
  const [connections, dataMeter] = await Promise.all([
    listConnections(user.id, enabledProviders()),
    getDataMeter(user.id, new Date(), readDb(request)),
  ]);
  return { user, connections, emailVerified: Boolean(emailVerified), dataMeter };
}

/** This month's estimated video data (app/lib/data-meter.ts), with how it is estimated. */
function DataMeterSection({ meter }: { meter: DataMeterResult }) {
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="data-meter-title" className="panel">
      <h2 id="data-meter-title">{t("dataCost.meter.heading")}</h2>
      {meter.state === "unavailable" ? (
        <p>{t("dataCost.meter.unavailable")}</p>
      ) : meter.played === 0 ? (
        <p>{t("dataCost.meter.none")}</p>
      ) : (
        <>
          <p>
            <strong>{t("dataCost.meter.thisMonth", { size: formatBytes(meter.bytes, locale) })}</strong>
          </p>
          <p className="field-hint">{t("dataCost.meter.method")}</p>
        </>
      )}
    </section>
  );
}

type ActionResult = {
  intent: "profile" | "password";
  errors: FieldErrors;
  formError: MessageKey | null;
  retryMinutes?: number;
  name?: string;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const userId = user.id;
  const form = await readForm(request);
  const intent = IntentSchema.safeParse(form.get("intent"));
  if (!intent.success)
    return badRequest<ActionResult>({ intent: "profile", errors: {}, formError: "account.unknownAction" });
  const info = getRequestInfo(request, context);

  if (intent.data === "profile") {
    const parsed = parseForm(ProfileSchema, form);
    if (!parsed.ok) {
      return badRequest<ActionResult>({
        intent: "profile",
        errors: parsed.errors,
        formError: null,
        name: formText(form, "name").slice(0, 100),
      });
    }
    await updateDisplayName(userId, parsed.data.name, info);
    return redirect("/account", { status: 303, headers: { "Set-Cookie": await flashHeader("flash.profileSaved") } });
  }

  const parsed = parseForm(ChangePasswordSchema, form);
  if (!parsed.ok) return badRequest<ActionResult>({ intent: "password", errors: parsed.errors, formError: null });
  const throttle = await checkThrottleAudited("reauth", { ip: info.ipAddress, subject: userId }, request, info, userId);
  if (!throttle.ok) {
    return tooManyRequests<ActionResult>(
      {
        intent: "password",
        errors: {},
        formError: "security.throttled.generic",
        retryMinutes: retryAfterMinutes(throttle.retryAfterSeconds),
      },
      throttle.retryAfterSeconds,
    );
  }
  // The password policy (app/auth/password-policy.server.ts) knows the user's email and name.
  const policy = checkPasswordPolicy(parsed.data.newPassword, user);
  if (!policy.ok) {
    return badRequest<ActionResult>({ intent: "password", errors: { newPassword: policy.error }, formError: null });
  }
  const changed = await changePassword(
    userId,
    parsed.data.currentPassword,
    parsed.data.newPassword,
    info,
    await getSessionTokenHash(request),
  );
  if (!changed) {
    await recordReauthFailure(userId, info);
    return badRequest<ActionResult>({
      intent: "password",
      errors: { currentPassword: "account.currentPasswordWrong" },
      formError: null,
    });
  }
  return redirect("/account", { status: 303, headers: { "Set-Cookie": await flashHeader("flash.passwordChanged") } });
}

export default function Account() {
  const { user, connections, emailVerified, dataMeter } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const profile = result?.intent === "profile" ? result : undefined;
  const password = result?.intent === "password" ? result : undefined;
  return (
    <>
      <h1>{t("account.title")}</h1>
      <p>{t("account.signedInAs", { email: user.email })}</p>
      <p>{t(emailVerified ? "email.account.verified" : "email.account.unverified")}</p>
      {emailVerified ? null : <ResendForm redirectTo="/account" />}
      <section aria-labelledby="profile-title" className="panel">
        <h2 id="profile-title">{t("account.profile")}</h2>
        <form method="post" action="/account" noValidate className="stack">
          <CsrfField />
          <FormError message={profile?.formError} />
          <NameField defaultValue={profile?.name ?? user.name ?? ""} error={profile?.errors.name} />
          <input type="hidden" name="intent" value="profile" />
          <button type="submit" className="button">
            {t("account.saveName")}
          </button>
        </form>
      </section>
      <section aria-labelledby="password-title" className="panel">
        <h2 id="password-title">{t("account.changePassword")}</h2>
        <form method="post" action="/account" noValidate className="stack">
          <CsrfField />
          <FormError message={password?.formError} vars={{ minutes: password?.retryMinutes ?? 15 }} />
          <input type="email" name="username" autoComplete="username" value={user.email} readOnly hidden />
          <PasswordField
            kind="current"
            name="currentPassword"
            label={t("form.currentPassword")}
            error={password?.errors.currentPassword}
          />
          <PasswordField
            kind="new"
            name="newPassword"
            label={t("form.newPassword")}
            error={password?.errors.newPassword}
          />
          <input type="hidden" name="intent" value="password" />
          <button type="submit" className="button">
            {t("account.changePasswordSubmit")}
          </button>
        </form>
      </section>
      <DataMeterSection meter={dataMeter} />
      <section aria-labelledby="captions-title" className="panel">
        <h2 id="captions-title">{t("captionStyle.account.heading")}</h2>
        <p>
          <a href="/settings/captions?returnTo=%2Faccount">{t("captionStyle.link")}</a>
        </p>
        <p className="field-hint">{t("captionStyle.account.hint")}</p>
      </section>
      <section aria-labelledby="security-title" className="panel">
        <h2 id="security-title">{t("sessions.account.heading")}</h2>
        <p>
          <a href="/account/sessions">{t("sessions.account.devicesLink")}</a>
        </p>
        <p className="field-hint">{t("sessions.account.devicesHint")}</p>
      </section>
      <ConnectedAccounts items={connections.items} hasPassword={connections.hasPassword} />
      <section aria-labelledby="delete-title" className="panel">
        <h2 id="delete-title">{t("sessions.account.deleteHeading")}</h2>
        <p>{t("sessions.account.deleteHint")}</p>
        <p>
          <a href="/account/delete">{t("sessions.account.deleteLink")}</a>
        </p>
      </section>
    </>
  );
}
