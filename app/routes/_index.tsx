import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { metaTranslator, pageMeta } from "~/i18n/meta";
import { useLoaderData } from "@remix-run/react";
import { catalogPage, getCatalog } from "~/catalog/index.server";
import type { Drama } from "~/catalog/types";
import { cardDrama, DramaCard, type CardDrama } from "~/components/drama-card";
import { DramaRow } from "~/components/drama-row";
import { homeRowsHtml } from "~/components/home-rows.server";
import { requestLocale } from "~/i18n/locale.server";
import { ProgressBar } from "~/components/progress-bar";
import { labelForTag } from "~/components/tag-label";
import { useLocale, useT } from "~/i18n";
import { getContinueWatching, type ContinueItem } from "~/models/continue-watching.server";
import { listFavorites } from "~/models/favorites.server";
import { formatList, minutesLeft } from "~/i18n/format";
import { getUserId } from "~/utils/session.server";
import { CsrfField } from "~/components/csrf-field";
import { readDb } from "~/utils/db.server";
import type { RouteHandle } from "~/utils/route-handle";

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, t("home.title"));
};

/**
 * The home: the same for every signed-out visitor; for a signed-in viewer it is
 * kept per session while their Continue Watching and My List (and the root's
 * account data) read the same. The loader below reads exactly these.
 */
export const handle: RouteHandle = {
  cache: { anonymous: "public", signedIn: "per-viewer" },
  viewerData: ["progress", "favorites"],
};

export async function loader({ request }: LoaderFunctionArgs) {
  const [userId, locale] = await Promise.all([getUserId(request), requestLocale(request)]);
  const catalog = getCatalog(locale);
  const [feed, continueWatching, myList] = await catalogPage(
    () =>
      Promise.all([
        catalog.home(),
        userId ? getContinueWatching(userId, locale, readDb(request)) : Promise.resolve([]),
        userId
          ? listFavorites(userId, 12, readDb(request)).then(async (rows) => {
              const dramas = await catalog.getDramas(rows.map((row) => row.dramaId));
              return rows.flatMap((row) => dramas.get(row.dramaId) ?? []);
            })
          : Promise.resolve([] as Drama[]),
      ]),
    { route: "/" },
  );
  const { id, title, posterUrl, year, episodeCount, genres, synopsis } = feed.featured;
  return {
    featured: { id, title, posterUrl, year, episodeCount, genres, synopsis },
    // The catalog rows as HTML made once per feed (app/components/home-rows.server.tsx), not ~90 dramas
    // for React to render and Remix to encode on every request.
    rowsHtml: homeRowsHtml(feed, locale),
    // The viewer's rows carry only what their cards show.
    continueWatching: continueWatching.map((item): ContinueTileItem => ({ ...item, drama: cardDrama(item.drama) })),
    myList: myList.map(cardDrama),
    signedIn: Boolean(userId),
  };
}

/** Each kind of item (distributes over the union) with its drama cut down to the card's fields. */
type WithCardDrama<Item> = Item extends { drama: Drama } ? Omit<Item, "drama"> & { drama: CardDrama } : never;
type ContinueTileItem = WithCardDrama<ContinueItem>;

function ContinueTile({ item }: { item: ContinueTileItem }) {
  const t = useT();
  const label =
    item.kind === "resume"
      ? t("continue.minutesLeft", { episode: item.number, minutes: minutesLeft(item.secondsLeft) })
      : t("continue.nextEpisode", { episode: item.number });
  return (
    <DramaCard drama={item.drama}>
      <p className="continue-meta">
        <a href={`/watch/${item.episodeId}`} className="continue-link">
          {item.kind === "resume"
            ? t("continue.resume", { episode: item.number })
            : t("continue.playNext", { episode: item.number })}
          <span className="visually-hidden">: {item.drama.title}</span>
        </a>
      </p>
      <ProgressBar percent={item.kind === "resume" ? item.percent : 0} label={label} />
      <form method="post" action="/resources/continue-watching" className="continue-remove">
        <CsrfField />
        <input type="hidden" name="dramaId" value={item.drama.id} />
        <input type="hidden" name="intent" value="hide" />
        <button type="submit" className="button button-small button-secondary">
          {t("continue.remove")}
          <span className="visually-hidden">: {item.drama.title}</span>
        </button>
      </form>
    </DramaCard>
  );
}

export default function Home() {
  const { featured, rowsHtml, continueWatching, myList, signedIn } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <img className="hero-poster" src={featured.posterUrl} alt="" width={300} height={450} />
        <div className="hero-text">
          <p className="eyebrow">{t("home.featured")}</p>
          <h1 id="hero-title">{featured.title}</h1>
          <p className="hero-meta">
            {featured.year} · {t("drama.episodes", { count: featured.episodeCount })} ·{" "}
            {formatList(
              featured.genres.map((genre) => labelForTag(t, genre)),
              locale,
            )}
          </p>
          <p>
            <a href={`/drama/${featured.id}`} className="button">
              {t("home.featuredCta")}
              <span className="visually-hidden">: {featured.title}</span>
            </a>
          </p>
          <p className="hero-synopsis">{featured.synopsis}</p>
        </div>
      </section>

      {signedIn && continueWatching.length > 0 ? (
        <section className="row" aria-labelledby="row-continue">
          <div className="row-head">
            <h2 id="row-continue">{t("home.row.continue")}</h2>
          </div>
          <ul className="row-list">
            {continueWatching.map((item) => (
              <li key={item.drama.id}>
                <ContinueTile item={item} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {signedIn && myList.length > 0 ? (
        <DramaRow id="my-list" title={t("home.row.myList")} href="/my-list" dramas={myList} />
      ) : null}

      {/* Plain wrapper, no role or label: the rows inside are the page's sections. */}
      <div dangerouslySetInnerHTML={{ __html: rowsHtml }} />
    </>
  );
}
