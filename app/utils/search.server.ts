/** The search query shared by the /search page and its htmx fragment. */
import { z } from "zod";
import { catalogPage, getCatalog } from "~/catalog/index.server";
import { pageParam } from "~/utils/responses.server";

export const SearchQuerySchema = z.string().trim().max(100).catch("");

export async function runSearch(url: URL) {
  const q = SearchQuerySchema.parse(url.searchParams.get("q") ?? "");
  const page = pageParam(url.searchParams.get("page"));
  const result = q ? await catalogPage(() => getCatalog().search(q, page, 24), { route: "search" }) : null;
  return { q, result };
}

export function searchPath(q: string): string {
  return q ? `/search?${new URLSearchParams({ q })}` : "/search";
}
