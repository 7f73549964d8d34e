import type { Episode } from "~/catalog/types";
import { ProgressBar } from "~/components/progress-bar";
import { formatDuration } from "~/lib/format";
import { episodeState, type ProgressLike } from "~/lib/progress-rules";
import { useT } from "~/i18n";

/** A drama's episodes with per-episode state in text and as a bar. */
export function EpisodeList({
  episodes,
  progress,
  currentEpisodeId,
}: {
  episodes: Episode[];
  progress: Record<string, ProgressLike>;
  currentEpisodeId?: string;
}) {
  const t = useT();
  return (
    <ol className="episodes">
      {episodes.map((episode) => {
        const state = episodeState(progress[episode.id]);
        const current = episode.id === currentEpisodeId;
        return (
          <li key={episode.id} className={`episode episode-${state.kind}`}>
            <a href={`/watch/${episode.id}`} aria-current={current ? "page" : undefined} className="episode-link">
              <span className="episode-number">{t("episode.number", { number: episode.number })}</span>
              <span className="episode-title">{episode.title}</span>
              <span className="episode-duration">{formatDuration(episode.duration)}</span>
            </a>
            {state.kind === "watched" ? (
              <span className="episode-state watched">
                <span aria-hidden="true">✓ </span>
                {t("episode.watched")}
              </span>
            ) : state.kind === "in-progress" ? (
              <ProgressBar percent={state.percent} label={t("episode.percentWatched", { percent: state.percent })} />
            ) : (
              <span className="episode-state">{t("episode.notStarted")}</span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
