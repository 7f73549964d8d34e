import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { metaTranslator, pageMeta } from "~/i18n/meta";
import { useLoaderData } from "@remix-run/react";
import { catalogPage, getCatalog } from "~/catalog/index.server";
import { requestLocale } from "~/i18n/locale.server";
import { EpisodeList, listedEpisode } from "~/components/episode-list";
import { useLocale, useT, type Translate } from "~/i18n";
import { languageAutonym, playerMessages, videojsDictionary } from "~/i18n/player";
import { formatDuration } from "~/lib/format";
import { resumePosition, type ProgressLike } from "~/lib/progress-rules";
import { streamBytes } from "~/lib/data-cost";
import { formatBytes } from "~/i18n/format";
import { getDramaProgress } from "~/models/progress.server";
import type { RouteHandle } from "~/utils/route-handle";
import playerStyles from "~/styles/player.css";
import { captionsFor, dataSaverFor, descriptionLanguage, getPreferences } from "~/utils/preferences.server";
import { DescriptionSettings } from "~/components/description-settings";
import { pathWithSearch } from "~/utils/redirect";
import { notFound } from "~/utils/responses.server";
import { getSessionViewer, requireUserId, viewerKey } from "~/utils/session.server";
import { captionStyleOf } from "~/utils/caption-style.server";
import { cueCss } from "~/lib/caption-style";
import { CsrfField } from "~/components/csrf-field";
import { CaptionTracks } from "~/components/caption-tracks";
import { Icon } from "~/components/icon";
import { Transcript } from "~/components/transcript";
import { loadTranscript, startParameter, transcriptQuery } from "~/catalog/transcript.server";
import { isLocale } from "~/i18n/catalog";

export const handle: RouteHandle = { assets: ["player"], htmx: "signed-in" };

/** The player starts light when the browser asks for less data (`Save-Data`) and the viewer has not chosen. */
export const headers: HeadersFunction = () => ({ Vary: "Save-Data" });

export const links: LinksFunction = () => [{ rel: "stylesheet", href: playerStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return data
    ? pageMeta(
        t,
        `${data.drama.title}, ${t("episode.number", { number: data.episode.number })} · Dracin`,
        data.drama.synopsis,
      )
    : pageMeta(t, t("error.notFound.title"));
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const userId = await requireUserId(request);
  const catalog = getCatalog(await requestLocale(request));
  const episodeId = params.episodeId ?? "";
  const episode = await catalogPage(() => catalog.getEpisode(episodeId), { episodeId });
  if (!episode) throw notFound("Episode not found");
  const [drama, episodes, rows, preferences, captionStyle] = await Promise.all([
    catalogPage(() => catalog.getDrama(episode.dramaId), { episodeId }),
    catalogPage(() => catalog.getEpisodes(episode.dramaId), { episodeId }),
    getDramaProgress(userId, episode.dramaId),
    getPreferences(request),
    // The account's style, read with the session (requireUserId above): no query of its own.
    getSessionViewer(request).then((viewer) => captionStyleOf(viewer, request)),
  ]);
  if (!drama) throw notFound("Drama not found");
  const locale = await requestLocale(request);
  const progress: Record<string, ProgressLike> = {};
  for (const row of rows) progress[row.episodeId] = row;
  const index = episodes.findIndex((e) => e.id === episode.id);
  const captions = captionsFor(
    preferences,
    locale,
    episode.subtitles.map((subtitle) => subtitle.lang),
  );
  // The transcript (?transcript=, ?q=) and a time link's start (?t=): bad values are ignored.
  const url = new URL(request.url);
  const at = startParameter(url.searchParams.get("t"), episode.duration);
  const transcript = await loadTranscript(episode, {
    requested: url.searchParams.get("transcript"),
    captions,
    locale,
    q: transcriptQuery(url.searchParams.get("q")),
  });
  const pageLang = url.searchParams.get("lang");
  return {
    drama: { id: drama.id, title: drama.title, synopsis: drama.synopsis, orientation: drama.orientation },
    episode,
    episodes: episodes.map(listedEpisode),
    progress,
    // Captions not chosen yet follow the viewer's language, and data saver the browser's Save-Data.
    preferences: { ...preferences, captions, dataSaver: dataSaverFor(preferences, request) },
    descriptionLang: descriptionLanguage(
      episode.descriptions.map((description) => description.lang),
      captions,
      locale,
    ),
    here: pathWithSearch(request),
    // The viewer's caption style as CSS for both players (app/root.tsx puts it in <head>; "" = as authored).
    headStyle: cueCss(captionStyle),
    viewer: viewerKey(userId),
    start: at ?? resumePosition(progress[episode.id]),
    startFromLink: at !== null,
    transcript,
    transcriptPage: {
      lang: isLocale(pageLang) ? pageLang : null,
      open: ["t", "transcript", "q"].some((name) => url.searchParams.has(name)),
    },
    previous: index > 0 ? listedEpisode(episodes[index - 1]) : null,
    next: index >= 0 && index < episodes.length - 1 ? listedEpisode(episodes[index + 1]) : null,
  };
}

/** A private-use character: where the language name goes in a translated sentence. */
const NAME_SLOT = "\uE000";

/** "Subtitles, <span lang="id">Bahasa Indonesia</span> (WebVTT)": the name marked with its own language. */
function subtitlesDownloadLabel(t: Translate, lang: string, name: string) {
  const [before, after = ""] = t("watch.downloadSubtitles", { language: NAME_SLOT }).split(NAME_SLOT);
  return (
    <>
      {before}
      <span lang={lang}>{name}</span>
      {after}
    </>
  );
}

export default function Watch() {
  const { drama, episode, episodes, progress, preferences, descriptionLang, here, viewer, start, previous, next } =
    useLoaderData<typeof loader>();
  const { startFromLink, transcript, transcriptPage } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  // video.js's labels, only for languages video.js does not ship (English is built in).
  const videojsLabels = videojsDictionary(locale);
  // Each caption language is named in its own language wherever it is listed.
  const subtitles = episode.subtitles.map((subtitle) => ({
    ...subtitle,
    name: languageAutonym(subtitle.lang, subtitle.label),
  }));
  // Each file with what downloading it costs, when the catalog knows its bit rate.
  const downloads = episode.streams.mp4.map((rendition) => ({
    ...rendition,
    bytes: streamBytes(rendition, episode.duration),
  }));
  const low = episode.streams.mp4[0];
  const captionStyleUrl = `/settings/captions?${new URLSearchParams({ returnTo: here })}`;
  const fragmentSuffix = start > 0 ? `#t=${start}` : "";
  return (
    <article className="watch">
      <p className="breadcrumb">
        <a href={`/drama/${drama.id}`}>{drama.title}</a>
      </p>
      <h1>
        {t("episode.number", { number: episode.number })}: {episode.title}
      </h1>
      {/* The frame takes the picture's shape from the catalog (app.css): a portrait drama's player is 9:16. */}
      <div className="player-frame" data-orientation={drama.orientation}>
        {/* Plays natively without JavaScript; the player script upgrades it to video.js with HLS. */}
        {/* The captions are CaptionTracks' <track kind="captions"> elements below; the rule only sees <track>
            written literally as a child, not one a component renders. */}
        {/* eslint-disable-next-line jsx-a11y/media-has-caption */}
        <video
          data-player=""
          data-episode-id={episode.id}
          data-drama-id={drama.id}
          data-orientation={drama.orientation}
          data-hls={episode.streams.hls}
          data-mp4={low.src}
          data-renditions={JSON.stringify(
            downloads.map(({ quality, height, src, bytes }) => ({
              quality,
              height,
              src,
              ...(bytes === null
                ? {}
                : { label: t("dataCost.quality", { quality, size: formatBytes(bytes, locale) }) }),
            })),
          )}
          data-start={start}
          data-duration={episode.duration}
          data-save-url="/resources/progress"
          data-viewer={viewer}
          data-next-url={next ? `/watch/${next.id}` : ""}
          data-next-number={next?.number ?? ""}
          data-next-title={next?.title ?? ""}
          data-prefs-url="/resources/preferences"
          data-caption-style-url={captionStyleUrl}
          data-autoplay={preferences.autoplay ? "1" : "0"}
          data-data-saver={preferences.dataSaver ? "1" : "0"}
          data-captions={preferences.captions}
          data-description={preferences.description}
          data-description-lang={descriptionLang}
          data-extended-description={preferences.extendedDescription ? "1" : "0"}
          data-description-rate={preferences.descriptionRate}
          data-description-voice={preferences.descriptionVoice}
          data-read-captions={preferences.readCaptions ? "1" : "0"}
          data-strings={JSON.stringify(playerMessages(locale))}
          data-videojs-language={videojsLabels ? JSON.stringify(videojsLabels) : undefined}
          className="video-js vjs-default-skin vjs-big-play-centered"
          controls
          preload={preferences.dataSaver ? "none" : "metadata"}
          playsInline
          poster={episode.thumbnailUrl}
          aria-label={t("watch.playerLabel", { title: drama.title, episode: episode.number })}
        >
          <source src={`${low.src}${fragmentSuffix}`} type="video/mp4" />
          <CaptionTracks subtitles={subtitles} shown={preferences.captions} />
          {episode.descriptions.map((description) => (
            <track
              key={`descriptions-${description.lang}`}
              kind="descriptions"
              src={description.src}
              srcLang={description.lang}
              label={languageAutonym(description.lang, description.label)}
            />
          ))}
        </video>
      </div>
      {/* Where the player sends descriptions and (when asked) captions for screen readers: polite, never interrupting. */}
      <div id="player-descriptions-live" className="visually-hidden" aria-live="polite" aria-atomic="true" />
      {start > 0 ? (
        <p className="resume-note">
          {t(startFromLink ? "transcript.seeked" : "watch.resumingAt", { time: formatDuration(start) })}
        </p>
      ) : null}
      <nav className="episode-nav" aria-label={t("watch.episodeNav")}>
        {previous ? (
          <div>
            <a href={`/watch/${previous.id}`} rel="prev" className="button button-secondary">
              <Icon name="previous" /> {t("watch.previous", { episode: previous.number })}
            </a>
          </div>
        ) : null}
        {next ? (
          <div>
            <a href={`/watch/${next.id}`} rel="next" className="button">
              {t("watch.next", { episode: next.number })} <Icon name="next" />
            </a>
          </div>
        ) : null}
      </nav>
      <form method="post" action="/resources/watched" className="watched-next">
        <CsrfField />
        <input type="hidden" name="episodeId" value={episode.id} />
        <input type="hidden" name="intent" value="watched-next" />
        <button type="submit" className="button button-secondary">
          {next ? t("watch.markWatchedNext") : t("watch.markWatchedLast")}
        </button>
      </form>
      <details className="settings">
        <summary>{t("settings.title")}</summary>
        <form method="post" action="/resources/preferences" className="settings-form">
          <CsrfField />
          <input type="hidden" name="redirectTo" value={here} />
          <div className="field">
            <label htmlFor="pref-captions">{t("settings.captions")}</label>{" "}
            <select id="pref-captions" name="captions" defaultValue={preferences.captions}>
              {subtitles.map((subtitle) => (
                <option key={subtitle.lang} value={subtitle.lang} lang={subtitle.lang}>
                  {subtitle.name}
                </option>
              ))}
              <option value="off">{t("settings.captionsOff")}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="pref-autoplay">{t("settings.autoplay")}</label>{" "}
            <select id="pref-autoplay" name="autoplay" defaultValue={preferences.autoplay ? "1" : "0"}>
              <option value="1">{t("settings.on")}</option>
              <option value="0">{t("settings.off")}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="pref-data-saver">{t("settings.dataSaver")}</label>{" "}
            <select id="pref-data-saver" name="dataSaver" defaultValue={preferences.dataSaver ? "1" : "0"}>
              <option value="1">{t("settings.on")}</option>
              <option value="0">{t("settings.off")}</option>
            </select>
            <p className="field-hint">{t("settings.dataSaverHint")}</p>
          </div>
          <DescriptionSettings preferences={preferences} available={episode.descriptions.length > 0} />
          <button type="submit" className="button">
            {t("settings.save")}
          </button>
        </form>
        <p className="settings-link">
          <a href={captionStyleUrl}>{t("captionStyle.link")}</a>
        </p>
      </details>
      <details className="downloads">
        <summary>{t("watch.downloads")}</summary>
        <ul>
          {downloads.map((rendition) => (
            <li key={rendition.quality}>
              <a href={rendition.src} download>
                {rendition.bytes === null
                  ? t("watch.downloadVideo", { quality: rendition.quality })
                  : t("watch.downloadVideoSize", {
                      quality: rendition.quality,
                      size: formatBytes(rendition.bytes, locale),
                    })}
              </a>
            </li>
          ))}
          {subtitles.map((subtitle) => (
            <li key={subtitle.lang}>
              <a href={subtitle.src} download hrefLang={subtitle.lang}>
                {subtitlesDownloadLabel(t, subtitle.lang, subtitle.name)}
              </a>
            </li>
          ))}
        </ul>
      </details>
      {/* After the episode's own actions: where <details> does not fold (Dillo, NetSurf) the transcript is long. */}
      <Transcript
        episodeId={episode.id}
        episodeNumber={episode.number}
        transcript={transcript}
        pageLang={transcriptPage.lang}
        open={transcriptPage.open}
      />
      <section aria-labelledby="more-episodes">
        <h2 id="more-episodes">{t("drama.episodesTitle")}</h2>
        <EpisodeList episodes={episodes} progress={progress} currentEpisodeId={episode.id} markRedirectTo={here} />
      </section>
    </article>
  );
}
