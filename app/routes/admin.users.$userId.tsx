/**
 * /admin/users/:userId (admins only): one user's account, active sessions
 * and 20 newest audit rows; "End all sessions", "Change role" and "Disable
 * account" / "Enable account" (all audited). The last enabled admin can never
 * be demoted or disabled, and nobody disables themself.
 */
import { metaTranslator, pageMeta } from "~/i18n/meta";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AdminNav } from "~/components/admin/admin-nav";
import { AuditTable } from "~/components/admin/audit-table";
import { CsrfField } from "~/components/csrf-field";
import { FormError } from "~/components/field";
import { useLocale, useT, type MessageKey } from "~/i18n";
import { formatList, formatNumber, formatTimestamp } from "~/i18n/format";
import { recentAuditForUser, toRowViews } from "~/models/admin-audit.server";
import { changeRole, endAllSessions, getUserForAdmin } from "~/models/admin-users.server";
import { setAccountDisabled } from "~/models/incidents.server";
import { readForm } from "~/utils/csrf.server";
import { flashHeader } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { getRequestInfo } from "~/utils/request.server";
import { badRequest, notFoundFor, plainText } from "~/utils/responses.server";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded, matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, `${loaded?.user.email ?? t("admin.users.title")} · Dracin`);
};

const UserIdSchema = z.string().min(1).max(64);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const adminId = await requireAdmin(request);
  const id = UserIdSchema.safeParse(params.userId);
  const user = id.success ? await getUserForAdmin(id.data) : null;
  if (!user) throw await notFoundFor(request, "http.notFound.user");
  const activity = await toRowViews(await recentAuditForUser(user.id));
  return data(
    {
      user: {
        ...user,
        createdAt: user.createdAt.toISOString(),
        disabledAt: user.disabledAt?.toISOString() ?? null,
        emailVerified: user.emailVerified?.toISOString() ?? null,
        sessions: user.sessions.map((session) => ({
          id: session.id,
          userAgent: session.userAgent,
          ipAddress: session.ipAddress,
          createdAt: session.createdAt.toISOString(),
          lastSeenAt: session.lastSeenAt.toISOString(),
        })),
      },
      activity,
      isSelf: user.id === adminId,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

const IntentSchema = z.enum(["end-sessions", "change-role", "disable", "enable"]);
const RoleSchema = z.object({ role: z.enum(["USER", "ADMIN"], { message: "admin.user.invalidRole" }) });

type ActionResult = { intent: z.infer<typeof IntentSchema> | null; formError: MessageKey };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const adminId = await requireAdmin(request);
  const form = await readForm(request);
  const id = UserIdSchema.safeParse(params.userId);
  if (!id.success) throw await notFoundFor(request, "http.notFound.user");
  const info = getRequestInfo(request, context);
  const intent = IntentSchema.safeParse(form.get("intent"));
  if (!intent.success) return badRequest<ActionResult>({ intent: null, formError: "admin.user.unknownAction" });
  const here = `/admin/users/${encodeURIComponent(id.data)}`;

  if (intent.data === "end-sessions") {
    const ended = await endAllSessions(id.data, adminId, info);
    if (ended === null) throw await notFoundFor(request, "http.notFound.user");
    return redirect(here, { status: 303, headers: { "Set-Cookie": await flashHeader("admin.flash.sessionsEnded") } });
  }

  if (intent.data === "disable" || intent.data === "enable") {
    const disable = intent.data === "disable";
    const result = await setAccountDisabled(id.data, disable, adminId, info);
    if (!result.ok) {
      if (result.reason === "not-found") throw await notFoundFor(request, "http.notFound.user");
      if (result.reason === "not-admin") throw await plainText(request, 403, "http.adminOnly");
      const formError = result.reason === "self" ? "incidents.user.self" : "incidents.user.lastAdmin";
      return data<ActionResult>({ intent: intent.data, formError }, { status: 409 });
    }
    const flash = result.changed
      ? disable
        ? "incidents.flash.disabled"
        : "incidents.flash.enabled"
      : disable
        ? "incidents.flash.alreadyDisabled"
        : "incidents.flash.alreadyEnabled";
    return redirect(here, { status: 303, headers: { "Set-Cookie": await flashHeader(flash) } });
  }

  const parsed = parseForm(RoleSchema, form);
  if (!parsed.ok) return badRequest<ActionResult>({ intent: "change-role", formError: "admin.user.invalidRole" });
  const result = await changeRole({ id: id.data }, parsed.data.role, { by: "admin", adminId }, info);
  if (!result.ok) {
    if (result.reason === "not-found") throw await notFoundFor(request, "http.notFound.user");
    return data<ActionResult>({ intent: "change-role", formError: "admin.user.lastAdmin" }, { status: 409 });
  }
  if (!result.changed) {
    return redirect(here, { status: 303, headers: { "Set-Cookie": await flashHeader("admin.flash.roleUnchanged") } });
  }
  // An admin who made themself a user can no longer open this page.
  if (id.data === adminId && result.to === "USER") {
    return redirect("/", { status: 303, headers: { "Set-Cookie": await flashHeader("admin.flash.ownRoleChanged") } });
  }
  return redirect(here, { status: 303, headers: { "Set-Cookie": await flashHeader("admin.flash.roleChanged") } });
}

export default function AdminUser() {
  const { user, activity, isSelf } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const none = t("admin.audit.none.value");
  const methods = [...(user.hasPassword ? [t("admin.user.password")] : []), ...user.providers];
  return (
    <div className="admin-page">
      <AdminNav current="users" />
      <p>
        <a href="/admin/users">{t("admin.user.back")}</a>
      </p>
      <h1>{user.email}</h1>
      {result && result.intent === null ? <FormError message={result.formError} /> : null}

      <section aria-labelledby="user-details" className="admin-section">
        <h2 id="user-details">{t("admin.user.details")}</h2>
        <dl className="admin-dl">
          <dt>{t("admin.user.name")}</dt>
          <dd>{user.name ?? none}</dd>
          <dt>{t("incidents.user.status")}</dt>
          <dd>{t(user.disabledAt ? "incidents.user.disabled" : "incidents.user.enabled")}</dd>
          {user.disabledAt ? (
            <>
              <dt>{t("incidents.user.disabledAt")}</dt>
              <dd>
                <time dateTime={user.disabledAt}>{formatTimestamp(user.disabledAt)}</time>
              </dd>
            </>
          ) : null}
          <dt>{t("admin.user.role")}</dt>
          <dd>{t(user.role === "ADMIN" ? "admin.users.role.ADMIN" : "admin.users.role.USER")}</dd>
          <dt>{t("admin.user.created")}</dt>
          <dd>
            <time dateTime={user.createdAt}>{formatTimestamp(user.createdAt)}</time>
          </dd>
          <dt>{t("admin.user.verified")}</dt>
          <dd>
            {user.emailVerified ? (
              <time dateTime={user.emailVerified}>{formatTimestamp(user.emailVerified)}</time>
            ) : (
              t("admin.user.notVerified")
            )}
          </dd>
          <dt>{t("admin.user.signIn")}</dt>
          <dd>{methods.length > 0 ? formatList(methods, locale) : t("admin.user.noMethods")}</dd>
        </dl>
      </section>

      <section aria-labelledby="user-access" className="admin-section">
        <h2 id="user-access">{t("incidents.user.access")}</h2>
        {result && (result.intent === "disable" || result.intent === "enable") ? (
          <FormError message={result.formError} />
        ) : null}
        {isSelf && !user.disabledAt ? (
          <p>{t("incidents.user.selfNote")}</p>
        ) : (
          <form method="post">
            <CsrfField />
            <p id="access-hint" className="field-hint">
              {t(user.disabledAt ? "incidents.user.enableHint" : "incidents.user.disableHint")}
            </p>
            <button
              type="submit"
              name="intent"
              value={user.disabledAt ? "enable" : "disable"}
              className="button"
              aria-describedby="access-hint"
            >
              {t(user.disabledAt ? "incidents.user.enable" : "incidents.user.disable")}
            </button>
          </form>
        )}
      </section>

      <section aria-labelledby="user-role" className="admin-section">
        <h2 id="user-role">{t("admin.user.changeRole")}</h2>
        {result && result.intent === "change-role" ? <FormError message={result.formError} /> : null}
        <form method="post" className="admin-role-form">
          <CsrfField />
          <fieldset>
            <legend>{t("admin.user.roleLegend")}</legend>
            <p id="role-hint" className="field-hint">
              {t("admin.user.roleHint")}
            </p>
            {(["USER", "ADMIN"] as const).map((role) => (
              <div key={role} className="admin-radio">
                <input
                  type="radio"
                  id={`role-${role}`}
                  name="role"
                  value={role}
                  defaultChecked={user.role === role}
                  aria-describedby="role-hint"
                />
                <label htmlFor={`role-${role}`}>
                  {t(role === "ADMIN" ? "admin.users.role.ADMIN" : "admin.users.role.USER")}
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit" name="intent" value="change-role" className="button">
            {t("admin.user.saveRole")}
          </button>
        </form>
      </section>

      <section aria-labelledby="user-sessions" className="admin-section">
        <h2 id="user-sessions">
          {t("admin.user.sessions")} ({formatNumber(user.sessions.length, locale)})
        </h2>
        {user.sessions.length > 0 ? (
          <div className="table-scroll" role="region" aria-label={t("admin.user.sessionsCaption")} tabIndex={0}>
            <table className="admin-table">
              <caption>{t("admin.user.sessionsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("admin.user.col.created")}</th>
                  <th scope="col">{t("admin.user.col.lastSeen")}</th>
                  <th scope="col">{t("admin.user.col.userAgent")}</th>
                  <th scope="col">{t("admin.user.col.ip")}</th>
                </tr>
              </thead>
              <tbody>
                {user.sessions.map((session) => (
                  <tr key={session.id}>
                    <td>
                      <time dateTime={session.createdAt}>{formatTimestamp(session.createdAt)}</time>
                    </td>
                    <td>
                      <time dateTime={session.lastSeenAt}>{formatTimestamp(session.lastSeenAt)}</time>
                    </td>
                    <td className="admin-wrap">{session.userAgent ? <code>{session.userAgent}</code> : none}</td>
                    <td>{session.ipAddress ?? none}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("admin.user.noSessions")}</p>
        )}
        <form method="post">
          <CsrfField />
          <p id="end-sessions-hint" className="field-hint">
            {t("admin.user.endSessionsHint")}
          </p>
          <button
            type="submit"
            name="intent"
            value="end-sessions"
            className="button button-secondary"
            aria-describedby="end-sessions-hint"
          >
            {t("admin.user.endSessions")}
          </button>
        </form>
      </section>

      <section aria-labelledby="user-activity" className="admin-section">
        <h2 id="user-activity">{t("admin.user.activity")}</h2>
        {activity.length > 0 ? (
          <AuditTable rows={activity} caption={t("admin.user.activityCaption")} />
        ) : (
          <p>{t("admin.user.noActivity")}</p>
        )}
      </section>
    </div>
  );
}
