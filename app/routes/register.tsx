import { requestLocale } from "~/i18n/locale.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { metaTranslator, pageMeta } from "~/i18n/meta";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { enabledProviders } from "~/auth/oauth-config.server";
import { OAuthButtons } from "~/components/oauth-buttons";
import { checkPasswordPolicy } from "~/auth/password-policy.server";
import { RegisterFormSchema } from "~/auth/schemas";
import { CsrfField } from "~/components/csrf-field";
import { EmailField, FormError, NameField, PasswordField } from "~/components/field";
import { translator, useT } from "~/i18n";
import { checkThrottleAudited, retryAfterMinutes } from "~/models/throttle.server";
import { EmailTakenError, createUser, recordTakenEmailRegistration } from "~/models/users.server";
import { createVerificationRequest } from "~/models/verification.server";
import { readForm } from "~/utils/csrf.server";
import { formText, parseForm, type FieldErrors } from "~/utils/forms";
import { linkOrigin, queueMail, registrationAttemptMail, verificationMail } from "~/utils/mail.server";
import { safeRedirect } from "~/utils/redirect";
import { getRequestInfo, type RequestInfo } from "~/utils/request.server";
import { badRequest } from "~/utils/responses.server";
import { requireAnonymous, startUserSession } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, t("register.title"), t("register.description"));
};

export { retryAfterHeaders as headers } from "~/utils/responses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return {
    redirectTo: safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/"),
    providers: enabledProviders(),
  };
}

type RegisterResult = {
  errors: FieldErrors;
  /** A message key, or an already translated message (the throttle's, with its minutes). */
  formError: string | null;
  values: { name: string; email: string };
};

/** Where both outcomes of a registration with a taken email end: the same neutral page. */
const REGISTER_SENT_PATH = "/verify-email?sent=1";

/**
 * Someone registered with an address that has an account. The page answers as
 * for a new account ("check your inbox"); the owner gets one email per hour
 * at most about it (recordTakenEmailRegistration writes the REGISTER row the
 * per-IP register throttle counts).
 */
async function answerTakenEmail(request: Request, email: string, info: RequestInfo): Promise<Response> {
  const { owner, firstThisHour } = await recordTakenEmailRegistration(email, info);
  if (owner && firstThisHour) queueMail(registrationAttemptMail(owner, linkOrigin(request)));
  return redirect(REGISTER_SENT_PATH, { status: 303 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const form = await readForm(request);
  const redirectTo = safeRedirect(form.get("redirectTo"), "/");
  const values = { name: formText(form, "name").slice(0, 100), email: formText(form, "email").slice(0, 254) };
  const parsed = parseForm(RegisterFormSchema, form);
  if (!parsed.ok) return badRequest<RegisterResult>({ errors: parsed.errors, formError: null, values });
  const policy = checkPasswordPolicy(parsed.data.password, parsed.data);
  if (!policy.ok) return badRequest<RegisterResult>({ errors: { password: policy.error }, formError: null, values });

  const info = getRequestInfo(request, context);
  const throttle = await checkThrottleAudited("register", { ip: info.ipAddress }, request, info);
  if (!throttle.ok) {
    const minutes = retryAfterMinutes(throttle.retryAfterSeconds);
    return data<RegisterResult>(
      {
        errors: {},
        formError: translator(await requestLocale(request))("email.throttled", { count: minutes }),
        values,
      },
      { status: 429, headers: { "Retry-After": String(throttle.retryAfterSeconds) } },
    );
  }
  try {
    const user = await createUser({ ...parsed.data, locale: await requestLocale(request) }, info);
    const secret = await createVerificationRequest(user, info);
    queueMail(verificationMail(user, `${linkOrigin(request)}/verify-email?${new URLSearchParams({ token: secret })}`));
    return startUserSession(user.id, redirectTo, info, request);
  } catch (error) {
    if (error instanceof EmailTakenError) return answerTakenEmail(request, parsed.data.email, info);
    throw error;
  }
}

export default function Register() {
  const { redirectTo, providers } = useLoaderData<typeof loader>();
  const actionData = useActionData<RegisterResult>();
  const t = useT();
  return (
    <div className="auth">
      <h1>{t("register.title")}</h1>
      <form method="post" action={`/register?${new URLSearchParams({ redirectTo })}`} noValidate className="stack">
        <CsrfField />
        <FormError message={actionData?.formError} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <NameField defaultValue={actionData?.values.name ?? ""} error={actionData?.errors.name} />
        <EmailField defaultValue={actionData?.values.email ?? ""} error={actionData?.errors.email} />
        <PasswordField kind="new" name="password" label={t("form.password")} error={actionData?.errors.password} />
        <button type="submit" className="button">
          {t("register.submit")}
        </button>
      </form>
      <OAuthButtons providers={providers} redirectTo={redirectTo} />
      <p>
        {t("register.haveAccount")} <a href={`/login?${new URLSearchParams({ redirectTo })}`}>{t("nav.signIn")}</a>
      </p>
    </div>
  );
}
