import { renderToStaticMarkup } from "react-dom/server";
import type { Episode } from "~/catalog/types";
import { ProgressBar } from "~/components/progress-bar";
import { formatBytes, formatDuration, formatList } from "~/i18n/format";
import type { MissingRun } from "~/lib/availability";
import { episodeCosts, type RenditionCost } from "~/lib/data-cost";
import { episodeState, type ProgressLike } from "~/lib/progress-rules";
import { useLocale, useT, type Locale, type Translate } from "~/i18n";
import { CsrfField } from "~/components/csrf-field";
import { useTextLang } from "~/components/text-lang";
import { Icon } from "~/components/icon";

/**
 * What an episode row shows. Loaders hand views only this, not the streams and captions of every episode:
 * the size of each rendition stands in for the streams.
 */
export type ListedEpisode = Pick<Episode, "id" | "number" | "title" | "titleLang" | "duration"> & {
  costs: RenditionCost[];
};

export function listedEpisode(episode: Episode): ListedEpisode {
  const { id, number, title, titleLang, duration } = episode;
  return { id, number, title, titleLang, duration, costs: episodeCosts(episode) };
}

/**
 * The texts costText made, by language and sizes: the same for every viewer, and formatting them (a number, a
 * message and a list per episode) was 3 % of a drama page. Bounded: emptied when it reaches its size.
 */
const costTexts = new Map<string, string>();
const COST_TEXTS_MAX = 10_000;

/** "≈ 4.2 MB · 360p, ≈ 9.8 MB · 720p": an episode's size in each quality, in the viewer's language (`t` is its translator). */
export function costText(t: Translate, locale: Locale, costs: readonly RenditionCost[]): string {
  const key = `${locale}\n${costs.map((cost) => `${cost.quality}\t${cost.bytes}`).join("\n")}`;
  let text = costTexts.get(key);
  if (text === undefined) {
    text = formatList(
      costs.map((cost) => t("dataCost.size", { size: formatBytes(cost.bytes, locale), quality: cost.quality })),
      locale,
    );
    if (costTexts.size >= COST_TEXTS_MAX) costTexts.clear();
    costTexts.set(key, text);
  }
  return text;
}

/** A drama's episodes with per-episode state in text and as a bar; numbers not out yet, in their place. */
export function EpisodeList({
  episodes,
  progress,
  currentEpisodeId,
  markRedirectTo,
  missing = [],
}: {
  episodes: ListedEpisode[];
  progress: Record<string, ProgressLike>;
  currentEpisodeId?: string;
  /** When set (signed in), each episode gets a "Mark as watched/unwatched" form returning here. */
  markRedirectTo?: string;
  /** Runs of episode numbers the drama will have but the catalog cannot play yet (app/lib/availability.ts). */
  missing?: readonly MissingRun[];
}) {
  const rows = [
    ...episodes.map((episode) => ({ number: episode.number, episode })),
    ...missing.map((run) => ({ number: run.from, run })),
  ].sort((a, b) => a.number - b.number);
  return (
    <ol className="episodes">
      {rows.map((row) =>
        "episode" in row ? (
          <EpisodeItem
            key={row.episode.id}
            episode={row.episode}
            progress={progress[row.episode.id]}
            current={row.episode.id === currentEpisodeId}
            markRedirectTo={markRedirectTo}
          />
        ) : (
          <UnavailableItem key={`missing-${row.run.from}`} run={row.run} />
        ),
      )}
    </ol>
  );
}

/** Episode numbers announced but not playable yet: no link, said in words. */
function UnavailableItem({ run }: { run: MissingRun }) {
  const t = useT();
  return (
    <li className="episode episode-unavailable">
      <span className="episode-number">
        {run.from === run.to
          ? t("episode.number", { number: run.from })
          : t("episode.numbers", { from: run.from, to: run.to })}
      </span>
      <span className="visually-hidden">: </span> <span className="episode-state">{t("episode.unavailable")}</span>
    </li>
  );
}

/** What an episode's link says, in the page's language: the same for every viewer. */
interface EpisodeLinkTexts {
  number: string;
  title: string;
  /** The title's `lang` when it is not the page's. */
  titleLang: string | undefined;
  duration: string;
  cost: string | null;
}

function EpisodeLinkText({ number, title, titleLang, duration, cost }: EpisodeLinkTexts) {
  return (
    <>
      <span className="episode-number">{number}</span>
      <span className="visually-hidden">: </span>{" "}
      <span className="episode-title" lang={titleLang}>
        {title}
      </span>
      <span className="visually-hidden">, </span> <span className="episode-duration">{duration}</span>
      {cost !== null ? (
        <>
          <span className="visually-hidden">, </span> <span className="episode-cost">{cost}</span>
        </>
      ) : null}
    </>
  );
}

/**
 * The inside of episode links, rendered once per text: a drama page and /watch list every episode, and their
 * links are the same for every viewer, while the row around each (the viewer's progress, the mark form with its
 * token) is not. Keyed by the texts themselves, so a catalog or language change makes a new entry; bounded
 * (emptied when full). React's own markup, rendered apart (React allows a render inside another).
 * docs/decisions/026-same-for-everyone-markup.md
 */
const episodeLinkHtmlByTexts = new Map<string, string>();
const EPISODE_LINK_HTML_MAX = 10_000;

function episodeLinkHtml(texts: EpisodeLinkTexts): string {
  const key = JSON.stringify([texts.number, texts.title, texts.titleLang ?? null, texts.duration, texts.cost]);
  let html = episodeLinkHtmlByTexts.get(key);
  if (html === undefined) {
    html = renderToStaticMarkup(<EpisodeLinkText {...texts} />);
    if (episodeLinkHtmlByTexts.size >= EPISODE_LINK_HTML_MAX) episodeLinkHtmlByTexts.clear();
    episodeLinkHtmlByTexts.set(key, html);
  }
  return html;
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
  const locale = useLocale();
  const textLang = useTextLang();
  const state = episodeState(progress);
  const itemId = `episode-${episode.id}`;
  return (
    <li id={itemId} className={`episode episode-${state.kind}`}>
      <a
        href={`/watch/${episode.id}`}
        aria-current={current ? "page" : undefined}
        className="episode-link"
        dangerouslySetInnerHTML={{
          __html: episodeLinkHtml({
            number: t("episode.number", { number: episode.number }),
            title: episode.title,
            titleLang: textLang(episode.titleLang),
            duration: formatDuration(episode.duration),
            cost: episode.costs.length > 0 ? costText(t, locale, episode.costs) : null,
          }),
        }}
      />
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
