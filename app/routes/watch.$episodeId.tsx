import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getCatalog } from "~/catalog/index.server";
import { EpisodeList } from "~/components/episode-list";
import { translator, useT } from "~/i18n";
import { formatDuration } from "~/lib/format";
import { resumePosition, type ProgressLike } from "~/lib/progress-rules";
import { getDramaProgress } from "~/models/progress.server";
import type { RouteHandle } from "~/root";
import { notFound } from "~/utils/responses.server";
import { requireUserId } from "~/utils/session.server";

export const handle: RouteHandle = { assets: ["player"] };

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [{ title: `${data.drama.title}, ${translator()("episode.number", { number: data.episode.number })} · Dracin` }]
    : [{ title: translator()("error.notFound.title") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const userId = await requireUserId(request);
  const catalog = getCatalog();
  const episode = await catalog.getEpisode(params.episodeId ?? "");
  if (!episode) throw notFound("Episode not found");
  const [drama, episodes, rows] = await Promise.all([
    catalog.getDrama(episode.dramaId),
    catalog.getEpisodes(episode.dramaId),
    getDramaProgress(userId, episode.dramaId),
  ]);
  if (!drama) throw notFound("Drama not found");
  const progress: Record<string, ProgressLike> = {};
  for (const row of rows) progress[row.episodeId] = row;
  const index = episodes.findIndex((e) => e.id === episode.id);
  return {
    drama,
    episode,
    episodes,
    progress,
    start: resumePosition(progress[episode.id]),
    previous: index > 0 ? episodes[index - 1] : null,
    next: index >= 0 && index < episodes.length - 1 ? episodes[index + 1] : null,
  };
}

export default function Watch() {
  const { drama, episode, episodes, progress, start, previous, next } = useLoaderData<typeof loader>();
  const t = useT();
  const low = episode.streams.mp4[0];
  const fragmentSuffix = start > 0 ? `#t=${start}` : "";
  return (
    <article className="watch">
      <p className="breadcrumb">
        <a href={`/drama/${drama.id}`}>{drama.title}</a>
      </p>
      <h1>
        {t("episode.number", { number: episode.number })}: {episode.title}
      </h1>
      <div className="player-frame">
        {/* Plays natively without JavaScript; the player script upgrades it to video.js with HLS. */}
        <video
          data-player=""
          data-episode-id={episode.id}
          data-hls={episode.streams.hls}
          data-mp4={low.src}
          data-start={start}
          data-save-url="/resources/progress"
          className="video-js vjs-default-skin vjs-big-play-centered"
          controls
          preload="metadata"
          playsInline
          poster={episode.thumbnailUrl}
          aria-label={t("watch.playerLabel", { title: drama.title, episode: episode.number })}
        >
          <source src={`${low.src}${fragmentSuffix}`} type="video/mp4" />
          {episode.subtitles.map((subtitle, index) => (
            <track
              key={subtitle.lang}
              kind="captions"
              src={subtitle.src}
              srcLang={subtitle.lang}
              label={subtitle.label}
              default={index === 0}
            />
          ))}
        </video>
      </div>
      {start > 0 ? <p className="resume-note">{t("watch.resumingAt", { time: formatDuration(start) })}</p> : null}
      <nav className="episode-nav" aria-label={t("watch.episodeNav")}>
        {previous ? (
          <a href={`/watch/${previous.id}`} rel="prev" className="button button-secondary">
            <span aria-hidden="true">← </span>
            {t("watch.previous", { episode: previous.number })}
          </a>
        ) : null}
        {next ? (
          <a href={`/watch/${next.id}`} rel="next" className="button">
            {t("watch.next", { episode: next.number })}
            <span aria-hidden="true"> →</span>
          </a>
        ) : null}
      </nav>
      <details className="downloads">
        <summary>{t("watch.downloads")}</summary>
        <ul>
          {episode.streams.mp4.map((rendition) => (
            <li key={rendition.quality}>
              <a href={rendition.src} download>
                {t("watch.downloadVideo", { quality: rendition.quality })}
              </a>
            </li>
          ))}
          {episode.subtitles.map((subtitle) => (
            <li key={subtitle.lang}>
              <a href={subtitle.src} download>
                {t("watch.downloadSubtitles", { language: subtitle.label })}
              </a>
            </li>
          ))}
        </ul>
      </details>
      <section aria-labelledby="more-episodes">
        <h2 id="more-episodes">{t("drama.episodesTitle")}</h2>
        <EpisodeList episodes={episodes} progress={progress} currentEpisodeId={episode.id} />
      </section>
    </article>
  );
}
