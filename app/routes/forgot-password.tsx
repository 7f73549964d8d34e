/**
 * "Forgot your password?" (docs/email.md). Whatever the address, the answer
 * is the same redirect to the same "if an account exists, we've sent a link"
 * page: the reset mail is queued (never awaited) and only sent when the
 * account exists, so neither the text nor the time tells who has an account.
 * Throttled per email (its HMAC) and per IP; PASSWORD_RESET_REQUEST rows are
 * what the throttle counts.
 */
import { requestLocale } from "~/i18n/locale.server";
import { metaTranslator, pageMeta } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ForgotPasswordSchema } from "~/auth/schemas";
import { CsrfField } from "~/components/csrf-field";
import { EmailField, FormError } from "~/components/field";
import { translator, useT } from "~/i18n";
import { checkThrottleAudited, retryAfterMinutes, subjectKey } from "~/models/throttle.server";
import { createResetRequest } from "~/models/verification.server";
import { readForm } from "~/utils/csrf.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { linkOrigin, queueMail, resetMail } from "~/utils/mail.server";
import { getRequestInfo } from "~/utils/request.server";
import { badRequest } from "~/utils/responses.server";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, `${t("email.forgot.title")} · Dracin`, t("email.forgot.description"));
};

export { retryAfterHeaders as headers } from "~/utils/responses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return { sent: new URL(request.url).searchParams.has("sent") };
}

type ForgotResult = { errors: FieldErrors; formError: string | null; email: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const rawEmail = form.get("email");
  const typed = (typeof rawEmail === "string" ? rawEmail : "").slice(0, 254);
  const parsed = parseForm(ForgotPasswordSchema, form);
  if (!parsed.ok) return badRequest<ForgotResult>({ errors: parsed.errors, formError: null, email: typed });
  const { email } = parsed.data;
  const info = getRequestInfo(request, context);
  const subject = subjectKey(email);
  const throttle = await checkThrottleAudited("reset", { ip: info.ipAddress, subject }, request, info);
  if (!throttle.ok) {
    const minutes = retryAfterMinutes(throttle.retryAfterSeconds);
    return data<ForgotResult>(
      {
        errors: {},
        formError: translator(await requestLocale(request))("email.throttled", { count: minutes }),
        email: typed,
      },
      { status: 429, headers: { "Retry-After": String(throttle.retryAfterSeconds) } },
    );
  }
  const reset = await createResetRequest(email, subject, info);
  if (reset) {
    const link = `${linkOrigin(request)}/reset-password?${new URLSearchParams({ token: reset.secret })}`;
    queueMail(resetMail(reset.user, link));
  }
  return redirect("/forgot-password?sent=1", { status: 303 });
}

export default function ForgotPassword() {
  const { sent } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="auth stack">
      <h1>{t("email.forgot.title")}</h1>
      {sent && !result ? (
        <p className="flash" role="status">
          {t("email.forgot.sent")}
        </p>
      ) : (
        <>
          <p>{t("email.forgot.intro")}</p>
          <form method="post" action="/forgot-password" noValidate className="stack">
            <CsrfField />
            <FormError message={result?.formError} />
            <EmailField defaultValue={result?.email ?? ""} error={result?.errors.email} />
            <button type="submit" className="button">
              {t("email.forgot.submit")}
            </button>
          </form>
        </>
      )}
      <p>
        <a href="/login">{t("email.forgot.back")}</a>
      </p>
    </div>
  );
}
