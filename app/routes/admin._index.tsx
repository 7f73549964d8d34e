/** /admin: admins land on the audit trail; everyone else gets the same answer as on every admin URL. */
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return redirect("/admin/audit");
}
