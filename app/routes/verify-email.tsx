/**
 * Email confirmation (docs/email.md).
 * GET ?token=…   uses the emailed link: confirms the address (signed in or not)
 * GET ?sent=1    the neutral "check your inbox" page registration ends on
 * GET            the viewer's confirmation state, with "Resend email"
 * POST resend    a new link for the signed-in viewer (throttled: 429 + Retry-After)
 */
import { requestLocale } from "~/i18n/locale.server";
import { metaTranslator, pageMeta } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormError } from "~/components/field";
import { ResendForm } from "~/components/verify-banner";
import { translator, useT, type MessageKey } from "~/i18n";
import { checkThrottleAudited, retryAfterMinutes } from "~/models/throttle.server";
import { getUserWithVerification } from "~/models/users.server";
import { createVerificationRequest, verifyEmailWithToken } from "~/models/verification.server";
import { readForm } from "~/utils/csrf.server";
import { flashHeader } from "~/utils/flash.server";
import { linkOrigin, queueMail, verificationMail } from "~/utils/mail.server";
import { safeRedirect } from "~/utils/redirect";
import { getRequestInfo } from "~/utils/request.server";
import { badRequest } from "~/utils/responses.server";
import { getUserId, requireUserId } from "~/utils/session.server";

type View =
  | { kind: "sent" | "verified" | "invalid" | "expired" | "signedOut"; email?: undefined }
  | { kind: "pending" | "already"; email: string };

const TITLES: Record<View["kind"], MessageKey> = {
  sent: "email.verify.sentTitle",
  verified: "email.verify.doneTitle",
  invalid: "email.verify.invalidTitle",
  expired: "email.verify.expiredTitle",
  signedOut: "email.verify.title",
  pending: "email.verify.title",
  already: "email.verify.doneTitle",
};

export const meta: MetaFunction<typeof loader> = ({ data: loaded, matches }) => {
  const t = metaTranslator(matches);
  return [
    ...pageMeta(t, `${t(loaded ? TITLES[loaded.view.kind] : "email.verify.title")} · Dracin`),
    // The page may carry a token in its URL: never send it to another site as a Referer.
    // ("same-origin", not "no-referrer": with no-referrer browsers send `Origin: null` on this page's
    // own form posts, which the CSRF check refuses.)
    { name: "referrer", content: "same-origin" },
  ];
};

export { retryAfterHeaders as headers } from "~/utils/responses.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const token = params.get("token");
  if (token !== null) {
    const outcome = await verifyEmailWithToken(token, getRequestInfo(request, context));
    if (outcome.status === "verified") {
      // A clean URL (no token) to land on, so a reload does not say "link used".
      return redirect("/verify-email?verified=1", {
        status: 303,
        headers: { "Set-Cookie": await flashHeader("email.verify.flashDone") },
      });
    }
    const view: View = { kind: outcome.status };
    return data({ view }, { status: outcome.status === "expired" ? 410 : 400 });
  }
  if (params.has("sent")) return { view: { kind: "sent" } as View };
  if (params.has("verified")) return { view: { kind: "verified" } as View };
  const userId = await getUserId(request);
  const user = userId ? await getUserWithVerification(userId) : null;
  if (!user) return { view: { kind: "signedOut" } as View };
  return { view: { kind: user.emailVerified ? "already" : "pending", email: user.email } as View };
}

const ResendSchema = z.object({ intent: z.literal("resend") });

export async function action({ request, context }: ActionFunctionArgs) {
  const userId = await requireUserId(request);
  const form = await readForm(request);
  if (!ResendSchema.safeParse({ intent: form.get("intent") }).success) {
    return badRequest({ formError: "account.unknownAction" });
  }
  const redirectTo = safeRedirect(form.get("redirectTo"), "/verify-email");
  const user = await getUserWithVerification(userId);
  if (!user) throw redirect("/login");
  if (user.emailVerified) {
    return redirect(redirectTo, {
      status: 303,
      headers: { "Set-Cookie": await flashHeader("email.verify.alreadyDone") },
    });
  }
  const info = getRequestInfo(request, context);
  const throttle = await checkThrottleAudited("verify", { ip: info.ipAddress, subject: userId }, request, info, userId);
  if (!throttle.ok) {
    const minutes = retryAfterMinutes(throttle.retryAfterSeconds);
    return data(
      { formError: translator(await requestLocale(request))("email.throttled", { count: minutes }) },
      { status: 429, headers: { "Retry-After": String(throttle.retryAfterSeconds) } },
    );
  }
  const secret = await createVerificationRequest(user, info);
  queueMail(verificationMail(user, `${linkOrigin(request)}/verify-email?${new URLSearchParams({ token: secret })}`));
  return redirect(redirectTo, { status: 303, headers: { "Set-Cookie": await flashHeader("email.verify.resent") } });
}

export default function VerifyEmail() {
  const { view } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="auth stack">
      <h1>{t(TITLES[view.kind])}</h1>
      <FormError message={result?.formError} />
      {view.kind === "sent" ? (
        <>
          <p>{t("email.verify.sentBody")}</p>
          <p>
            {t("email.verify.sentSignIn")} <a href="/login">{t("nav.signIn")}</a> ·{" "}
            <a href="/forgot-password">{t("email.forgot.link")}</a>
          </p>
        </>
      ) : view.kind === "verified" ? (
        <>
          <p>{t("email.verify.doneBody")}</p>
          <p>
            <a href="/" className="button">
              {t("email.verify.continue")}
            </a>
          </p>
        </>
      ) : view.kind === "already" ? (
        <p>{t("email.verify.already", { email: view.email })}</p>
      ) : view.kind === "pending" ? (
        <>
          <p>{t("email.verify.pending", { email: view.email })}</p>
          <ResendForm redirectTo="/verify-email" />
        </>
      ) : view.kind === "signedOut" ? (
        <p>
          <a href={`/login?${new URLSearchParams({ redirectTo: "/verify-email" })}`}>{t("email.verify.signedOut")}</a>
        </p>
      ) : (
        <>
          <p>{t(view.kind === "expired" ? "email.verify.expiredBody" : "email.verify.invalidBody")}</p>
          <p>
            <a href="/verify-email">{t("email.verify.title")}</a>
          </p>
        </>
      )}
    </div>
  );
}
