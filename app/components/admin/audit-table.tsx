import { useT } from "~/i18n";
import { formatTimestamp } from "~/i18n/format";
import { auditActionLabel } from "./audit-action";
import type { AuditRowView } from "~/models/admin-audit.server";

/** Who a row is about: the email (linked to the user), "deleted user" or "anonymous". */
export function AuditWho({ row }: { row: AuditRowView }) {
  const t = useT();
  if (row.who === "user" && row.userId) {
    return <a href={`/admin/users/${encodeURIComponent(row.userId)}`}>{row.userEmail ?? row.userId}</a>;
  }
  return (
    <span className="admin-muted">
      {row.who === "deleted" ? t("admin.audit.deletedUser") : t("admin.audit.anonymous")}
    </span>
  );
}

/** A table of audit rows (the audit trail, a user's recent activity). */
export function AuditTable({ rows, caption }: { rows: AuditRowView[]; caption: string }) {
  const t = useT();
  const none = t("admin.audit.none.value");
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="admin-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("admin.audit.col.time")}</th>
            <th scope="col">{t("admin.audit.col.action")}</th>
            <th scope="col">{t("admin.audit.col.user")}</th>
            <th scope="col">{t("admin.audit.col.ip")}</th>
            <th scope="col">{t("admin.audit.col.entity")}</th>
            <th scope="col">{t("admin.audit.col.entry")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                <time dateTime={row.timestamp}>{formatTimestamp(row.timestamp)}</time>
              </td>
              <td>
                {auditActionLabel(t, row.action)} <code className="admin-muted">{row.action}</code>
              </td>
              <td>
                <AuditWho row={row} />
              </td>
              <td>{row.ipAddress ?? none}</td>
              <td>
                {row.entityType ? <code>{`${row.entityType}${row.entityId ? ` ${row.entityId}` : ""}`}</code> : none}
              </td>
              <td>
                <a href={`/admin/audit/${encodeURIComponent(row.id)}`}>
                  {t("admin.audit.view")}
                  <span className="visually-hidden"> {t("admin.audit.viewEntry", { id: row.id })}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
