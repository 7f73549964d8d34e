/**
 * The notice signed-in viewers see on every page until they confirm their
 * email address (rendered by app/root.tsx), and the "Resend email" form it
 * shares with /verify-email and /account. The form is a plain POST to
 * /verify-email that comes back here with a flash message.
 */
import { useLocation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { useT } from "~/i18n";

export function ResendForm({ redirectTo }: { redirectTo: string }) {
  const t = useT();
  return (
    <form method="post" action="/verify-email" className="resend-form">
      <CsrfField />
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <input type="hidden" name="intent" value="resend" />
      <button type="submit" className="button button-secondary button-small">
        {t("email.banner.resend")}
      </button>
    </form>
  );
}

export function VerifyBanner({ email }: { email: string }) {
  const t = useT();
  const location = useLocation();
  // These pages show the state and the button themselves.
  if (location.pathname === "/verify-email" || location.pathname === "/account") return null;
  return (
    <div className="verify-banner">
      <p>{t("email.banner.text", { email })}</p>
      <ResendForm redirectTo={`${location.pathname}${location.search}`} />
    </div>
  );
}
