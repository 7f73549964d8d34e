/** "Remove from Continue Watching": hides a drama until the viewer next plays it. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { hideDramaProgress } from "~/models/progress.server";
import { flashHeader } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { redirectFor } from "~/utils/htmx.server";
import { requireUserId } from "~/utils/session.server";
import { readForm } from "~/utils/csrf.server";
import { plainText } from "~/utils/responses.server";

const HideFormSchema = z.object({
  intent: z.literal("hide"),
  dramaId: z.string().min(1).max(200),
});

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const userId = await requireUserId(request);
  const parsed = parseForm(HideFormSchema, await readForm(request));
  if (!parsed.ok) return plainText(request, 400, "http.invalid.continueForm");
  await hideDramaProgress(userId, parsed.data.dramaId);
  return redirectFor(request, "/#row-continue", {
    headers: { "Set-Cookie": await flashHeader("flash.continueRemoved") },
  });
}
