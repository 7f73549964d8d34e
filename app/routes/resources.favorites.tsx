/**
 * Add to / remove from My List. Without JavaScript: POST then 303 back.
 * With htmx: the button fragment, with the change announced.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { catalogPage, getCatalog, isCatalogUnavailable } from "~/catalog/index.server";
import { FavoriteButton } from "~/components/favorite-button";
import { I18nProvider } from "~/i18n";
import { requestLocale } from "~/i18n/locale.server";
import { addFavorite, removeFavorite } from "~/models/favorites.server";
import { flashHeader } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { fragment, isHtmxRequest } from "~/utils/htmx.server";
import { safeRedirect } from "~/utils/redirect";
import { requireUserId } from "~/utils/session.server";
import { readForm } from "~/utils/csrf.server";
import { plainText } from "~/utils/responses.server";

const FavoriteFormSchema = z.object({
  intent: z.enum(["add", "remove"]),
  dramaId: z.string().min(1).max(200),
  redirectTo: z.string().optional(),
});

export async function loader() {
  return redirect("/my-list");
}

export async function action({ request }: ActionFunctionArgs) {
  const userId = await requireUserId(request);
  const parsed = parseForm(FavoriteFormSchema, await readForm(request));
  if (!parsed.ok) {
    return plainText(request, 400, "http.invalid.dramaForm");
  }
  const { intent, dramaId, redirectTo } = parsed.data;
  // Removing something the catalog no longer has (or cannot describe right now) must still work.
  const catalog = getCatalog(await requestLocale(request));
  const drama =
    intent === "add"
      ? await catalogPage(() => catalog.getDrama(dramaId), { dramaId })
      : await catalog.getDrama(dramaId).catch((error: unknown) => {
          if (isCatalogUnavailable(error)) return null;
          throw error;
        });
  if (!drama && intent === "add") return plainText(request, 404, "http.notFound.drama");

  if (intent === "add") await addFavorite(userId, dramaId);
  else await removeFavorite(userId, dramaId);

  const back = safeRedirect(redirectTo, `/drama/${encodeURIComponent(dramaId)}`);
  if (isHtmxRequest(request)) {
    const locale = await requestLocale(request);
    return fragment(
      <I18nProvider locale={locale}>
        <FavoriteButton
          dramaId={dramaId}
          dramaTitle={drama?.title ?? ""}
          isFavorite={intent === "add"}
          redirectTo={back}
          announce
        />
      </I18nProvider>,
      { headers: { "Content-Language": locale } },
    );
  }
  return redirect(back, {
    status: 303,
    headers: { "Set-Cookie": await flashHeader(intent === "add" ? "flash.favoriteAdded" : "flash.favoriteRemoved") },
  });
}
