import { isMessageKey, useT } from "~/i18n";
import { auditActionLabel } from "./audit-action";
import type { AuditFilterErrors, AuditFilterValues } from "~/models/admin-audit.server";

function ErrorText({ id, error }: { id: string; error?: string }) {
  const t = useT();
  if (!error) return null;
  return (
    <p id={id} className="field-error">
      {isMessageKey(error) ? t(error) : error}
    </p>
  );
}

/** aria-describedby for a field with an optional hint and error. */
function describedBy(name: string, hint: boolean, error?: string): string | undefined {
  return (
    [hint ? `audit-${name}-hint` : null, error ? `audit-${name}-error` : null].filter(Boolean).join(" ") || undefined
  );
}

/**
 * The GET filter form of /admin/audit. Without JavaScript it submits to the
 * page; with htmx a change swaps only the results region (same markup, from
 * /resources/admin-audit) and pushes the filtered URL.
 */
export function AuditFilters({
  actions,
  values,
  errors,
}: {
  actions: readonly string[];
  values: AuditFilterValues;
  errors: AuditFilterErrors;
}) {
  const t = useT();
  return (
    <section aria-labelledby="audit-filters-title" className="admin-section">
      <h2 id="audit-filters-title">{t("admin.audit.filters")}</h2>
      <form
        method="get"
        action="/admin/audit"
        className="admin-filters"
        data-hx-get="/resources/admin-audit"
        data-hx-trigger="change, submit"
        data-hx-target="#audit-results"
        data-hx-swap="outerHTML"
        data-hx-sync="this:replace"
      >
        <div className="field">
          <label htmlFor="audit-action">{t("admin.audit.action")}</label>
          <select
            id="audit-action"
            name="action"
            defaultValue={values.action}
            aria-invalid={errors.action ? true : undefined}
            aria-describedby={describedBy("action", false, errors.action)}
          >
            <option value="any">{t("admin.audit.anyAction")}</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {auditActionLabel(t, action)}
              </option>
            ))}
          </select>
          <ErrorText id="audit-action-error" error={errors.action} />
        </div>
        <div className="field">
          <label htmlFor="audit-email">{t("admin.audit.email")}</label>
          <p id="audit-email-hint" className="field-hint">
            {t("admin.audit.emailHint")}
          </p>
          <input
            id="audit-email"
            name="email"
            type="email"
            autoComplete="off"
            maxLength={254}
            defaultValue={values.email}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={describedBy("email", true, errors.email)}
          />
          <ErrorText id="audit-email-error" error={errors.email} />
        </div>
        <div className="field">
          <label htmlFor="audit-ip">{t("admin.audit.ip")}</label>
          <p id="audit-ip-hint" className="field-hint">
            {t("admin.audit.ipHint")}
          </p>
          <input
            id="audit-ip"
            name="ip"
            type="text"
            inputMode="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            defaultValue={values.ip}
            aria-invalid={errors.ip ? true : undefined}
            aria-describedby={describedBy("ip", true, errors.ip)}
          />
          <ErrorText id="audit-ip-error" error={errors.ip} />
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("admin.audit.from")}</label>
          <input
            id="audit-from"
            name="from"
            type="date"
            defaultValue={values.from}
            aria-invalid={errors.from ? true : undefined}
            aria-describedby={describedBy("from", false, errors.from)}
          />
          <ErrorText id="audit-from-error" error={errors.from} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("admin.audit.to")}</label>
          <input
            id="audit-to"
            name="to"
            type="date"
            defaultValue={values.to}
            aria-invalid={errors.to ? true : undefined}
            aria-describedby={describedBy("to", false, errors.to)}
          />
          <ErrorText id="audit-to-error" error={errors.to} />
        </div>
        <div className="admin-filter-actions">
          <button type="submit" className="button">
            {t("admin.audit.apply")}
          </button>{" "}
          <a href="/admin/audit" className="button button-secondary">
            {t("admin.audit.clear")}
          </a>
        </div>
      </form>
    </section>
  );
}
