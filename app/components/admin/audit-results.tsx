import { useT } from "~/i18n";
import { FilterErrorSummary, KeysetPages } from "./filter-parts";
import { AuditTable } from "./audit-table";
import type { AuditFilterErrors, AuditRowView } from "~/models/admin-audit.server";

const FIELD_IDS: Record<string, string> = {
  action: "audit-action",
  email: "audit-email",
  ip: "audit-ip",
  from: "audit-from",
  to: "audit-to",
};

export interface AuditResultsProps {
  rows: AuditRowView[];
  /** The filters as a query string ("" or "?action=..."), for the CSV and "Newest" links. */
  query: string;
  /** The "Older entries" URL, or null on the last page. */
  olderHref: string | null;
  /** True when this page is not the newest one. */
  paged: boolean;
  errors: AuditFilterErrors;
  unknownEmail: string | null;
  /** Also announce the summary in the layout's status region (htmx swaps). */
  announce?: boolean;
}

/**
 * The results region of /admin/audit. The page renders it; htmx swaps the
 * same markup from /resources/admin-audit when a filter changes.
 */
export function AuditResults({ rows, query, olderHref, paged, errors, unknownEmail, announce }: AuditResultsProps) {
  const t = useT();
  const invalid = Object.keys(errors).length > 0;
  const summary = invalid
    ? t("admin.audit.invalid")
    : unknownEmail
      ? t("admin.audit.unknownEmail", { email: unknownEmail })
      : rows.length === 0
        ? t("admin.audit.none")
        : olderHref
          ? t("admin.audit.countMore", { count: rows.length })
          : t("admin.audit.count", { count: rows.length });
  return (
    <section id="audit-results" aria-labelledby="audit-results-title" className="admin-section">
      <h2 id="audit-results-title">{t("admin.audit.results")}</h2>
      {invalid ? (
        <FilterErrorSummary
          summary={summary}
          errors={errors}
          fieldIds={FIELD_IDS}
          firstPage={{ href: "/admin/audit", label: t("admin.audit.newest") }}
        />
      ) : (
        <>
          <p className="result-count">{summary}</p>
          <p className="admin-download">
            <a href={`/admin/audit.csv${query}`} download className="button button-secondary">
              {t("admin.audit.download")}
            </a>{" "}
            <span className="field-hint">{t("admin.audit.downloadHint")}</span>
          </p>
          {rows.length > 0 ? (
            <AuditTable rows={rows} caption={paged ? t("admin.audit.captionOlder") : t("admin.audit.caption")} />
          ) : null}
          <KeysetPages
            label={t("admin.audit.pages")}
            newest={paged ? { href: `/admin/audit${query}`, label: t("admin.audit.newest") } : null}
            older={olderHref ? { href: olderHref, label: t("admin.audit.older") } : null}
          />
        </>
      )}
      {announce ? <div data-hx-swap-oob="innerHTML:#announcer">{summary}</div> : null}
    </section>
  );
}
