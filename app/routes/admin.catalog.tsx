/**
 * /admin/catalog (admins only): which provider serves the catalog, the
 * upstream's health (circuit, last success, last failure), cache statistics,
 * and "Clear cache" (audited as CATALOG_CACHE_CLEAR).
 */
import { metaTranslator } from "~/i18n/meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { catalogStatus, clearCatalogCache } from "~/catalog/index.server";
import { useT } from "~/i18n";
import { formatDateTime } from "~/lib/format";
import { writeAudit } from "~/models/audit.server";
import { flashHeader } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { getRequestInfo } from "~/utils/request.server";
import { requireAdmin } from "~/utils/session.server";
import { CsrfField } from "~/components/csrf-field";
import { readForm } from "~/utils/csrf.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: `${metaTranslator(matches)("admin.catalog.title")} · Dracin` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { status: catalogStatus() };
}

const ClearSchema = z.object({ intent: z.literal("clear-cache") });

export async function action({ request, context }: ActionFunctionArgs) {
  const userId = await requireAdmin(request);
  const parsed = parseForm(ClearSchema, await readForm(request));
  if (!parsed.ok) return new Response("Invalid request: intent=clear-cache is required.", { status: 400 });
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

function when(iso: string | null | undefined): string {
  return iso ? formatDateTime(new Date(iso)) : "never";
}

export default function AdminCatalog() {
  const { status } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("admin.catalog.title")}</h1>
      <section aria-labelledby="provider-title" className="panel">
        <h2 id="provider-title">Provider</h2>
        <dl className="facts">
          <dt>Provider</dt>
          <dd>{status.provider}</dd>
          {status.baseUrl ? (
            <>
              <dt>Upstream</dt>
              <dd>{status.baseUrl}</dd>
            </>
          ) : null}
          <dt>Circuit</dt>
          <dd>{status.circuit}</dd>
          <dt>Last successful upstream call</dt>
          <dd>{status.provider === "local" ? "not applicable (bundled catalog)" : when(status.lastSuccessAt)}</dd>
          <dt>Last failure</dt>
          <dd>
            {status.lastFailure
              ? `${when(status.lastFailure.at)}: ${status.lastFailure.endpoint}, ${status.lastFailure.reason}`
              : "none"}
          </dd>
        </dl>
      </section>
      <section aria-labelledby="cache-title" className="panel">
        <h2 id="cache-title">Cache</h2>
        {status.cache ? (
          <>
            <dl className="facts">
              <dt>Entries</dt>
              <dd>
                {status.cache.size} of {status.cache.max}
              </dd>
              <dt>Loads in flight</dt>
              <dd>{status.cache.inflight}</dd>
              <dt>Fresh hits</dt>
              <dd>{status.cache.events.hit}</dd>
              <dt>Misses</dt>
              <dd>{status.cache.events.miss}</dd>
              <dt>Stale served while refreshing</dt>
              <dd>{status.cache.events.stale}</dd>
              <dt>Stale served because the upstream failed</dt>
              <dd>{status.cache.events["stale-if-error"]}</dd>
              <dt>Failed background refreshes</dt>
              <dd>{status.cache.events["refresh-failed"]}</dd>
            </dl>
            <form method="post" action="/admin/catalog">
              <CsrfField />
              <button type="submit" name="intent" value="clear-cache" className="button">
                {t("admin.catalog.clear")}
              </button>
            </form>
          </>
        ) : (
          <p>The bundled catalog is held in memory; there is no cache to clear.</p>
        )}
      </section>
    </>
  );
}
