/**
 * What a drama's episodes carry, for honest badges and filters: a language
 * counts only when every episode has that track, so a drama with one episode
 * lacking Indonesian captions never claims them.
 */
import type { DramaTracks, Episode } from "./types";

function everyEpisodeHas(episodes: readonly Episode[], tracksOf: (episode: Episode) => { lang: string }[]): string[] {
  const [first, ...rest] = episodes;
  if (!first) return [];
  return [...new Set(tracksOf(first).map((track) => track.lang))].filter((lang) =>
    rest.every((episode) => tracksOf(episode).some((track) => track.lang === lang)),
  );
}

export function dramaTracks(episodes: readonly Episode[]): DramaTracks {
  return {
    subtitles: everyEpisodeHas(episodes, (episode) => episode.subtitles),
    descriptions: everyEpisodeHas(episodes, (episode) => episode.descriptions),
  };
}

/** The languages both claim: what a drama page may say when it knows the episodes as well as the catalog's summary. */
export function confirmedTracks(claimed: DramaTracks, episodes: readonly Episode[]): DramaTracks {
  const carried = dramaTracks(episodes);
  return {
    subtitles: claimed.subtitles.filter((lang) => carried.subtitles.includes(lang)),
    descriptions: claimed.descriptions.filter((lang) => carried.descriptions.includes(lang)),
  };
}
