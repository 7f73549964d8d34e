import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { metaTranslator, pageMeta } from "~/i18n/meta";
import { useLoaderData } from "@remix-run/react";
import { TrackFilterSelects } from "~/components/filter-select";
import { SearchResults } from "~/components/search-results";
import { useT } from "~/i18n";
import { runSearch } from "~/utils/search.server";
import type { RouteHandle } from "~/utils/route-handle";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, data?.q ? t("search.titleWithQuery", { q: data.q }) : t("search.title"), t("search.description"));
};

/** Search results: the same for every signed-out visitor (kept briefly, shareable); rendered for every signed-in viewer. */
export const handle: RouteHandle = { htmx: "everyone", cache: { anonymous: "public", signedIn: "never" } };

export async function loader({ request }: LoaderFunctionArgs) {
  return runSearch(request);
}

export default function Search() {
  const { q, filter, result } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("search.title")}</h1>
      <form
        method="get"
        action="/search"
        role="search"
        className="search-form"
        data-hx-get="/resources/search"
        data-hx-trigger="input changed delay:300ms from:#q, search from:#q, change from:#search-subtitles, change from:#search-descriptions, submit"
        data-hx-target="#search-results"
        data-hx-swap="outerHTML"
        data-hx-sync="this:replace"
      >
        <label htmlFor="q">{t("search.label")}</label>
        <div className="search-row">
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
            aria-describedby="search-hint"
          />{" "}
          <button type="submit" className="button">
            {t("search.submit")}
          </button>
        </div>
        <p id="search-hint" className="field-hint">
          {t("search.hint")}
        </p>
        <div className="filters search-filters">
          <TrackFilterSelects filter={filter} idPrefix="search-" />
        </div>
      </form>
      <SearchResults q={q} filter={filter} result={result} />
    </>
  );
}
