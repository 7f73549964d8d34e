/**
 * Choosing a new password through the emailed link (docs/email.md). The link
 * works once, for 1 hour. On success every session of the user ends (this
 * browser's too), the email counts as confirmed, and the viewer signs in
 * again with the new password. A password the policy refuses leaves the
 * link usable.
 */
import { metaTranslator, pageMeta } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { checkPasswordPolicy } from "~/auth/password-policy.server";
import { ResetPasswordSchema } from "~/auth/schemas";
import { CsrfField } from "~/components/csrf-field";
import { Field, PasswordField } from "~/components/field";
import { useT } from "~/i18n";
import { getUserByEmail, resetPassword } from "~/models/users.server";
import { consumeToken, findToken, type TokenLookup } from "~/models/verification.server";
import { readForm } from "~/utils/csrf.server";
import { flashHeader } from "~/utils/flash.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { getRequestInfo } from "~/utils/request.server";
import { badRequest } from "~/utils/responses.server";
import { endUserSession } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return [
    ...pageMeta(t, `${t("email.reset.title")} · Dracin`),
    // The URL carries the reset token: never send it to another site as a Referer. ("same-origin",
    // not "no-referrer", which makes browsers send `Origin: null` on the form post: the CSRF check refuses that.)
    { name: "referrer", content: "same-origin" },
  ];
};

type Page = { state: "form"; token: string; email: string; errors: FieldErrors } | { state: "invalid" | "expired" };

/** The page for a link that cannot be used: 410 when it expired, 400 otherwise. */
function unusable(found: Exclude<TokenLookup, { status: "valid" }>) {
  return data<Page>({ state: found.status }, { status: found.status === "expired" ? 410 : 400 });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  const found = await findToken("reset-password", token);
  if (found.status !== "valid") return unusable(found);
  return data<Page>({ state: "form", token: token ?? "", email: found.email, errors: {} });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const secret = form.get("token");
  if (typeof secret !== "string") return unusable({ status: "invalid" });
  const found = await findToken("reset-password", secret);
  if (found.status !== "valid") return unusable(found);
  const user = await getUserByEmail(found.email);
  if (!user) return unusable({ status: "invalid" });

  const parsed = parseForm(ResetPasswordSchema, form);
  const again = (errors: FieldErrors) => badRequest<Page>({ state: "form", token: secret, email: found.email, errors });
  if (!parsed.ok) return again(parsed.errors);
  const policy = checkPasswordPolicy(parsed.data.password, user);
  if (!policy.ok) return again({ password: policy.error });

  const info = getRequestInfo(request, context);
  const changed = await resetPassword(user.id, parsed.data.password, info, async (tx) => {
    return (await consumeToken("reset-password", secret, tx)) === found.email;
  });
  if (!changed) return unusable({ status: "invalid" });
  // Every session ended with the reset; clear this browser's cookie too.
  const response = await endUserSession(request, "/login");
  response.headers.append("Set-Cookie", await flashHeader("email.reset.done"));
  return response;
}

export default function ResetPassword() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const page = result ?? loaded;
  const t = useT();
  if (page.state !== "form") {
    const expired = page.state === "expired";
    return (
      <div className="auth stack">
        <h1>{t(expired ? "email.reset.expiredTitle" : "email.reset.invalidTitle")}</h1>
        <p>{t(expired ? "email.reset.expiredBody" : "email.reset.invalidBody")}</p>
        <p>
          <a href="/forgot-password" className="button">
            {t("email.reset.again")}
          </a>
        </p>
      </div>
    );
  }
  return (
    <div className="auth stack">
      <h1>{t("email.reset.title")}</h1>
      <form method="post" action="/reset-password" noValidate className="stack">
        <CsrfField />
        <input type="hidden" name="token" value={page.token} />
        <input type="email" name="username" autoComplete="username" value={page.email} readOnly hidden />
        <PasswordField kind="new" name="password" label={t("form.newPassword")} error={page.errors.password} />
        <Field
          label={t("email.password.confirm")}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          error={page.errors.confirmPassword}
        />
        <button type="submit" className="button">
          {t("email.reset.submit")}
        </button>
      </form>
    </div>
  );
}
