/**
 * /admin/audit.csv?<filters> (admins only): every entry of the filter as CSV,
 * streamed in keyset batches as the client reads (memory stays flat for
 * millions of rows; docs/decisions/020-streaming-exports.md). An admin may
 * have EXPORTS_PER_ADMIN exports running at once; the next one is answered 429.
 * Each export is itself audited (ADMIN_EXPORT, with the filters).
 */
import { requestLocale } from "~/i18n/locale.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  auditCsvStream,
  claimExportSlot,
  EXPORT_BATCH_SIZE,
  EXPORTS_PER_ADMIN,
  filtersMetadata,
  parseAuditQuery,
  type ExportEnd,
} from "~/models/admin-audit.server";
import { writeAudit } from "~/models/audit.server";
import { auditThrottled } from "~/models/throttle.server";
import { translator } from "~/i18n";
import { readReplica } from "~/utils/db.server";
import { log } from "~/utils/log.server";
import { plainText } from "~/utils/responses.server";
import { getRequestInfo } from "~/utils/request.server";
import { requireAdmin } from "~/utils/session.server";

function fileName(now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  return `dracin-audit-${stamp}Z.csv`;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const adminId = await requireAdmin(request);
  const parsed = parseAuditQuery(new URL(request.url).searchParams);
  if (!parsed.ok) {
    const locale = await requestLocale(request);
    const t = translator(locale);
    const lines = Object.entries(parsed.errors).map(([field, key]) => `${field}: ${key ? t(key) : ""}`);
    return new Response(`${t("admin.audit.invalid")}\n${lines.join("\n")}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Language": locale, "Cache-Control": "no-store" },
    });
  }
  const release = claimExportSlot(adminId);
  if (!release) {
    log.warn("audit export refused: too many running", { userId: adminId, limit: EXPORTS_PER_ADMIN });
    await auditThrottled(request, getRequestInfo(request, context), adminId, "export", 30);
    const busy = await plainText(request, 429, "admin.audit.downloadBusy", { count: EXPORTS_PER_ADMIN });
    busy.headers.set("Retry-After", "30");
    busy.headers.set("Cache-Control", "no-store");
    return busy;
  }
  // The request's signal aborts when the response closes, finished or not (app/utils/remix-handler.server.ts):
  // the place is given back even if the body is never read (HEAD, an error before streaming).
  request.signal.addEventListener("abort", release, { once: true });
  try {
    await writeAudit({
      action: "ADMIN_EXPORT",
      userId: adminId,
      entityType: "AuditLog",
      metadata: { format: "csv", ...(await filtersMetadata(parsed.filters)) },
      info: getRequestInfo(request, context),
    });
  } catch (error) {
    release();
    throw error;
  }
  const started = Date.now();
  const onEnd = ({ outcome, rows }: ExportEnd) => {
    release();
    const fields = { userId: adminId, rows, ms: Date.now() - started };
    if (outcome === "complete") log.info("audit export finished", fields);
    else if (outcome === "cancelled") log.warn("audit export cut off before its end", fields);
    else log.error("audit export failed", fields);
  };
  const body = auditCsvStream(parsed.filters, EXPORT_BATCH_SIZE, readReplica(), { signal: request.signal, onEnd });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName(new Date())}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
