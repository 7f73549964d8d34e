import { isMessageKey, useT } from "~/i18n";

/**
 * The parts the admin list pages (/admin/audit, /admin/sessions) share around
 * their GET filter forms and keyset pages.
 */

/** Bad filters: the summary and one link per message to its field (a bad cursor links to the first page instead). */
export function FilterErrorSummary({
  summary,
  errors,
  fieldIds,
  firstPage,
}: {
  summary: string;
  errors: Partial<Record<string, string>>;
  /** The id of each filter field, by name. */
  fieldIds: Record<string, string>;
  firstPage: { href: string; label: string };
}) {
  const t = useT();
  const text = (message: string) => (isMessageKey(message) ? t(message) : message);
  return (
    <div className="form-error" role="alert">
      <p>{summary}</p>
      <ul>
        {Object.entries(errors).map(([field, message = ""]) => (
          <li key={field}>
            {fieldIds[field] ? (
              <a href={`#${fieldIds[field]}`}>{text(message)}</a>
            ) : (
              <>
                {text(message)} <a href={firstPage.href}>{firstPage.label}</a>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Newest" (when on a later page) and "Older …" (when there is one) links of a keyset-paginated list. */
export function KeysetPages({
  label,
  newest,
  older,
}: {
  label: string;
  /** The first page, or null on it. */
  newest: { href: string; label: string } | null;
  /** The next page, or null on the last one. */
  older: { href: string; label: string } | null;
}) {
  if (!newest && !older) return null;
  return (
    <nav aria-label={label} className="pagination">
      <ul>
        {newest ? (
          <li>
            <a href={newest.href}>{newest.label}</a>
          </li>
        ) : null}
        {older ? (
          <li>
            <a href={older.href} rel="next">
              {older.label}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
