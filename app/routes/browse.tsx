import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getCatalog } from "~/catalog/index.server";
import { DRAMA_STATUSES, SORT_ORDERS, type ListQuery } from "~/catalog/types";
import { DramaCard } from "~/components/drama-card";
import { Pagination } from "~/components/pagination";
import { labelForTag } from "~/components/tag-label";
import { translator, useT } from "~/i18n";
import { pageParam } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: translator()("browse.title") }];

const slug = z.string().trim().toLowerCase().regex(/^[a-z0-9-]{1,40}$/);

/** Unknown or malformed filter values are dropped rather than failing the page. */
export const BrowseQuerySchema = z.object({
  genre: slug.optional().catch(undefined),
  vibe: slug.optional().catch(undefined),
  year: z.coerce.number().int().min(1900).max(2100).optional().catch(undefined),
  status: z.enum(DRAMA_STATUSES).optional().catch(undefined),
  sort: z.enum(SORT_ORDERS).default("latest").catch("latest"),
});

function emptyToUndefined(params: URLSearchParams) {
  return Object.fromEntries([...params.entries()].filter(([, value]) => value !== ""));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filters = BrowseQuerySchema.parse(emptyToUndefined(url.searchParams));
  const catalog = getCatalog();
  const query: ListQuery = { ...filters, page: pageParam(url.searchParams.get("page")), pageSize: 24 };
  const [result, facets] = await Promise.all([catalog.list(query), catalog.facets()]);
  return { result, facets, filters };
}

export default function Browse() {
  const { result, facets, filters } = useLoaderData<typeof loader>();
  const t = useT();
  const hrefFor = (page: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value !== undefined) params.set(key, String(value));
    params.set("page", String(page));
    return `/browse?${params}`;
  };
  return (
    <>
      <h1>{t("browse.title")}</h1>
      <form method="get" action="/browse" className="filters" aria-label={t("browse.filters")}>
        <div className="field">
          <label htmlFor="genre">{t("browse.genre")}</label>
          <select id="genre" name="genre" defaultValue={filters.genre ?? ""}>
            <option value="">{t("browse.any")}</option>
            {facets.genres.map((genre) => (
              <option key={genre} value={genre}>
                {labelForTag(t, genre)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="vibe">{t("browse.vibe")}</label>
          <select id="vibe" name="vibe" defaultValue={filters.vibe ?? ""}>
            <option value="">{t("browse.any")}</option>
            {facets.vibes.map((vibe) => (
              <option key={vibe} value={vibe}>
                {labelForTag(t, vibe)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="year">{t("browse.year")}</label>
          <select id="year" name="year" defaultValue={filters.year ? String(filters.year) : ""}>
            <option value="">{t("browse.any")}</option>
            {facets.years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">{t("browse.status")}</label>
          <select id="status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">{t("browse.any")}</option>
            <option value="ongoing">{t("status.ongoing")}</option>
            <option value="completed">{t("status.completed")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="sort">{t("browse.sort")}</label>
          <select id="sort" name="sort" defaultValue={filters.sort}>
            <option value="latest">{t("sort.latest")}</option>
            <option value="rating">{t("sort.rating")}</option>
            <option value="popularity">{t("sort.popularity")}</option>
          </select>
        </div>
        <div className="filters-actions">
          <button type="submit" className="button">
            {t("browse.apply")}
          </button>
          <a href="/browse" className="button button-secondary">
            {t("browse.reset")}
          </a>
        </div>
      </form>
      <p className="result-count" role="status">
        {t("browse.count", { count: result.total })}
      </p>
      {result.items.length === 0 ? (
        <p>{t("browse.empty")}</p>
      ) : (
        <ul className="grid">
          {result.items.map((drama) => (
            <li key={drama.id}>
              <DramaCard drama={drama} />
            </li>
          ))}
        </ul>
      )}
      <Pagination page={result.page} totalPages={result.totalPages} hrefFor={hrefFor} />
    </>
  );
}
