/**
 * /admin/audit/:id (admins only): one audit entry with every column; its
 * metadata as a definition list (secrets were never stored, and are
 * redacted again here). An unknown id is a 404. Each view is audited
 * (AUDIT_VIEW, the entry's id).
 */
import { metaTranslator, pageMeta } from "~/i18n/meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AdminNav } from "~/components/admin/admin-nav";
import { auditActionLabel } from "~/components/admin/audit-action";
import { AuditWho } from "~/components/admin/audit-table";
import { formatTimestamp } from "~/i18n/format";
import { useT } from "~/i18n";
import { getAuditEntry, toRowViews } from "~/models/admin-audit.server";
import { writeAudit } from "~/models/audit.server";
import { auditSeal } from "~/models/audit-seal.server";
import { AUTHZ_AUDIT_PER_INSTANCE, AUTHZ_AUDIT_PER_SOURCE, refusalSummary } from "~/models/authz-audit.server";
import { getRequestInfo } from "~/utils/request.server";
import { notFoundFor } from "~/utils/responses.server";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, `${t("admin.entry.title")} · Dracin`);
};

function metadataEntries(metadata: unknown): [string, string][] {
  if (metadata === null || metadata === undefined) return [];
  if (typeof metadata !== "object" || Array.isArray(metadata)) return [["value", JSON.stringify(metadata)]];
  return Object.entries(metadata as Record<string, unknown>).map(([key, value]) => [
    key,
    typeof value === "string" ? value : JSON.stringify(value),
  ]);
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const adminId = await requireAdmin(request);
  const entry = await getAuditEntry(params.id ?? "");
  if (!entry) throw await notFoundFor(request, "http.notFound.auditEntry");
  // The audit trail audits itself: who read which entry.
  await writeAudit({
    action: "AUDIT_VIEW",
    userId: adminId,
    entityType: "AuditLog",
    entityId: entry.id,
    info: getRequestInfo(request, context),
  });
  const [[view], seal] = await Promise.all([toRowViews([entry]), auditSeal(entry.id)]);
  return {
    entry: view,
    seal,
    userAgent: entry.userAgent,
    metadata: metadataEntries(entry.metadata),
    refusal: entry.action === "AUTHZ_FAILURE" ? refusalSummary(entry.metadata) : null,
    refusalLimits: { perSource: AUTHZ_AUDIT_PER_SOURCE, perInstance: AUTHZ_AUDIT_PER_INSTANCE },
  };
}

export default function AdminAuditEntry() {
  const { entry, seal, userAgent, metadata, refusal, refusalLimits } = useLoaderData<typeof loader>();
  const t = useT();
  const none = t("admin.audit.none.value");
  return (
    <div className="admin-page">
      <AdminNav current="audit" />
      <p>
        <a href="/admin/audit">{t("admin.entry.back")}</a>
      </p>
      <h1>
        {t("admin.entry.title")}: <code>{entry.action}</code>
      </h1>
      <dl className="admin-dl">
        <dt>{t("admin.entry.id")}</dt>
        <dd>
          <code>{entry.id}</code>
        </dd>
        <dt>{t("admin.entry.time")}</dt>
        <dd>
          <time dateTime={entry.timestamp}>{formatTimestamp(entry.timestamp)}</time>
        </dd>
        <dt>{t("admin.entry.action")}</dt>
        <dd>
          {auditActionLabel(t, entry.action)} <code>{entry.action}</code>
        </dd>
        <dt>{t("admin.entry.user")}</dt>
        <dd>
          <AuditWho row={entry} />
        </dd>
        <dt>{t("admin.entry.userId")}</dt>
        <dd>{entry.userId ? <code>{entry.userId}</code> : none}</dd>
        <dt>{t("admin.entry.ip")}</dt>
        <dd>{entry.ipAddress ?? none}</dd>
        <dt>{t("admin.entry.userAgent")}</dt>
        <dd>{userAgent ? <code>{userAgent}</code> : none}</dd>
        <dt>{t("audit.entry.position")}</dt>
        <dd>
          {seal.seq === null ? t("audit.entry.pending") : seal.seq}{" "}
          <a href="/admin/audit/verify">{t("audit.verify.heading")}</a>
        </dd>
        <dt>{t("audit.entry.seal")}</dt>
        <dd>{seal.hash ? <code>{seal.hash}</code> : none}</dd>
        <dt>{t("admin.entry.entityType")}</dt>
        <dd>{entry.entityType ? <code>{entry.entityType}</code> : none}</dd>
        <dt>{t("admin.entry.entityId")}</dt>
        <dd>
          {entry.entityId && entry.entityType === "AuditLog" ? (
            <a href={`/admin/audit/${encodeURIComponent(entry.entityId)}`}>
              <code>{entry.entityId}</code>
            </a>
          ) : entry.entityId ? (
            <code>{entry.entityId}</code>
          ) : (
            none
          )}
        </dd>
      </dl>
      {refusal ? (
        <section aria-labelledby="entry-refusal" className="admin-section">
          <h2 id="entry-refusal">{t("auditEvents.refusal.heading")}</h2>
          <p>{t(`auditEvents.refusal.kind.${refusal.kind}`)}</p>
          {refusal.suppressed > 0 ? <p>{t("auditEvents.refusal.suppressed", { count: refusal.suppressed })}</p> : null}
          {refusal.suppressedAll > 0 ? (
            <p>{t("auditEvents.refusal.suppressedAll", { count: refusal.suppressedAll })}</p>
          ) : null}
          <p>{t("auditEvents.refusal.limits", refusalLimits)}</p>
        </section>
      ) : null}
      <section aria-labelledby="entry-metadata" className="admin-section">
        <h2 id="entry-metadata">{t("admin.entry.metadata")}</h2>
        {metadata.length > 0 ? (
          <dl className="admin-dl">
            {metadata.map(([key, value]) => (
              <div key={key}>
                <dt>
                  <code>{key}</code>
                </dt>
                <dd>
                  <code>{value}</code>
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <p>{t("admin.entry.noMetadata")}</p>
        )}
      </section>
    </div>
  );
}
