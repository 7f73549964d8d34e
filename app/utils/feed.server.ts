/**
 * The binge feed's data (docs/feed.md), for the feed page and for the
 * fragments the feed script fetches: the drama, the episode the feed is at
 * (asked for by `?episode=`, else where the viewer's progress says), and what
 * its screen shows. Signed-in only, like the player: the feed saves progress.
 * A malformed `?episode=` is a 400, one not in this drama a 404.
 */
import { catalogPage, getCatalog, requireDrama } from "~/catalog/index.server";
import type { Drama, Episode } from "~/catalog/types";
import type { FeedItem, FeedLink } from "~/components/feed-section";
import { requestLocale } from "~/i18n/locale.server";
import { languageAutonym } from "~/i18n/player";
import { availability, type MissingRun } from "~/lib/availability";
import { streamBytes } from "~/lib/data-cost";
import { feedFragmentPath, feedNeighbours, feedPath, feedStart, MAX_EPISODE_PARAM } from "~/lib/feed";
import { resumePosition } from "~/lib/progress-rules";
import { getDramaProgress } from "~/models/progress.server";
import { captionsFor, dataSaverFor, getPreferences } from "~/utils/preferences.server";
import { cueCss } from "~/lib/caption-style";
import { captionStyleOf } from "~/utils/caption-style.server";
import { getSessionViewer, requireUserId, viewerKey } from "~/utils/session.server";

function link(dramaId: string, episode: Episode | null): FeedLink | null {
  return episode
    ? { id: episode.id, url: feedPath(dramaId, episode.id), fragment: feedFragmentPath(dramaId, episode.id) }
    : null;
}

function feedItem(
  drama: Drama,
  episodes: Episode[],
  index: number,
  details: { start: number; captions: string; missing: readonly MissingRun[] },
): FeedItem {
  const episode = episodes[index];
  const { previous, next } = feedNeighbours(episodes, index);
  const low = episode.streams.mp4[0];
  return {
    url: feedPath(drama.id, episode.id),
    dramaTitle: drama.title,
    orientation: drama.orientation,
    episode: {
      id: episode.id,
      number: episode.number,
      title: episode.title,
      titleLang: episode.titleLang,
      duration: episode.duration,
      thumbnailUrl: episode.thumbnailUrl,
    },
    video: { src: low.src, quality: low.quality, bytes: streamBytes(low, episode.duration) },
    subtitles: episode.subtitles.map((subtitle) => ({
      lang: subtitle.lang,
      src: subtitle.src,
      name: languageAutonym(subtitle.lang, subtitle.label),
    })),
    captions: details.captions,
    total: Math.max(drama.episodeCount, episodes.length),
    start: details.start,
    previous: link(drama.id, previous),
    next: link(drama.id, next),
    notYet: next ? null : (details.missing.find((run) => run.from > episode.number) ?? null),
  };
}

export async function loadFeed(request: Request, dramaId: string, requested: string | null) {
  const userId = await requireUserId(request);
  if (requested !== null && requested.length > MAX_EPISODE_PARAM) throw new Response(null, { status: 400 });
  const locale = await requestLocale(request);
  const drama = await requireDrama(dramaId, locale);
  const [episodes, rows, preferences, captionStyle] = await Promise.all([
    catalogPage(() => getCatalog(locale).getEpisodes(drama.id), { dramaId: drama.id }),
    getDramaProgress(userId, drama.id),
    getPreferences(request),
    // The account's caption style, read with the session (requireUserId above): no query of its own.
    getSessionViewer(request).then((viewer) => captionStyleOf(viewer, request)),
  ]);
  const start = feedStart(episodes, requested || null, rows);
  if (start.kind === "unknown") throw new Response("Episode not found", { status: 404 });
  let item: FeedItem | null = null;
  if (start.kind === "episode") {
    const episode = episodes[start.index];
    item = feedItem(drama, episodes, start.index, {
      start: resumePosition(rows.find((row) => row.episodeId === episode.id)),
      captions: captionsFor(
        preferences,
        locale,
        episode.subtitles.map((subtitle) => subtitle.lang),
      ),
      missing: availability(
        drama.episodeCount,
        episodes.map((e) => e.number),
      ).missing,
    });
  }
  return {
    drama: { id: drama.id, title: drama.title },
    item,
    dataSaver: dataSaverFor(preferences, request),
    autoplay: preferences.autoplay,
    viewer: viewerKey(userId),
    // The viewer's caption style for the native player's cues (app/root.tsx puts it in <head>; "" = as authored).
    headStyle: cueCss(captionStyle),
  };
}
