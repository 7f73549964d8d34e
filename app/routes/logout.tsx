/** Sign out (POST only): deletes the session row and clears the cookie. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { writeAudit } from "~/models/audit.server";
import { readForm } from "~/utils/csrf.server";
import { flashHeader } from "~/utils/flash.server";
import { getRequestInfo } from "~/utils/request.server";
import { endUserSession, getUserId } from "~/utils/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  // The sign-out form's token: browsers that send neither Origin nor Sec-Fetch-Site (older phones, text
  // browsers) prove the post is ours with it, as on every other form.
  await readForm(request);
  const userId = await getUserId(request);
  if (userId) {
    await writeAudit({
      action: "LOGOUT",
      userId,
      entityType: "User",
      entityId: userId,
      info: getRequestInfo(request, context),
    });
  }
  const response = await endUserSession(request, "/");
  response.headers.append("Set-Cookie", await flashHeader("flash.signedOut"));
  return response;
}
