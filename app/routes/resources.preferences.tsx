/**
 * Saves playback preferences. The player posts here with
 * `Accept: application/json` (answered 204); the settings form under the
 * video posts without it and is redirected back.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { flashHeader } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { PreferencesFormSchema, getPreferences, serializePreferences, withChanges } from "~/utils/preferences.server";
import { safeRedirect } from "~/utils/redirect";
import { readForm } from "~/utils/csrf.server";
import { translator } from "~/i18n";
import { requestLocale } from "~/i18n/locale.server";

export async function loader() {
  return redirect("/account");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = parseForm(PreferencesFormSchema, form);
  const wantsJson = (request.headers.get("Accept") ?? "").includes("application/json");
  if (!parsed.ok) {
    const locale = await requestLocale(request);
    return Response.json(
      { error: translator(locale)("http.invalid.preferences") },
      { status: 400, headers: { "Content-Language": locale } },
    );
  }
  const next = withChanges(await getPreferences(request), parsed.data);
  const headers = new Headers({ "Set-Cookie": await serializePreferences(next) });
  if (wantsJson) return new Response(null, { status: 204, headers });
  headers.append("Set-Cookie", await flashHeader("flash.preferencesSaved"));
  return redirect(safeRedirect(form.get("redirectTo"), "/account"), { status: 303, headers });
}
