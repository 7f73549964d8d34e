import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { metaTranslator, pageMeta } from "~/i18n/meta";
import { useActionData, useLoaderData } from "@remix-run/react";
import { enabledProviders } from "~/auth/oauth-config.server";
import { OAuthButtons } from "~/components/oauth-buttons";
import { EmailField, FormError, PasswordField } from "~/components/field";
import { useT } from "~/i18n";
import { writeAudit } from "~/models/audit.server";
import { throttledSignIns } from "~/models/authz-audit.server";
import {
  DisabledAccountError,
  InvalidCredentialsError,
  LoginValidationError,
  authenticator,
} from "~/utils/auth.server";
import { safeRedirect } from "~/utils/redirect";
import { getRequestInfo } from "~/utils/request.server";
import { checkThrottle, retryAfterMinutes, subjectKey } from "~/models/throttle.server";
import { badRequest, tooManyRequests } from "~/utils/responses.server";
import type { FieldErrors } from "~/utils/forms";
import { requireAnonymous, startUserSession } from "~/utils/session.server";
import { CsrfField } from "~/components/csrf-field";
import { readForm } from "~/utils/csrf.server";

export { retryAfterHeaders as headers } from "~/utils/responses.server";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, t("login.title"), t("login.description"));
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return {
    redirectTo: safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/"),
    providers: enabledProviders(),
  };
}

type LoginResult = {
  errors: FieldErrors;
  formError: "login.invalid" | "security.throttled.login" | null;
  retryMinutes?: number;
  email: string;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const redirectTo = safeRedirect(form.get("redirectTo"), "/");
  const info = getRequestInfo(request, context);
  const rawEmail = form.get("email");
  const typedEmail = (typeof rawEmail === "string" ? rawEmail : "").slice(0, 254);
  // Failures are counted per email (as an HMAC, never in clear) and IP, and per IP.
  const subject = subjectKey(typedEmail);
  const throttle = await checkThrottle("login", { ip: info.ipAddress, subject });
  if (!throttle.ok) {
    // One row per email and address a minute (and 60 a minute in all): a flood cannot fill the table;
    // the next row says how many were left out.
    const admitted = throttledSignIns.admit(`${info.ipAddress ?? "?"} ${subject}`);
    if (admitted.write) {
      const { suppressed } = admitted;
      await writeAudit({
        action: "LOGIN_THROTTLED",
        entityType: "Subject",
        entityId: subject,
        ...(suppressed > 0 ? { metadata: { suppressed } } : {}),
        info,
      });
    }
    return tooManyRequests<LoginResult>(
      {
        errors: {},
        formError: "security.throttled.login",
        retryMinutes: retryAfterMinutes(throttle.retryAfterSeconds),
        email: typedEmail,
      },
      throttle.retryAfterSeconds,
    );
  }
  try {
    const user = await authenticator.authenticate("form", request);
    await writeAudit({ action: "LOGIN_SUCCESS", userId: user.id, entityType: "User", entityId: user.id, info });
    return startUserSession(user.id, redirectTo, info, request);
  } catch (error) {
    if (error instanceof LoginValidationError) {
      return badRequest<LoginResult>({ errors: error.errors, formError: null, email: error.email });
    }
    if (error instanceof InvalidCredentialsError || error instanceof DisabledAccountError) {
      // Never the password, and the email only as its HMAC (it may be a typo or someone else's).
      // A disabled account gets the same answer as a wrong password; only the audit row says why.
      const disabled = error instanceof DisabledAccountError;
      await writeAudit({
        action: "LOGIN_FAILURE",
        userId: disabled ? error.userId : null,
        entityType: "Subject",
        entityId: subject,
        metadata: { reason: disabled ? "disabled" : "invalid_credentials" },
        info,
      });
      return badRequest<LoginResult>({ errors: {}, formError: "login.invalid", email: error.email });
    }
    throw error;
  }
}

export default function Login() {
  const { redirectTo, providers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="auth">
      <h1>{t("login.title")}</h1>
      <form method="post" action={`/login?${new URLSearchParams({ redirectTo })}`} noValidate className="stack">
        <CsrfField />
        <FormError message={actionData?.formError} vars={{ minutes: actionData?.retryMinutes ?? 15 }} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <EmailField defaultValue={actionData?.email ?? ""} error={actionData?.errors.email} />
        <PasswordField kind="current" name="password" label={t("form.password")} error={actionData?.errors.password} />
        <button type="submit" className="button">
          {t("login.submit")}
        </button>
      </form>
      <p>
        <a href="/forgot-password" className="forgot-link">
          {t("email.forgot.link")}
        </a>
      </p>
      <OAuthButtons providers={providers} redirectTo={redirectTo} />
      <p>
        {t("login.noAccount")} <a href={`/register?${new URLSearchParams({ redirectTo })}`}>{t("nav.register")}</a>
      </p>
    </div>
  );
}
