/**
 * htmx fragment for /admin/audit: the results region for the filters in the
 * query string, and the page URL to push. Admins only, like the page.
 * Invalid filters come back as the region with its error list (status 200,
 * so htmx swaps it in; the page itself answers 400).
 */
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { AuditResults } from "~/components/admin/audit-results";
import { I18nProvider } from "~/i18n";
import { requestLocale } from "~/i18n/locale.server";
import { auditPageFor, filterQuery } from "~/models/admin-audit.server";
import { fragment, isHtmxRequest } from "~/utils/htmx.server";
import { requireAdmin } from "~/utils/session.server";
import { readDb } from "~/utils/db.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const url = new URL(request.url);
  // Someone who opens this URL directly gets the real page.
  if (!isHtmxRequest(request)) throw redirect(`/admin/audit${url.search}`);
  const { ok, view, filters } = await auditPageFor(url, readDb(request));
  const after = url.searchParams.get("after");
  const locale = await requestLocale(request);
  return fragment(
    <I18nProvider locale={locale}>
      <AuditResults
        rows={view.rows}
        query={view.query}
        olderHref={view.olderHref}
        paged={view.paged}
        errors={view.errors}
        unknownEmail={view.unknownEmail}
        announce
      />
    </I18nProvider>,
    {
      headers: { "Content-Language": locale },
      ...(ok && filters ? { pushUrl: `/admin/audit${filterQuery(filters, after)}` } : {}),
    },
  );
}
