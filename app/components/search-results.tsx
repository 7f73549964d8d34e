import type { Drama, Page, TrackFilter } from "~/catalog/types";
import { DramaGrid } from "~/components/drama-grid";
import { Pagination } from "~/components/pagination";
import { useT } from "~/i18n";
import { searchPath } from "~/utils/search-path";

/**
 * The search results region. The page renders it; htmx swaps the same
 * markup from /resources/search while the viewer types.
 */
export function SearchResults({
  q,
  filter,
  result,
  announce,
}: {
  q: string;
  filter: TrackFilter;
  result: Page<Drama> | null;
  announce?: boolean;
}) {
  const t = useT();
  const summary = !result
    ? t("search.prompt")
    : result.total === 0
      ? t("search.none", { q })
      : t("search.count", { count: result.total, q });
  return (
    <div id="search-results" className="search-results">
      <p className="result-count">{summary}</p>
      {result && result.items.length > 0 ? <DramaGrid dramas={result.items} /> : null}
      {result ? (
        <Pagination page={result.page} totalPages={result.totalPages} hrefFor={(page) => searchPath(q, filter, page)} />
      ) : null}
      {announce ? <div data-hx-swap-oob="innerHTML:#announcer">{summary}</div> : null}
    </div>
  );
}
