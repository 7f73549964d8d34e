import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { metaTranslator, pageMeta } from "~/i18n/meta";
import { useLoaderData } from "@remix-run/react";
import { catalogPage, getCatalog, requireDrama } from "~/catalog/index.server";
import { requestLocale } from "~/i18n/locale.server";
import { EpisodeList, listedEpisode } from "~/components/episode-list";
import { FavoriteButton } from "~/components/favorite-button";
import { labelForTag } from "~/components/tag-label";
import { useTextLang } from "~/components/text-lang";
import { useLocale, useT } from "~/i18n";
import { formatBytes, formatList, formatNumber } from "~/i18n/format";
import { availability as availabilityOf } from "~/lib/availability";
import { costToFinish } from "~/lib/data-cost";
import { nextUp, type ProgressLike } from "~/lib/progress-rules";
import { isFavorite } from "~/models/favorites.server";
import { getDramaProgress } from "~/models/progress.server";
import { pathWithSearch } from "~/utils/redirect";
import { getUserId } from "~/utils/session.server";
import type { RouteHandle } from "~/utils/route-handle";
import { Icon } from "~/components/icon";
import { DramaTrackList } from "~/components/track-badges";
import { confirmedTracks } from "~/catalog/tracks";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return data
    ? pageMeta(t, `${data.drama.title} · Dracin`, data.drama.synopsis)
    : pageMeta(t, t("error.notFound.title"));
};

/** A drama page: the same for every signed-out visitor (kept briefly, shareable); rendered for every signed-in viewer. */
export const handle: RouteHandle = { htmx: "signed-in", cache: { anonymous: "public", signedIn: "never" } };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await requestLocale(request);
  const drama = await requireDrama(params.dramaId ?? "", locale);
  const userId = await getUserId(request);
  const [episodes, rows, favorite] = await Promise.all([
    catalogPage(() => getCatalog(locale).getEpisodes(drama.id), { dramaId: drama.id }),
    userId ? getDramaProgress(userId, drama.id) : Promise.resolve([]),
    userId ? isFavorite(userId, drama.id) : Promise.resolve(false),
  ]);
  const progress: Record<string, ProgressLike> = {};
  for (const row of rows) progress[row.episodeId] = row;
  const listed = episodes.map(listedEpisode);
  return {
    drama,
    episodes: listed,
    // What the rest of the series costs from where this viewer is (all of it for a visitor), per quality.
    finishCost: costToFinish(listed, progress),
    // An ongoing drama announces more episodes than are out: say how many can be played, and which cannot yet.
    availability: availabilityOf(
      drama.episodeCount,
      episodes.map((episode) => episode.number),
    ),
    started: rows.length > 0,
    // The catalog's claim, kept only where the episodes listed here back it.
    tracks: confirmedTracks(drama.tracks, episodes),
    progress,
    next: nextUp(rows, episodes),
    favorite,
    signedIn: Boolean(userId),
    here: pathWithSearch(request),
  };
}

export default function DramaPage() {
  const { drama, episodes, finishCost, started, availability, tracks, progress, next, favorite, signedIn, here } =
    useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const textLang = useTextLang();
  const first = episodes[0];
  const play =
    next?.kind === "resume" && next.position > 0
      ? { href: `/watch/${next.episodeId}`, label: t("drama.resume", { episode: next.number }) }
      : next?.kind === "resume" || next?.kind === "next"
        ? {
            href: `/watch/${next.episodeId}`,
            label:
              next.kind === "next"
                ? t("drama.playNext", { episode: next.number })
                : t("drama.playEpisode", { episode: next.number }),
          }
        : first
          ? { href: `/watch/${first.id}`, label: next?.kind === "finished" ? t("drama.watchAgain") : t("drama.play") }
          : null;
  return (
    <article className="drama">
      <div className="drama-head">
        <img className="drama-poster" src={drama.posterUrl} alt="" width={300} height={450} />
        <div className="drama-info">
          <h1>
            <span lang={textLang(drama.titleLang)}>{drama.title}</span>{" "}
            <span className="original-title" lang="zh">
              {drama.originalTitle}
            </span>
          </h1>
          <dl className="facts">
            <div>
              <dt>{t("drama.year")}</dt>
              <dd>{drama.year}</dd>
            </div>
            <div>
              <dt>{t("drama.status")}</dt>
              <dd>{t(drama.status === "ongoing" ? "status.ongoing" : "status.completed")}</dd>
            </div>
            <div>
              <dt>{t("drama.rating")}</dt>
              <dd>{t("drama.ratingValue", { rating: drama.rating.toFixed(1) })}</dd>
            </div>
            <div>
              <dt>{t("drama.episodesLabel")}</dt>
              <dd>
                {availability.available < availability.total
                  ? t("drama.available", { available: availability.available, total: availability.total })
                  : formatNumber(availability.total, locale)}
              </dd>
            </div>
            {finishCost.length > 0 && finishCost.some((cost) => cost.bytes > 0) ? (
              <div className="data-cost">
                <dt>{t(started ? "dataCost.toFinish" : "dataCost.allEpisodes")}</dt>
                <dd>
                  {formatList(
                    finishCost.map((cost) =>
                      t("dataCost.atQuality", { size: formatBytes(cost.bytes, locale), quality: cost.quality }),
                    ),
                    locale,
                  )}{" "}
                  <span className="field-hint">{t("dataCost.method")}</span>
                </dd>
              </div>
            ) : null}
          </dl>
          {/* The primary actions right under the facts: on a phone they are on the first screen, before the long text. */}
          <div className="actions">
            {play ? (
              <div>
                <a href={play.href} className="button button-play">
                  <Icon name="play" /> {play.label}
                </a>
              </div>
            ) : null}
            {first ? (
              <div>
                {/* One episode per screen, from where the viewer is (app/routes/drama.$dramaId_.feed.tsx). */}
                <a href={`/drama/${drama.id}/feed`} className="button button-secondary">
                  {t("feed.link")}
                </a>
              </div>
            ) : null}
            {signedIn ? (
              <FavoriteButton dramaId={drama.id} dramaTitle={drama.title} isFavorite={favorite} redirectTo={here} />
            ) : (
              <a href={`/login?${new URLSearchParams({ redirectTo: here })}`} className="button button-secondary">
                {t("favorites.signInToAdd")}
              </a>
            )}
          </div>
          <ul className="tags" aria-label={t("drama.genres")}>
            {drama.genres.map((genre) => (
              <li key={genre}>
                <a href={`/browse?genre=${genre}`}>{labelForTag(t, genre)}</a>
              </li>
            ))}
            {drama.vibes.map((vibe) => (
              <li key={vibe}>
                <a href={`/browse?vibe=${vibe}`}>{labelForTag(t, vibe)}</a>
              </li>
            ))}
          </ul>
          <p className="synopsis" lang={textLang(drama.synopsisLang)}>
            {drama.synopsis}
          </p>
          <p className="cast">
            <strong>{t("drama.cast")}:</strong> {formatList(drama.cast, locale)}
          </p>
          <DramaTrackList tracks={tracks} />
        </div>
      </div>
      <section aria-labelledby="episodes-title">
        <h2 id="episodes-title">{t("drama.episodesTitle")}</h2>
        <EpisodeList
          episodes={episodes}
          missing={availability.missing}
          progress={progress}
          markRedirectTo={signedIn ? here : undefined}
        />
      </section>
    </article>
  );
}
