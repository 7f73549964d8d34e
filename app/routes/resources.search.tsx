/** htmx fragment for /search: the results region, and the URL to show. */
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { SearchResults } from "~/components/search-results";
import { I18nProvider } from "~/i18n";
import { requestLocale } from "~/i18n/locale.server";
import { fragment, isHtmxRequest } from "~/utils/htmx.server";
import { runSearch } from "~/utils/search.server";
import { searchPath } from "~/utils/search-path";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // Someone who opens this URL directly gets the real page.
  if (!isHtmxRequest(request)) throw redirect(`/search${url.search}`);
  const { q, filter, result } = await runSearch(request);
  const locale = await requestLocale(request);
  return fragment(
    <I18nProvider locale={locale}>
      <SearchResults q={q} filter={filter} result={result} announce />
    </I18nProvider>,
    { pushUrl: searchPath(q, filter), headers: { "Content-Language": locale } },
  );
}
