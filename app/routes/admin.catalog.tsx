/**
 * /admin/catalog (admins only): which provider serves the catalog, the
 * upstream's health (circuit, last success, last failure), cache statistics,
 * and "Clear cache" (audited as CATALOG_CACHE_CLEAR).
 */
import { metaTranslator, pageMeta } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { catalogStatus, clearCatalogCache } from "~/catalog/index.server";
import { isMessageKey, useLocale, useT, type Translate } from "~/i18n";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { writeAudit } from "~/models/audit.server";
import { flashHeader } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { getRequestInfo } from "~/utils/request.server";
import { plainText } from "~/utils/responses.server";
import { requireAdmin } from "~/utils/session.server";
import { CsrfField } from "~/components/csrf-field";
import { readForm } from "~/utils/csrf.server";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, `${t("admin.catalog.title")} · Dracin`);
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { status: catalogStatus() };
}

const ClearSchema = z.object({ intent: z.literal("clear-cache") });

export async function action({ request, context }: ActionFunctionArgs) {
  const userId = await requireAdmin(request);
  const parsed = parseForm(ClearSchema, await readForm(request));
  if (!parsed.ok) return plainText(request, 400, "http.invalid.catalogForm");
  const before = catalogStatus();
  const cleared = clearCatalogCache();
  await writeAudit({
    action: "CATALOG_CACHE_CLEAR",
    userId,
    entityType: "catalog",
    entityId: before.provider,
    metadata: { provider: before.provider, entries: before.cache?.size ?? 0, cleared },
    info: getRequestInfo(request, context),
  });
  return redirect("/admin/catalog", {
    status: 303,
    headers: { "Set-Cookie": await flashHeader("admin.catalog.cleared") },
  });
}

/** A circuit state or failure reason as the admin reads it; an unknown code as itself. */
function label(t: Translate, key: string, code: string): string {
  return isMessageKey(key) ? t(key) : code;
}

export default function AdminCatalog() {
  const { status } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const when = (iso: string | null | undefined) =>
    iso ? formatDateTime(new Date(iso), locale) : t("admin.catalog.never");
  const number = (value: number) => formatNumber(value, locale);
  return (
    <>
      <h1>{t("admin.catalog.title")}</h1>
      <section aria-labelledby="provider-title" className="panel">
        <h2 id="provider-title">{t("admin.catalog.providerHeading")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("admin.catalog.provider")}</dt>
            <dd>
              {label(t, `admin.catalog.provider.${status.provider}`, status.provider)} <code>{status.provider}</code>
            </dd>
          </div>
          {status.baseUrl ? (
            <div>
              <dt>{t("admin.catalog.upstream")}</dt>
              <dd>
                <code>{status.baseUrl}</code>
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t("admin.catalog.circuit")}</dt>
            <dd>{label(t, `admin.catalog.circuit.${status.circuit}`, status.circuit)}</dd>
          </div>
          <div>
            <dt>{t("admin.catalog.lastSuccess")}</dt>
            <dd>{status.provider === "local" ? t("admin.catalog.notApplicable") : when(status.lastSuccessAt)}</dd>
          </div>
          <div>
            <dt>{t("admin.catalog.lastFailure")}</dt>
            <dd>
              {status.lastFailure ? (
                <>
                  {when(status.lastFailure.at)}:{" "}
                  {label(t, `admin.catalog.reason.${status.lastFailure.reason}`, status.lastFailure.reason)} (
                  <code>{status.lastFailure.endpoint}</code>)
                </>
              ) : (
                t("admin.catalog.noFailure")
              )}
            </dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="cache-title" className="panel">
        <h2 id="cache-title">{t("admin.catalog.cacheHeading")}</h2>
        {status.cache ? (
          <>
            <dl className="facts">
              <div>
                <dt>{t("admin.catalog.entries")}</dt>
                <dd>{t("admin.catalog.entriesValue", { size: status.cache.size, max: status.cache.max })}</dd>
              </div>
              <div>
                <dt>{t("admin.catalog.inflight")}</dt>
                <dd>{number(status.cache.inflight)}</dd>
              </div>
              <div>
                <dt>{t("admin.catalog.hits")}</dt>
                <dd>{number(status.cache.events.hit)}</dd>
              </div>
              <div>
                <dt>{t("admin.catalog.misses")}</dt>
                <dd>{number(status.cache.events.miss)}</dd>
              </div>
              <div>
                <dt>{t("admin.catalog.stale")}</dt>
                <dd>{number(status.cache.events.stale)}</dd>
              </div>
              <div>
                <dt>{t("admin.catalog.staleIfError")}</dt>
                <dd>{number(status.cache.events["stale-if-error"])}</dd>
              </div>
              <div>
                <dt>{t("admin.catalog.refreshFailed")}</dt>
                <dd>{number(status.cache.events["refresh-failed"])}</dd>
              </div>
            </dl>
            <form method="post" action="/admin/catalog">
              <CsrfField />
              <button type="submit" name="intent" value="clear-cache" className="button">
                {t("admin.catalog.clear")}
              </button>
            </form>
          </>
        ) : (
          <p>{t("admin.catalog.noCache")}</p>
        )}
      </section>
    </>
  );
}
