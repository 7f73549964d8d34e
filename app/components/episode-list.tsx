import type { Episode } from "~/catalog/types";
import { ProgressBar } from "~/components/progress-bar";
import { formatDuration } from "~/i18n/format";
import { episodeState, type ProgressLike } from "~/lib/progress-rules";
import { useT } from "~/i18n";
import { CsrfField } from "~/components/csrf-field";
import { useTextLang } from "~/components/text-lang";
import { Icon } from "~/components/icon";

/** What an episode row shows. Loaders hand views only this, not the streams and captions of every episode. */
export type ListedEpisode = Pick<Episode, "id" | "number" | "title" | "titleLang" | "duration">;

export function listedEpisode({ id, number, title, titleLang, duration }: ListedEpisode): ListedEpisode {
  return { id, number, title, titleLang, duration };
}

/** A drama's episodes with per-episode state in text and as a bar. */
export function EpisodeList({
  episodes,
  progress,
  currentEpisodeId,
  markRedirectTo,
}: {
  episodes: ListedEpisode[];
  progress: Record<string, ProgressLike>;
  currentEpisodeId?: string;
  /** When set (signed in), each episode gets a "Mark as watched/unwatched" form returning here. */
  markRedirectTo?: string;
}) {
  return (
    <ol className="episodes">
      {episodes.map((episode) => (
        <EpisodeItem
          key={episode.id}
          episode={episode}
          progress={progress[episode.id]}
          current={episode.id === currentEpisodeId}
          markRedirectTo={markRedirectTo}
        />
      ))}
    </ol>
  );
}

/** One episode row; htmx swaps this same markup after "Mark as watched". */
export function EpisodeItem({
  episode,
  progress,
  current = false,
  markRedirectTo,
  announce,
}: {
  episode: ListedEpisode;
  progress: ProgressLike | undefined;
  current?: boolean;
  markRedirectTo?: string;
  announce?: string;
}) {
  const t = useT();
  const textLang = useTextLang();
  const state = episodeState(progress);
  const itemId = `episode-${episode.id}`;
  return (
    <li id={itemId} className={`episode episode-${state.kind}`}>
      <a href={`/watch/${episode.id}`} aria-current={current ? "page" : undefined} className="episode-link">
        <span className="episode-number">{t("episode.number", { number: episode.number })}</span>
        <span className="visually-hidden">: </span>{" "}
        <span className="episode-title" lang={textLang(episode.titleLang)}>
          {episode.title}
        </span>
        <span className="visually-hidden">, </span>{" "}
        <span className="episode-duration">{formatDuration(episode.duration)}</span>
      </a>
      <div className="episode-status">
        {state.kind === "watched" ? (
          <span className="episode-state watched">
            <Icon name="check" /> {t("episode.watched")}
          </span>
        ) : state.kind === "in-progress" ? (
          <ProgressBar percent={state.percent} label={t("episode.percentWatched", { percent: state.percent })} />
        ) : (
          <span className="episode-state">{t("episode.notStarted")}</span>
        )}
        {markRedirectTo ? (
          <form
            method="post"
            action="/resources/watched"
            className="episode-mark"
            data-hx-post="/resources/watched"
            data-hx-target={`#${itemId}`}
            data-hx-swap="outerHTML"
          >
            <CsrfField />
            <input type="hidden" name="episodeId" value={episode.id} />
            <input type="hidden" name="redirectTo" value={markRedirectTo} />
            <input type="hidden" name="intent" value={state.kind === "watched" ? "unwatched" : "watched"} />
            <button type="submit" id={`mark-${episode.id}`} className="button button-small button-secondary">
              {state.kind === "watched" ? t("episode.markUnwatched") : t("episode.markWatched")}
              <span className="visually-hidden">: {t("episode.number", { number: episode.number })}</span>
            </button>
          </form>
        ) : null}
      </div>
      {announce ? <div data-hx-swap-oob="innerHTML:#announcer">{announce}</div> : null}
    </li>
  );
}
