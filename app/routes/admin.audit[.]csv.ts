/**
 * /admin/audit.csv?<filters> (admins only): every entry of the filter as CSV,
 * streamed in keyset batches (memory stays flat for millions of rows).
 * Each export is itself audited (ADMIN_EXPORT, with the filters).
 */
import { requestLocale } from "~/i18n/locale.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditCsvStream, filtersMetadata, parseAuditQuery } from "~/models/admin-audit.server";
import { writeAudit } from "~/models/audit.server";
import { translator } from "~/i18n";
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
    const t = translator(await requestLocale(request));
    const lines = Object.entries(parsed.errors).map(([field, key]) => `${field}: ${key ? t(key) : ""}`);
    return new Response(`${t("admin.audit.invalid")}\n${lines.join("\n")}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  await writeAudit({
    action: "ADMIN_EXPORT",
    userId: adminId,
    entityType: "AuditLog",
    metadata: { format: "csv", ...(await filtersMetadata(parsed.filters)) },
    info: getRequestInfo(request, context),
  });
  return new Response(auditCsvStream(parsed.filters), {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName(new Date())}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
