import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { enabledProviders } from "~/auth/oauth-config.server";
import { OAuthButtons } from "~/components/oauth-buttons";
import { RegisterFormSchema } from "~/auth/schemas";
import { EmailField, FormError, NameField, PasswordField } from "~/components/field";
import { translator, useT } from "~/i18n";
import { EmailTakenError, createUser } from "~/models/users.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { safeRedirect } from "~/utils/redirect";
import { getRequestInfo } from "~/utils/request.server";
import { badRequest } from "~/utils/responses.server";
import { requireAnonymous, startUserSession } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: translator()("register.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return { redirectTo: safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/"), providers: enabledProviders() };
}

type RegisterResult = {
  errors: FieldErrors;
  formError: "register.emailTaken" | null;
  values: { name: string; email: string };
};

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const form = await request.formData();
  const redirectTo = safeRedirect(form.get("redirectTo"), "/");
  const values = { name: String(form.get("name") ?? "").slice(0, 100), email: String(form.get("email") ?? "").slice(0, 254) };
  const parsed = parseForm(RegisterFormSchema, form);
  if (!parsed.ok) return badRequest<RegisterResult>({ errors: parsed.errors, formError: null, values });
  try {
    const info = getRequestInfo(request, context);
    const user = await createUser(parsed.data, info);
    return startUserSession(user.id, redirectTo, info);
  } catch (error) {
    if (error instanceof EmailTakenError) {
      return badRequest<RegisterResult>({ errors: {}, formError: "register.emailTaken", values });
    }
    throw error;
  }
}

export default function Register() {
  const { redirectTo, providers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="auth">
      <h1>{t("register.title")}</h1>
      <form method="post" action={`/register?${new URLSearchParams({ redirectTo })}`} noValidate className="stack">
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
