/**
 * The language switch. Every page links here (app/components/language-switch.tsx):
 * GET /language?lang=id&returnTo=/browse keeps the choice in the language
 * cookie and returns to the page; a page holds the same links for everyone,
 * so nothing per-browser stops it being cached. The account page posts the
 * same fields from its form. For a signed-in viewer the choice is also saved
 * on the account, where it wins on every device (docs/i18n.md); a link
 * followed from another site (Sec-Fetch-Site: cross-site) changes only the cookie.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { isLocale, type Locale } from "~/i18n";
import { localeCookieHeader } from "~/i18n/locale.server";
import { setUserLocale } from "~/models/users.server";
import { readForm } from "~/utils/csrf.server";
import { formText } from "~/utils/forms";
import { safeRedirect } from "~/utils/redirect";
import { getUserId } from "~/utils/session.server";

async function switchTo(request: Request, asked: string | null, returnTo: string | null, saveOnAccount: boolean) {
  // Not a language we speak: the 400 page says the link is malformed.
  if (!isLocale(asked)) throw new Response(null, { status: 400 });
  const locale: Locale = asked;
  const userId = saveOnAccount ? await getUserId(request) : null;
  if (userId) await setUserLocale(userId, locale);
  return redirect(safeRedirect(returnTo, "/"), {
    status: 303,
    headers: { "Set-Cookie": localeCookieHeader(locale), "Cache-Control": "no-store" },
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const fromElsewhere = request.headers.get("Sec-Fetch-Site") === "cross-site";
  return switchTo(request, url.searchParams.get("lang"), url.searchParams.get("returnTo"), !fromElsewhere);
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  return switchTo(request, formText(form, "lang") || null, formText(form, "returnTo") || null, true);
}
