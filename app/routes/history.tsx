import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getCatalog } from "~/catalog/index.server";
import { Pagination } from "~/components/pagination";
import { translator, useT } from "~/i18n";
import { formatDateTime } from "~/lib/format";
import { listHistory } from "~/models/history.server";
import { pageParam } from "~/utils/responses.server";
import { requireUserId } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: translator()("history.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const userId = await requireUserId(request);
  const page = pageParam(new URL(request.url).searchParams.get("page"));
  const history = await listHistory(userId, page);
  const catalog = getCatalog();
  const [dramas, episodes] = await Promise.all([
    catalog.getDramas([...new Set(history.items.map((item) => item.dramaId))]),
    Promise.all(history.items.map((item) => catalog.getEpisode(item.episodeId))),
  ]);
  return {
    ...history,
    items: history.items.map((item, index) => ({
      id: item.id,
      watchedAt: item.watchedAt.toISOString(),
      episodeId: item.episodeId,
      drama: dramas.get(item.dramaId) ?? null,
      episode: episodes[index],
    })),
  };
}

export default function History() {
  const { items, page, totalPages, total } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("history.title")}</h1>
      {total === 0 ? (
        <p>
          {t("history.empty")} <a href="/browse">{t("myList.browse")}</a>
        </p>
      ) : (
        <ol className="history">
          {items.map((item) => (
            <li key={item.id} className="history-item">
              {item.drama ? (
                <img src={item.drama.posterUrl} alt="" width={60} height={90} loading="lazy" className="history-poster" />
              ) : null}
              <div>
                <p className="history-title">
                  {item.drama ? <a href={`/drama/${item.drama.id}`}>{item.drama.title}</a> : t("myList.unavailable")}
                </p>
                {item.episode ? (
                  <p>
                    <a href={`/watch/${item.episode.id}`}>
                      {t("episode.number", { number: item.episode.number })}: {item.episode.title}
                    </a>
                  </p>
                ) : null}
                <p className="history-time">
                  <time dateTime={item.watchedAt}>{formatDateTime(new Date(item.watchedAt))}</time>
                </p>
              </div>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} totalPages={totalPages} hrefFor={(n) => `/history?page=${n}`} />
    </>
  );
}
