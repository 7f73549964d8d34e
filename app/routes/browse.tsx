import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { metaTranslator, pageMeta } from "~/i18n/meta";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { catalogPage, getCatalog } from "~/catalog/index.server";
import { requestLocale } from "~/i18n/locale.server";
import { DRAMA_STATUSES, SORT_ORDERS, type ListQuery } from "~/catalog/types";
import { DramaGrid } from "~/components/drama-grid";
import { FilterSelect, TrackFilterSelects } from "~/components/filter-select";
import { Pagination } from "~/components/pagination";
import { labelForTag } from "~/components/tag-label";
import { useT } from "~/i18n";
import { pageParam } from "~/utils/responses.server";
import type { RouteHandle } from "~/utils/route-handle";
import { TrackFilterSchema } from "~/utils/track-filter";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, t("browse.title"), t("browse.description"));
};

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9-]{1,40}$/);

/** Unknown or malformed filter values are dropped rather than failing the page. */
export const BrowseQuerySchema = z.object({
  genre: slug.optional().catch(undefined),
  vibe: slug.optional().catch(undefined),
  year: z.coerce.number().int().min(1900).max(2100).optional().catch(undefined),
  status: z.enum(DRAMA_STATUSES).optional().catch(undefined),
  ...TrackFilterSchema.shape,
  sort: z.enum(SORT_ORDERS).default("latest").catch("latest"),
});

function emptyToUndefined(params: URLSearchParams) {
  return Object.fromEntries([...params.entries()].filter(([, value]) => value !== ""));
}

/** Browse: the same for every signed-out visitor (kept briefly, shareable); rendered for every signed-in viewer. */
export const handle: RouteHandle = { cache: { anonymous: "public", signedIn: "never" } };

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filters = BrowseQuerySchema.parse(emptyToUndefined(url.searchParams));
  const catalog = getCatalog(await requestLocale(request));
  const query: ListQuery = { ...filters, page: pageParam(url.searchParams.get("page")), pageSize: 24 };
  const [result, facets] = await catalogPage(() => Promise.all([catalog.list(query), catalog.facets()]), {
    route: "/browse",
  });
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
        <FilterSelect
          name="genre"
          label={t("browse.genre")}
          value={filters.genre}
          anyLabel={t("browse.any")}
          options={facets.genres.map((genre) => ({ value: genre, label: labelForTag(t, genre) }))}
        />
        <FilterSelect
          name="vibe"
          label={t("browse.vibe")}
          value={filters.vibe}
          anyLabel={t("browse.any")}
          options={facets.vibes.map((vibe) => ({ value: vibe, label: labelForTag(t, vibe) }))}
        />
        <FilterSelect
          name="year"
          label={t("browse.year")}
          value={filters.year ? String(filters.year) : undefined}
          anyLabel={t("browse.any")}
          options={facets.years.map((year) => ({ value: String(year), label: String(year) }))}
        />
        <FilterSelect
          name="status"
          label={t("browse.status")}
          value={filters.status}
          anyLabel={t("browse.any")}
          options={[
            { value: "ongoing", label: t("status.ongoing") },
            { value: "completed", label: t("status.completed") },
          ]}
        />
        <TrackFilterSelects filter={filters} />
        <FilterSelect
          name="sort"
          label={t("browse.sort")}
          value={filters.sort}
          options={[
            { value: "latest", label: t("sort.latest") },
            { value: "rating", label: t("sort.rating") },
            { value: "popularity", label: t("sort.popularity") },
          ]}
        />
        <div className="filters-actions">
          <button type="submit" className="button">
            {t("browse.apply")}
          </button>{" "}
          <a href="/browse" className="button button-secondary">
            {t("browse.reset")}
          </a>
        </div>
      </form>
      <p className="result-count" role="status">
        {t("browse.count", { count: result.total })}
      </p>
      {result.items.length === 0 ? <p>{t("browse.empty")}</p> : <DramaGrid dramas={result.items} />}
      <Pagination page={result.page} totalPages={result.totalPages} hrefFor={hrefFor} />
    </>
  );
}
