/**
 * /account/sessions: the viewer's signed-in browsers and devices. End one,
 * or end all the others after re-entering the password (a fresh sign-in for
 * accounts without one). Plain forms; works without JavaScript.
 * (`account_` keeps this page out of the /account layout: account.tsx has no <Outlet/>.)
 */
import { requestLocale } from "~/i18n/locale.server";
import { metaTranslator, pageMeta } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfField } from "~/components/csrf-field";
import { FormError } from "~/components/field";
import { ReauthFields } from "~/components/reauth-fields";
import { translator, useLocale, useT, type MessageKey } from "~/i18n";
import { formatDateTime } from "~/i18n/format";
import { listUserSessions, revokeOtherSessions, revokeUserSession } from "~/models/sessions.server";
import { FRESH_SIGN_IN_MS, getUserById, userHasPassword } from "~/models/users.server";
import { readForm } from "~/utils/csrf.server";
import { getEnv } from "~/utils/env.server";
import { flashHeader } from "~/utils/flash.server";
import type { FieldErrors } from "~/utils/forms";
import { getRequestInfo } from "~/utils/request.server";
import { reauthRefused, reauthenticate, type ReauthRefusal } from "~/utils/reauth.server";
import { badRequest } from "~/utils/responses.server";
import { endUserSession, getSessionTokenHash, requireUserId } from "~/utils/session.server";
import { describeUserAgent } from "~/utils/user-agent.server";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, t("sessions.title"));
};

const PATH = "/account/sessions";

export { retryAfterHeaders as headers } from "~/utils/responses.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const userId = await requireUserId(request);
  const tokenHash = await getSessionTokenHash(request);
  const [user, sessions, hasPassword] = await Promise.all([
    getUserById(userId),
    listUserSessions(userId, tokenHash),
    userHasPassword(userId),
  ]);
  if (!user) throw redirect("/login");
  const current = sessions.find((session) => session.current);
  const env = getEnv();
  const t = translator(await requestLocale(request));
  return {
    email: user.email,
    hasPassword,
    freshSignIn: current ? Date.now() - current.createdAt.getTime() <= FRESH_SIGN_IN_MS : false,
    idleDays: env.SESSION_IDLE_DAYS,
    maxDays: env.SESSION_MAX_AGE_DAYS,
    sessions: sessions.map((session) => ({
      id: session.id,
      device: describeUserAgent(session.userAgent, t),
      ipAddress: session.ipAddress,
      createdAt: session.createdAt.toISOString(),
      lastSeenAt: session.lastSeenAt.toISOString(),
      current: session.current,
    })),
  };
}

const IntentSchema = z.enum(["end", "end-others"]);
const SessionIdSchema = z.string().trim().min(1).max(64);

type ActionResult = {
  intent: "end" | "end-others";
  errors: FieldErrors;
  formError: MessageKey | null;
  retryMinutes?: number;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const userId = await requireUserId(request);
  const form = await readForm(request);
  const intent = IntentSchema.safeParse(form.get("intent"));
  if (!intent.success) {
    return badRequest<ActionResult>({ intent: "end", errors: {}, formError: "sessions.unknownAction" });
  }
  const info = getRequestInfo(request, context);
  const tokenHash = await getSessionTokenHash(request);

  if (intent.data === "end") {
    const sessionId = SessionIdSchema.safeParse(form.get("sessionId"));
    if (!sessionId.success) {
      return badRequest<ActionResult>({ intent: "end", errors: {}, formError: "sessions.unknownAction" });
    }
    const ended = await revokeUserSession(userId, sessionId.data, tokenHash, info);
    if (!ended) {
      // Unknown, already ended, or another user's: nothing changes.
      return data<ActionResult>({ intent: "end", errors: {}, formError: "sessions.notFound" }, { status: 404 });
    }
    if (ended.current) {
      const response = await endUserSession(request, "/");
      response.headers.append("Set-Cookie", await flashHeader("flash.signedOut"));
      return response;
    }
    return redirect(PATH, { status: 303, headers: { "Set-Cookie": await flashHeader("sessions.flash.ended") } });
  }

  const check = await reauthenticate(request, userId, form, tokenHash, info);
  if (!check.ok) return reauthRefused<Omit<ActionResult, keyof ReauthRefusal>>({ intent: "end-others" }, check);
  // requireUserId passed, so the request has a session token.
  const count = tokenHash ? await revokeOtherSessions(userId, tokenHash, info) : 0;
  return redirect(PATH, {
    status: 303,
    headers: { "Set-Cookie": await flashHeader(count > 0 ? "sessions.flash.othersEnded" : "sessions.flash.noOthers") },
  });
}

export default function AccountSessions() {
  const { email, hasPassword, freshSignIn, idleDays, maxDays, sessions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const endResult = result?.intent === "end" ? result : undefined;
  const othersResult = result?.intent === "end-others" ? result : undefined;
  const others = sessions.filter((session) => !session.current).length;
  return (
    <>
      <p className="breadcrumb">
        <a href="/account">{t("sessions.back")}</a>
      </p>
      <h1>{t("sessions.title")}</h1>
      <p>{t("sessions.intro")}</p>
      <FormError message={endResult?.formError} />
      <section aria-labelledby="sessions-list-title">
        <h2 id="sessions-list-title">{t("sessions.listHeading")}</h2>
        <p>{t("sessions.count", { count: sessions.length })}</p>
        <ul className="session-list">
          {sessions.map((session) => (
            <li key={session.id} className="panel session-item">
              <h3 className="session-device">
                {session.device}
                {session.current ? <span className="session-badge">{t("sessions.thisSession")}</span> : null}
              </h3>
              <dl className="facts">
                <div>
                  <dt>{t("sessions.ipAddress")}</dt>
                  <dd>{session.ipAddress ?? t("sessions.ipUnknown")}</dd>
                </div>
                <div>
                  <dt>{t("sessions.signedIn")}</dt>
                  <dd>
                    <time dateTime={session.createdAt}>{formatDateTime(new Date(session.createdAt), locale)}</time>
                  </dd>
                </div>
                <div>
                  <dt>{t("sessions.lastSeen")}</dt>
                  <dd>
                    <time dateTime={session.lastSeenAt}>{formatDateTime(new Date(session.lastSeenAt), locale)}</time>
                  </dd>
                </div>
              </dl>
              <form method="post" action={PATH}>
                <CsrfField />
                <input type="hidden" name="sessionId" value={session.id} />
                <input type="hidden" name="intent" value="end" />
                <button
                  type="submit"
                  className="button button-secondary"
                  aria-label={t(session.current ? "sessions.endCurrentNamed" : "sessions.endNamed", {
                    device: session.device,
                  })}
                >
                  {t(session.current ? "sessions.endCurrent" : "sessions.end")}
                </button>
              </form>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="sessions-others-title" className="panel">
        <h2 id="sessions-others-title">{t("sessions.othersHeading")}</h2>
        {others === 0 ? (
          <p>{t("sessions.othersNone")}</p>
        ) : (
          <form method="post" action={PATH} noValidate className="stack">
            <CsrfField />
            <p>{t("sessions.othersIntro")}</p>
            <FormError message={othersResult?.formError} vars={{ minutes: othersResult?.retryMinutes ?? 15 }} />
            <ReauthFields
              email={email}
              hasPassword={hasPassword}
              freshSignIn={freshSignIn}
              label={t("form.currentPassword")}
              error={othersResult?.errors.currentPassword}
              formError={othersResult?.formError}
            />
            <input type="hidden" name="intent" value="end-others" />
            <button type="submit" className="button">
              {t("sessions.othersSubmit")}
            </button>
          </form>
        )}
      </section>
      <p>{t("sessions.timeoutsNote", { idleDays, maxDays })}</p>
    </>
  );
}
