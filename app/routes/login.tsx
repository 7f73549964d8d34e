import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { EmailField, FormError, PasswordField } from "~/components/field";
import { translator, useT } from "~/i18n";
import { writeAudit } from "~/models/audit.server";
import { InvalidCredentialsError, LoginValidationError, authenticator } from "~/utils/auth.server";
import { safeRedirect } from "~/utils/redirect";
import { getRequestInfo } from "~/utils/request.server";
import { badRequest } from "~/utils/responses.server";
import type { FieldErrors } from "~/utils/forms";
import { requireAnonymous, startUserSession } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: translator()("login.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return { redirectTo: safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/") };
}

type LoginResult = { errors: FieldErrors; formError: "login.invalid" | null; email: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.clone().formData();
  const redirectTo = safeRedirect(form.get("redirectTo"), "/");
  const info = getRequestInfo(request, context);
  try {
    const user = await authenticator.authenticate("form", request);
    await writeAudit({ action: "LOGIN_SUCCESS", userId: user.id, entityType: "User", entityId: user.id, info });
    return startUserSession(user.id, redirectTo, info);
  } catch (error) {
    if (error instanceof LoginValidationError) {
      return badRequest<LoginResult>({ errors: error.errors, formError: null, email: error.email });
    }
    if (error instanceof InvalidCredentialsError) {
      // No userId and never the password: just which email was tried.
      await writeAudit({ action: "LOGIN_FAILURE", metadata: { email: error.email, reason: "invalid_credentials" }, info });
      return badRequest<LoginResult>({ errors: {}, formError: "login.invalid", email: error.email });
    }
    throw error;
  }
}

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="auth">
      <h1>{t("login.title")}</h1>
      <form method="post" action={`/login?${new URLSearchParams({ redirectTo })}`} noValidate className="stack">
        <FormError message={actionData?.formError} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <EmailField defaultValue={actionData?.email ?? ""} error={actionData?.errors.email} />
        <PasswordField kind="current" name="password" label={t("form.password")} error={actionData?.errors.password} />
        <button type="submit" className="button">
          {t("login.submit")}
        </button>
      </form>
      <p>
        {t("login.noAccount")} <a href={`/register?${new URLSearchParams({ redirectTo })}`}>{t("nav.register")}</a>
      </p>
    </div>
  );
}
