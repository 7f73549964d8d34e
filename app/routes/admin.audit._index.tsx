/**
 * /admin/audit (admins only): the security audit trail, newest first, with
 * filters (action, user email, IP, UTC date range), keyset pagination
 * ("Older entries" carries an opaque cursor), a CSV export of the current
 * filter and a 30-day chart of sign-ins and failures. Works without
 * JavaScript; with htmx a filter change swaps only the results
 * (/resources/admin-audit). docs/admin.md.
 */
import { metaTranslator, pageMeta } from "~/i18n/meta";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AdminNav } from "~/components/admin/admin-nav";
import { AuditFilters } from "~/components/admin/audit-filters";
import { AuditResults } from "~/components/admin/audit-results";
import { LoginChart } from "~/components/admin/login-chart";
import { useLocale, useT } from "~/i18n";
import { formatDate } from "~/i18n/format";
import { auditPageFor, recentLoginChart } from "~/models/admin-audit.server";
import { retentionSummary } from "~/models/audit-retention.server";
import { AUDIT_ACTIONS } from "~/models/audit.server";
import { requireAdmin } from "~/utils/session.server";
import { readDb } from "~/utils/db.server";
import type { RouteHandle } from "~/utils/route-handle";

export const handle: RouteHandle = { htmx: "signed-in" };

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, `${t("admin.audit.title")} · Dracin`);
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [page, chart, retention] = await Promise.all([
    auditPageFor(new URL(request.url), readDb(request)),
    recentLoginChart(),
    retentionSummary(),
  ]);
  return data(
    {
      ...page.view,
      chart,
      actions: AUDIT_ACTIONS,
      retention: { days: retention.days, oldest: retention.oldest?.toISOString() ?? null, held: retention.legalHold },
    },
    { status: page.ok ? 200 : 400, headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function AdminAudit() {
  const { values, errors, rows, query, olderHref, paged, unknownEmail, chart, actions, retention } =
    useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="admin-page">
      <AdminNav current="audit" />
      <h1>{t("admin.audit.title")}</h1>
      <p>{t("admin.audit.intro")}</p>
      <p>
        {t("audit.retention.summary", {
          days: retention.days,
          oldest: retention.oldest ? formatDate(new Date(retention.oldest), locale) : t("audit.retention.none"),
        })}{" "}
        {retention.held ? `${t("audit.retention.summaryHeld")} ` : null}
        <a href="/admin/audit/verify">{t("audit.retention.verifyLink")}</a>
      </p>
      <LoginChart days={chart} />
      <AuditFilters actions={actions} values={{ ...values, action: values.action || "any" }} errors={errors} />
      <AuditResults
        rows={rows}
        query={query}
        olderHref={olderHref}
        paged={paged}
        errors={errors}
        unknownEmail={unknownEmail}
      />
    </div>
  );
}
