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
import { translator } from "~/i18n";
import { readReplica } from "~/utils/db.server";
import { log } from "~/utils/log.server";
import { getRequestInfo } from "~/utils/request.server";
import { requireAdmin } from "~/utils/session.server";

function fileName(now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  return `dracin-audit-${stamp}Z.csv`;
}

function plainText(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const adminId = await requireAdmin(request);
  const parsed = parseAuditQuery(new URL(request.url).searchParams);
  if (!parsed.ok) {
    const t = translator(await requestLocale(request));
    const lines = Object.entries(parsed.errors).map(([field, key]) => `${field}: ${key ? t(key) : ""}`);
    return plainText(400, `${t("admin.audit.invalid")}\n${lines.join("\n")}\n`);
  }
  const release = claimExportSlot(adminId);
  if (!release) {
    const t = translator(await requestLocale(request));
    log.warn("audit export refused: too many running", { userId: adminId, limit: EXPORTS_PER_ADMIN });
    return plainText(429, `${t("admin.audit.downloadBusy", { count: EXPORTS_PER_ADMIN })}\n`, { "Retry-After": "30" });
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
