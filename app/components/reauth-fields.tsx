import { PasswordField } from "~/components/field";
import { useT } from "~/i18n";

/**
 * The re-authentication part of a sensitive form (app/utils/reauth.server.ts):
 * the current password (with the account's email as a hidden username for
 * password managers), or for an account without one, whether its recent
 * sign-in is enough or it has to sign in again (unless the form already says so).
 */
export function ReauthFields({
  email,
  hasPassword,
  freshSignIn,
  label,
  error,
  formError,
}: {
  email: string;
  hasPassword: boolean;
  freshSignIn: boolean;
  label: string;
  error?: string;
  formError?: string | null;
}) {
  const t = useT();
  if (hasPassword) {
    return (
      <>
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <PasswordField kind="current" name="currentPassword" label={label} error={error} />
      </>
    );
  }
  if (freshSignIn) return <p>{t("sessions.reauth.freshHint")}</p>;
  return formError ? null : <p>{t("sessions.reauth.stale")}</p>;
}
