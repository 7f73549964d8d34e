/**
 * /admin/sessions (admins only): the live sessions of every user, most
 * recently seen first, keyset-paginated like /admin/audit and filtered by a
 * GET form (email contains, IP address, user id). "End session" per row, and
 * "Sign everyone out", which ends every session of every user (the admin's
 * own too) after the admin re-enters their password (or, without one, signed
 * in within the last 10 minutes). Plain forms; works without JavaScript.
 * docs/admin.md, "Incidents".
 */
import { requestLocale } from "~/i18n/locale.server";
import { metaTranslator, pageMeta } from "~/i18n/meta";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AdminNav } from "~/components/admin/admin-nav";
import { CsrfField } from "~/components/csrf-field";
import { FilterErrorSummary, KeysetPages } from "~/components/admin/filter-parts";
import { Field, FormError } from "~/components/field";
import { ReauthFields } from "~/components/reauth-fields";
import { translator, useT, type MessageKey } from "~/i18n";
import { formatTimestamp } from "~/i18n/format";
import {
  SESSION_FILTER_FIELDS,
  endEverySession,
  endSessionAsAdmin,
  listActiveSessions,
  parseSessionQuery,
  sessionFilterQuery,
  type SessionFilterErrors,
  type SessionFilterField,
} from "~/models/incidents.server";
import { getSessionByTokenHash } from "~/models/sessions.server";
import { readForm } from "~/utils/csrf.server";
import { readDb } from "~/utils/db.server";
import { flashHeader } from "~/utils/flash.server";
import type { FieldErrors } from "~/utils/forms";
import { pathWithSearch } from "~/utils/redirect";
import { getRequestInfo } from "~/utils/request.server";
import { reauthOptions, reauthRefused, reauthenticate, type ReauthRefusal } from "~/utils/reauth.server";
import { badRequest, plainText } from "~/utils/responses.server";
import { endUserSession, getSessionTokenHash, getSessionUser, requireAdmin } from "~/utils/session.server";
import { describeUserAgent } from "~/utils/user-agent.server";

export { retryAfterHeaders as headers } from "~/utils/responses.server";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, `${t("incidents.sessions.title")} · Dracin`);
};

const PATH = "/admin/sessions";

/** The raw filter values of a URL (first value per name, at most 254 characters), for re-rendering the form. */
function rawFilters(params: URLSearchParams): Record<SessionFilterField, string> {
  const out = {} as Record<SessionFilterField, string>;
  for (const field of SESSION_FILTER_FIELDS) out[field] = (params.get(field) ?? "").slice(0, 254);
  return out;
}

/** The request's own session: its token hash and id (to mark it in the list). */
async function currentSession(request: Request) {
  const tokenHash = await getSessionTokenHash(request);
  const session = tokenHash ? await getSessionByTokenHash(tokenHash) : null;
  return { tokenHash, id: session?.id ?? null };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const adminId = await requireAdmin(request);
  const params = new URL(request.url).searchParams;
  const query = parseSessionQuery(params);
  const t = translator(await requestLocale(request));
  const [admin, current] = await Promise.all([getSessionUser(request), currentSession(request)]);
  const options = await reauthOptions(adminId, current.tokenHash);
  const page = query.ok
    ? await listActiveSessions(query.filters, query.cursor, new Date(), undefined, readDb(request))
    : { rows: [], next: null };
  const filterQuery = query.ok ? sessionFilterQuery(query.filters) : "";
  const errors: SessionFilterErrors = query.ok ? {} : query.errors;
  return data(
    {
      values: rawFilters(params),
      errors,
      rows: page.rows.map((row) => ({
        id: row.id,
        userId: row.userId,
        userEmail: row.userEmail,
        device: describeUserAgent(row.userAgent, t),
        ipAddress: row.ipAddress,
        createdAt: row.createdAt.toISOString(),
        lastSeenAt: row.lastSeenAt.toISOString(),
        current: row.id === current.id,
      })),
      query: filterQuery,
      olderHref: query.ok && page.next ? `${PATH}${sessionFilterQuery(query.filters, page.next)}` : null,
      paged: query.ok && query.cursor !== null,
      email: admin?.email ?? "",
      ...options,
    },
    { status: query.ok ? 200 : 400, headers: { "Cache-Control": "private, no-store" } },
  );
}

const IntentSchema = z.enum(["end-session", "end-all"]);
const SessionIdSchema = z.string().trim().min(1).max(64);

type ActionResult = {
  intent: z.infer<typeof IntentSchema> | null;
  errors: FieldErrors;
  formError: MessageKey | null;
  retryMinutes?: number;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const adminId = await requireAdmin(request);
  const form = await readForm(request);
  const intent = IntentSchema.safeParse(form.get("intent"));
  if (!intent.success) {
    return badRequest<ActionResult>({ intent: null, errors: {}, formError: "admin.user.unknownAction" });
  }
  const info = getRequestInfo(request, context);
  const current = await currentSession(request);

  if (intent.data === "end-session") {
    const sessionId = SessionIdSchema.safeParse(form.get("sessionId"));
    const ended = sessionId.success ? await endSessionAsAdmin(sessionId.data, adminId, info) : null;
    if (!ended) {
      // Unknown or already ended: nothing changes.
      return data<ActionResult>(
        { intent: "end-session", errors: {}, formError: "sessions.notFound" },
        { status: sessionId.success ? 404 : 400 },
      );
    }
    if (sessionId.data === current.id) {
      const response = await endUserSession(request, "/login");
      response.headers.append("Set-Cookie", await flashHeader("flash.signedOut"));
      return response;
    }
    // Back to the same filters and page.
    return redirect(pathWithSearch(request), {
      status: 303,
      headers: { "Set-Cookie": await flashHeader("sessions.flash.ended") },
    });
  }

  const check = await reauthenticate(request, adminId, form, current.tokenHash, info);
  if (!check.ok) return reauthRefused<Omit<ActionResult, keyof ReauthRefusal>>({ intent: "end-all" }, check);
  const count = await endEverySession(adminId, info);
  if (count === null) throw await plainText(request, 403, "http.adminOnly");
  // This browser's session ended with the rest: clear its cookie and go to the sign-in page.
  const response = await endUserSession(request, "/login");
  response.headers.append("Set-Cookie", await flashHeader("incidents.flash.everyoneSignedOut"));
  return response;
}

const FIELD_IDS: Record<SessionFilterField, string> = {
  email: "sessions-email",
  ip: "sessions-ip",
  user: "sessions-user",
};

const FILTER_FIELDS: { name: SessionFilterField; label: MessageKey; hint?: MessageKey }[] = [
  { name: "email", label: "incidents.sessions.email", hint: "incidents.sessions.emailHint" },
  { name: "ip", label: "incidents.sessions.ip", hint: "incidents.sessions.ipHint" },
  { name: "user", label: "incidents.sessions.user" },
];

export default function AdminSessions() {
  const { values, errors, rows, query, olderHref, paged, email, hasPassword, freshSignIn } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const endAll = result?.intent === "end-all" ? result : undefined;
  const invalid = Object.keys(errors).length > 0;
  const summary = invalid
    ? t("admin.audit.invalid")
    : rows.length === 0
      ? t("incidents.sessions.none")
      : olderHref
        ? t("incidents.sessions.countMore", { count: rows.length })
        : t("incidents.sessions.count", { count: rows.length });
  const none = t("admin.audit.none.value");
  return (
    <div className="admin-page">
      <AdminNav current="sessions" />
      <h1>{t("incidents.sessions.title")}</h1>
      <p>{t("incidents.sessions.intro")}</p>
      {result && result.intent !== "end-all" ? <FormError message={result.formError} /> : null}

      <section aria-labelledby="sessions-filters-title" className="admin-section">
        <h2 id="sessions-filters-title">{t("incidents.sessions.filters")}</h2>
        <form method="get" action={PATH} className="admin-filters">
          {FILTER_FIELDS.map((field) => (
            <Field
              key={field.name}
              id={FIELD_IDS[field.name]}
              name={field.name}
              label={t(field.label)}
              hint={field.hint ? t(field.hint) : undefined}
              type="text"
              inputMode={field.name === "email" ? "email" : undefined}
              autoComplete="off"
              spellCheck={false}
              maxLength={field.name === "email" ? 254 : 64}
              defaultValue={values[field.name]}
              error={errors[field.name]}
            />
          ))}
          <div className="admin-filter-actions">
            <button type="submit" className="button">
              {t("admin.audit.apply")}
            </button>{" "}
            <a href={PATH} className="button button-secondary">
              {t("admin.audit.clear")}
            </a>
          </div>
        </form>
      </section>

      <section aria-labelledby="sessions-results-title" className="admin-section">
        <h2 id="sessions-results-title">{t("incidents.sessions.results")}</h2>
        {invalid ? (
          <FilterErrorSummary
            summary={summary}
            errors={errors}
            fieldIds={FIELD_IDS}
            firstPage={{ href: PATH, label: t("incidents.sessions.newest") }}
          />
        ) : (
          <p className="result-count">{summary}</p>
        )}
        {rows.length > 0 ? (
          <div
            className="table-scroll"
            role="region"
            aria-label={t(paged ? "incidents.sessions.captionOlder" : "incidents.sessions.caption")}
            tabIndex={0}
          >
            <table className="admin-table">
              <caption>{t(paged ? "incidents.sessions.captionOlder" : "incidents.sessions.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("incidents.sessions.col.user")}</th>
                  <th scope="col">{t("incidents.sessions.col.device")}</th>
                  <th scope="col">{t("incidents.sessions.col.ip")}</th>
                  <th scope="col">{t("incidents.sessions.col.signedIn")}</th>
                  <th scope="col">{t("incidents.sessions.col.lastSeen")}</th>
                  <th scope="col">{t("incidents.sessions.col.action")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td className="admin-wrap">
                      <a href={`/admin/users/${encodeURIComponent(row.userId)}`}>{row.userEmail}</a>
                    </td>
                    <td>
                      {row.device}
                      {row.current ? <span className="session-badge">{t("sessions.thisSession")}</span> : null}
                    </td>
                    <td>{row.ipAddress ?? none}</td>
                    <td>
                      <time dateTime={row.createdAt}>{formatTimestamp(row.createdAt)}</time>
                    </td>
                    <td>
                      <time dateTime={row.lastSeenAt}>{formatTimestamp(row.lastSeenAt)}</time>
                    </td>
                    <td>
                      <form method="post" action={`${PATH}${query}`}>
                        <CsrfField />
                        <input type="hidden" name="sessionId" value={row.id} />
                        <button
                          type="submit"
                          name="intent"
                          value="end-session"
                          className="button button-secondary"
                          aria-label={t("incidents.sessions.endNamed", { device: row.device, email: row.userEmail })}
                        >
                          {t("incidents.sessions.end")}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <KeysetPages
          label={t("incidents.sessions.pages")}
          newest={paged ? { href: `${PATH}${query}`, label: t("incidents.sessions.newest") } : null}
          older={olderHref ? { href: olderHref, label: t("incidents.sessions.older") } : null}
        />
      </section>

      <section aria-labelledby="end-all-title" className="admin-section">
        <h2 id="end-all-title">{t("incidents.endAll.heading")}</h2>
        <form method="post" action={PATH} noValidate className="stack">
          <CsrfField />
          <p>{t("incidents.endAll.intro")}</p>
          <FormError message={endAll?.formError} vars={{ minutes: endAll?.retryMinutes ?? 15 }} />
          <ReauthFields
            email={email}
            hasPassword={hasPassword}
            freshSignIn={freshSignIn}
            label={t("form.currentPassword")}
            error={endAll?.errors.currentPassword}
            formError={endAll?.formError}
          />
          <button type="submit" name="intent" value="end-all" className="button">
            {t("incidents.endAll.submit")}
          </button>
        </form>
      </section>
    </div>
  );
}
