import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { metaTranslator, pageMeta } from "~/i18n/meta";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { resolveDramas, resolveEpisode } from "~/catalog/index.server";
import { requestLocale } from "~/i18n/locale.server";
import { Pagination } from "~/components/pagination";
import { useLocale, useT } from "~/i18n";
import { formatDateTime } from "~/i18n/format";
import { listHistory, removeDramaFromHistory } from "~/models/history.server";
import { flashHeader } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { pageParam, plainText } from "~/utils/responses.server";
import { requireUserId } from "~/utils/session.server";
import { CsrfField } from "~/components/csrf-field";
import { readForm } from "~/utils/csrf.server";
import { readDb } from "~/utils/db.server";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, t("history.title"));
};

export async function loader({ request }: LoaderFunctionArgs) {
  const userId = await requireUserId(request);
  const page = pageParam(new URL(request.url).searchParams.get("page"));
  const history = await listHistory(userId, page, 20, readDb(request));
  // Never fails for the catalog: "no longer available" (with a remove button) or "details unavailable".
  const locale = await requestLocale(request);
  const [dramas, episodes] = await Promise.all([
    resolveDramas([...new Set(history.items.map((item) => item.dramaId))], locale),
    Promise.all(history.items.map((item) => resolveEpisode(item.episodeId, locale))),
  ]);
  return {
    ...history,
    items: history.items.map((item, index) => {
      const drama = dramas.get(item.dramaId);
      const episode = episodes[index];
      return {
        id: item.id,
        watchedAt: item.watchedAt.toISOString(),
        episodeId: item.episodeId,
        dramaId: item.dramaId,
        drama: drama?.state === "ok" ? drama.value : null,
        dramaState: drama?.state ?? "missing",
        episode: episode.state === "ok" ? episode.value : null,
      };
    }),
  };
}

const RemoveFormSchema = z.object({ intent: z.literal("remove-drama"), dramaId: z.string().min(1).max(200) });

/** Removes a drama's viewings from the user's history (offered for dramas the catalog no longer has). */
export async function action({ request }: ActionFunctionArgs) {
  const userId = await requireUserId(request);
  const parsed = parseForm(RemoveFormSchema, await readForm(request));
  if (!parsed.ok) return plainText(request, 400, "http.invalid.dramaForm");
  await removeDramaFromHistory(userId, parsed.data.dramaId);
  return redirect("/history", { status: 303, headers: { "Set-Cookie": await flashHeader("flash.historyRemoved") } });
}

export default function History() {
  const { items, page, totalPages, total } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
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
                <img
                  src={item.drama.posterUrl}
                  alt=""
                  width={60}
                  height={90}
                  loading="lazy"
                  className="history-poster"
                />
              ) : null}
              <div>
                <p className="history-title">
                  {item.drama ? (
                    <a href={`/drama/${item.drama.id}`}>{item.drama.title}</a>
                  ) : (
                    t(item.dramaState === "unavailable" ? "catalog.detailsUnavailable" : "myList.unavailable")
                  )}
                </p>
                {item.dramaState === "missing" ? (
                  <form method="post" action="/history">
                    <CsrfField />
                    <input type="hidden" name="dramaId" value={item.dramaId} />
                    <input type="hidden" name="intent" value="remove-drama" />
                    <button type="submit" className="button button-secondary">
                      {t("history.remove")}
                    </button>
                  </form>
                ) : null}
                {item.episode ? (
                  <p>
                    <a href={`/watch/${item.episode.id}`}>
                      {t("episode.number", { number: item.episode.number })}: {item.episode.title}
                    </a>
                  </p>
                ) : null}
                <p className="history-time">
                  <time dateTime={item.watchedAt}>{formatDateTime(new Date(item.watchedAt), locale)}</time>
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
