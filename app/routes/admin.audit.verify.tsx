/**
 * /admin/audit/verify (admins only): "Verify the audit trail" checks the hash
 * chain (app/models/audit-verify.server.ts) and says it is intact, or where it
 * first breaks and how (changed, missing, inserted); each run is audited
 * (AUDIT_VERIFY). Also the retention policy, the oldest entry kept, the last
 * prune and the legal hold switch (audited as AUDIT_HOLD_CHANGE).
 */
import { metaTranslator, pageMeta } from "~/i18n/meta";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AdminNav } from "~/components/admin/admin-nav";
import { CsrfField } from "~/components/csrf-field";
import { useLocale, useT } from "~/i18n";
import { formatDateTime, formatElapsed, formatNumber } from "~/i18n/format";
import type { BreakReason } from "~/models/audit-chain";
import { writeAudit } from "~/models/audit.server";
import { retentionSummary, setLegalHold } from "~/models/audit-retention.server";
import { verifyAuditTrail, type AuditVerification } from "~/models/audit-verify.server";
import { readForm } from "~/utils/csrf.server";
import { flashHeader } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { getRequestInfo } from "~/utils/request.server";
import { plainText } from "~/utils/responses.server";
import { requireAdmin } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, `${t("audit.verify.title")} · Dracin`);
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const retention = await retentionSummary();
  return data(
    {
      retention: {
        ...retention,
        oldest: retention.oldest?.toISOString() ?? null,
        lastPruneAt: retention.lastPruneAt?.toISOString() ?? null,
      },
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

const FormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("verify") }),
  z.object({ intent: z.literal("hold"), hold: z.enum(["on", "off"]) }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const userId = await requireAdmin(request);
  const parsed = parseForm(FormSchema, await readForm(request));
  if (!parsed.ok) return plainText(request, 400, "audit.verify.invalidForm");
  const info = getRequestInfo(request, context);
  if (parsed.data.intent === "hold") {
    const on = parsed.data.hold === "on";
    await setLegalHold(on, userId, info);
    return redirect("/admin/audit/verify", {
      status: 303,
      headers: { "Set-Cookie": await flashHeader(on ? "audit.hold.turnedOn" : "audit.hold.turnedOff") },
    });
  }
  const report = await verifyAuditTrail();
  const broken = report.broken;
  await writeAudit({
    action: "AUDIT_VERIFY",
    userId,
    entityType: "AuditLog",
    metadata: {
      intact: report.intact,
      rows: report.rows,
      ms: report.ms,
      via: "web",
      ...(broken ? { kind: broken.kind, reason: broken.reason, atSeq: broken.seq } : {}),
    },
    info,
  });
  return data({ report }, { headers: { "Cache-Control": "private, no-store" } });
}

/** The catalog key that explains a break. */
const REASON_KEYS = {
  gap: "audit.verify.reason.gap",
  duplicate: "audit.verify.reason.duplicate",
  fields: "audit.verify.reason.fields",
  user: "audit.verify.reason.user",
  seal: "audit.verify.reason.seal",
  order: "audit.verify.reason.order",
  start: "audit.verify.reason.start",
  forged: "audit.verify.reason.forged",
  tail: "audit.verify.reason.tail",
  head: "audit.verify.reason.head",
} as const satisfies Record<BreakReason, string>;

function VerifyResult({ report }: { report: AuditVerification }) {
  const t = useT();
  const locale = useLocale();
  const duration = formatElapsed(report.ms, locale);
  const broken = report.broken;
  return (
    <div role="status" className={broken ? "form-error" : "flash"}>
      {broken ? (
        <>
          <p>
            <strong>{t(`audit.verify.kind.${broken.kind}`)}</strong>{" "}
            {t(REASON_KEYS[broken.reason], { seq: broken.seq, through: broken.through ?? broken.seq })}
          </p>
          {broken.id ? (
            <p>
              <a href={`/admin/audit/${encodeURIComponent(broken.id)}`}>{t("audit.verify.openEntry")}</a>
            </p>
          ) : null}
          <p>{t("audit.verify.checkedBefore", { rows: report.rows, duration })}</p>
        </>
      ) : (
        <>
          <p>
            <strong>{t("audit.verify.intact")}</strong>{" "}
            {t("audit.verify.intactDetail", {
              rows: report.rows,
              first: report.firstSeq ?? 0,
              last: report.lastSeq ?? 0,
              duration,
            })}
          </p>
          {report.pending > 0 ? <p>{t("audit.verify.pending", { count: report.pending })}</p> : null}
        </>
      )}
    </div>
  );
}

export default function AdminAuditVerify() {
  const { retention } = useLoaderData<typeof loader>();
  // The action answers a verification with its report (anything else redirects or is refused).
  const result = useActionData<{ report: AuditVerification }>();
  const t = useT();
  const locale = useLocale();
  const when = (iso: string | null) => (iso ? formatDateTime(new Date(iso), locale) : t("audit.retention.never"));
  return (
    <div className="admin-page">
      <AdminNav current="integrity" />
      <h1>{t("audit.verify.title")}</h1>
      <p>{t("audit.verify.intro")}</p>
      <section aria-labelledby="verify-title" className="panel">
        <h2 id="verify-title">{t("audit.verify.heading")}</h2>
        <p>{t("audit.verify.explain")}</p>
        {result ? <VerifyResult report={result.report} /> : null}
        <form method="post" action="/admin/audit/verify">
          <CsrfField />
          <button type="submit" name="intent" value="verify" className="button">
            {t("audit.verify.submit")}
          </button>
        </form>
      </section>
      <section aria-labelledby="retention-title" className="panel">
        <h2 id="retention-title">{t("audit.retention.heading")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("audit.retention.policy")}</dt>
            <dd>{t("audit.retention.policyValue", { days: retention.days })}</dd>
          </div>
          <div>
            <dt>{t("audit.retention.oldest")}</dt>
            <dd>{retention.oldest ? when(retention.oldest) : t("audit.retention.none")}</dd>
          </div>
          <div>
            <dt>{t("audit.retention.rows")}</dt>
            <dd>{formatNumber(retention.rows, locale)}</dd>
          </div>
          <div>
            <dt>{t("audit.retention.lastPrune")}</dt>
            <dd>
              {when(retention.lastPruneAt)}
              {retention.lastPruneError ? ` — ${t("audit.retention.lastPruneFailed")}` : null}
            </dd>
          </div>
          <div>
            <dt>{t("audit.hold.label")}</dt>
            <dd>{retention.legalHold ? t("audit.hold.on") : t("audit.hold.off")}</dd>
          </div>
        </dl>
        <p>{t("audit.hold.explain")}</p>
        <form method="post" action="/admin/audit/verify">
          <CsrfField />
          <input type="hidden" name="intent" value="hold" />
          <button type="submit" name="hold" value={retention.legalHold ? "off" : "on"} className="button">
            {retention.legalHold ? t("audit.hold.turnOff") : t("audit.hold.turnOn")}
          </button>
        </form>
      </section>
    </div>
  );
}
