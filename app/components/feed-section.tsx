/**
 * One screen of the binge feed (docs/feed.md): a region named "Episode 3 of 60", the episode's native <video>,
 * what it costs, and the way on. The feed page renders the first; the feed script fetches the others as
 * fragments of the same component (app/routes/resources.feed.tsx).
 */
import type { Episode, Orientation } from "~/catalog/types";
import { CaptionTracks } from "~/components/caption-tracks";
import { Icon } from "~/components/icon";
import { useTextLang } from "~/components/text-lang";
import { useLocale, useT } from "~/i18n";
import { formatBytes } from "~/i18n/format";
import type { MissingRun } from "~/lib/availability";
import { formatDuration } from "~/lib/format";

export interface FeedLink {
  id: string;
  /** The feed page at that episode: the link without JavaScript. */
  url: string;
  /** The same screen as a fragment, for the feed script. */
  fragment: string;
}

export interface FeedItem {
  /** This screen's own URL (the address bar follows the feed). */
  url: string;
  dramaTitle: string;
  orientation: Orientation;
  episode: Pick<Episode, "id" | "number" | "title" | "titleLang" | "duration" | "thumbnailUrl">;
  /** The file played: the lowest rendition (the feed is for phones and small data plans). */
  video: { src: string; quality: string; bytes: number | null };
  subtitles: { lang: string; src: string; name: string }[];
  /** The subtitle language shown from the start, or "off". */
  captions: string;
  /** How many episodes the drama announces ("Episode 3 of 60"). */
  total: number;
  /** Where playback starts: the viewer's progress (0 from the start). */
  start: number;
  previous: FeedLink | null;
  next: FeedLink | null;
  /** Announced episodes after the last playable one, said where the feed ends. */
  notYet: MissingRun | null;
}

export function FeedSection({ item, preload }: { item: FeedItem; preload: "none" | "metadata" }) {
  const t = useT();
  const locale = useLocale();
  const textLang = useTextLang();
  const { episode, video, total, start, previous, next, notYet } = item;
  const headingId = `feed-${episode.id}`;
  return (
    <section
      className="feed-episode"
      aria-labelledby={headingId}
      tabIndex={-1}
      data-feed-episode={episode.id}
      data-url={item.url}
      data-announce={t("feed.moved", { number: episode.number, total, title: episode.title })}
      data-previous-fragment={previous?.fragment}
      data-next-fragment={next?.fragment}
      data-duration={episode.duration}
      data-quality={video.quality}
    >
      <div className="player-frame" data-orientation={item.orientation}>
        {/* The captions are CaptionTracks' <track> elements; the rule only sees a literal <track> child. */}
        {/* eslint-disable-next-line jsx-a11y/media-has-caption */}
        <video
          controls
          playsInline
          preload={preload}
          poster={episode.thumbnailUrl}
          aria-label={t("watch.playerLabel", { title: item.dramaTitle, episode: episode.number })}
        >
          {/* The media fragment starts it where the viewer's progress says, with or without script. */}
          <source src={start > 0 ? `${video.src}#t=${start}` : video.src} type="video/mp4" />
          <CaptionTracks subtitles={item.subtitles} shown={item.captions} />
        </video>
      </div>
      <div className="feed-info">
        <h2 id={headingId}>
          {t("feed.position", { number: episode.number, total })}
          {/* On a line of its own on screen; said, and shown by text browsers, as "Episode 1 of 12: Title". */}
          <span className="visually-hidden">: </span>
          <span className="feed-episode-title" lang={textLang(episode.titleLang)}>
            {episode.title}
          </span>
        </h2>
        <p className="feed-facts">
          {formatDuration(episode.duration)}
          {video.bytes === null
            ? null
            : ` · ${t("dataCost.size", { size: formatBytes(video.bytes, locale), quality: video.quality })}`}
          {start > 0 ? ` · ${t("watch.resumingAt", { time: formatDuration(start) })}` : null}
        </p>
        <nav className="feed-nav" aria-label={t("watch.episodeNav")}>
          {previous ? (
            <a href={previous.url} rel="prev" className="button button-secondary" data-feed-move="previous">
              <Icon name="previous" /> {t("feed.previous")}
            </a>
          ) : null}
          {next ? (
            <a href={next.url} rel="next" className="button" data-feed-move="next">
              {t("feed.next")} <Icon name="next" />
            </a>
          ) : null}
          <a href={`/watch/${episode.id}`} className="feed-player-link">
            {t("feed.openPlayer")}
          </a>
        </nav>
        {next ? null : (
          <p className="feed-end">
            {notYet === null
              ? t("feed.last")
              : notYet.from === notYet.to
                ? t("feed.notYetOne", { number: notYet.from })
                : t("feed.notYet", { from: notYet.from, to: notYet.to })}
          </p>
        )}
      </div>
    </section>
  );
}
