/** The search query shared by the /search page and its htmx fragment. */
import { z } from "zod";
import { catalogPage, getCatalog } from "~/catalog/index.server";
import { requestLocale } from "~/i18n/locale.server";
import { pageParam } from "~/utils/responses.server";
import { trackFilterOf } from "~/utils/track-filter";

export const SearchQuerySchema = z.string().trim().max(100).catch("");

/**
 * The request's search, its results in the request's language. The catalog matches words of
 * every language it holds (an Indonesian viewer finds a drama by its English title, and back).
 */
export async function runSearch(request: Request) {
  const url = new URL(request.url);
  const locale = await requestLocale(request);
  const q = SearchQuerySchema.parse(url.searchParams.get("q") ?? "");
  const page = pageParam(url.searchParams.get("page"));
  const filter = trackFilterOf(url.searchParams);
  const result = q
    ? await catalogPage(() => getCatalog(locale).search(q, page, 24, filter), { route: "search" })
    : null;
  return { q, filter, result };
}
