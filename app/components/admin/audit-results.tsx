import { isMessageKey, useT, type MessageKey } from "~/i18n";
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
        <div className="form-error" role="alert">
          <p>{summary}</p>
          <ul>
            {Object.entries(errors).map(([field, message]) => (
              <li key={field}>
                {FIELD_IDS[field] ? (
                  <a href={`#${FIELD_IDS[field]}`}>
                    {isMessageKey(message ?? "") ? t(message as MessageKey) : message}
                  </a>
                ) : (
                  <>
                    {isMessageKey(message ?? "") ? t(message as MessageKey) : message}{" "}
                    <a href="/admin/audit">{t("admin.audit.newest")}</a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
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
          {paged || olderHref ? (
            <nav aria-label={t("admin.audit.pages")} className="pagination">
              <ul>
                {paged ? (
                  <li>
                    <a href={`/admin/audit${query}`}>{t("admin.audit.newest")}</a>
                  </li>
                ) : null}
                {olderHref ? (
                  <li>
                    <a href={olderHref} rel="next">
                      {t("admin.audit.older")}
                    </a>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </>
      )}
      {announce ? <div data-hx-swap-oob="innerHTML:#announcer">{summary}</div> : null}
    </section>
  );
}
