/**
 * The watch page's transcript: which language it is in (`?transcript=`, else
 * the viewer's captions, else their language), its lines (the caption track
 * and, for an audio-described episode, the description track of that
 * language), and the search within it (`?q=`). Query values are checked
 * here; an unknown or malformed one is ignored, never an error.
 */
import { MAX_QUERY_LENGTH, buildTranscript, searchTranscript, type SearchedLine } from "~/lib/transcript";
import { trackCues } from "./track-text.server";
import type { Episode, Locale } from "./types";

export interface TranscriptData {
  /** The transcript's language (a caption language of the episode), or null when it has none. */
  lang: string | null;
  /** Every caption language of the episode (the language links). */
  languages: string[];
  /** Whether `?transcript=` chose the language (links then keep it). */
  chosen: boolean;
  /** The search as given (trimmed, bounded); "" for none. */
  q: string;
  /** The lines the search keeps (all without a search); null when the captions could not be read. */
  lines: SearchedLine[] | null;
  /** Lines of the whole transcript. */
  total: number;
  /** The episode has descriptions in this language, but they could not be read. */
  descriptionsUnavailable: boolean;
}

/** `?q=`: trimmed and cut to MAX_QUERY_LENGTH; anything else is no search. */
export function transcriptQuery(value: string | null): string {
  if (typeof value !== "string") return "";
  return value.replace(/\s+/g, " ").trim().slice(0, MAX_QUERY_LENGTH);
}

/** `?t=`: whole seconds from 0 to the episode's duration, else null (ignored). */
export function startParameter(value: string | null, duration: number): number | null {
  if (value === null || !/^\d{1,7}$/.test(value)) return null;
  const seconds = Number(value);
  return seconds <= duration ? seconds : null;
}

/**
 * The transcript's language: `requested` when the episode has captions in it;
 * else the viewer's captions choice; when that is "off" (or missing here), the
 * viewer's language; else the episode's first caption language.
 */
export function transcriptLanguage(
  requested: string | null,
  captions: string,
  locale: Locale,
  available: readonly string[],
): { lang: string | null; chosen: boolean } {
  if (requested !== null && available.includes(requested)) return { lang: requested, chosen: true };
  const fallback = [captions, locale].find((lang) => available.includes(lang)) ?? available[0] ?? null;
  return { lang: fallback, chosen: false };
}

export async function loadTranscript(
  episode: Pick<Episode, "subtitles" | "descriptions">,
  options: { requested: string | null; captions: string; locale: Locale; q: string },
): Promise<TranscriptData> {
  const languages = [...new Set(episode.subtitles.map((track) => track.lang))];
  const { lang, chosen } = transcriptLanguage(options.requested, options.captions, options.locale, languages);
  const empty = { lang, languages, chosen, q: options.q, descriptionsUnavailable: false };
  if (lang === null) return { ...empty, lines: [], total: 0 };
  const captionTrack = episode.subtitles.find((track) => track.lang === lang);
  const descriptionTrack = episode.descriptions.find((track) => track.lang === lang);
  const [captions, descriptions] = await Promise.all([
    captionTrack ? trackCues(captionTrack.src) : Promise.resolve(null),
    descriptionTrack ? trackCues(descriptionTrack.src) : Promise.resolve([]),
  ]);
  if (captions === null) return { ...empty, lines: null, total: 0 };
  const all = buildTranscript(captions, descriptions ?? []);
  return {
    ...empty,
    lines: searchTranscript(all, options.q),
    total: all.length,
    descriptionsUnavailable: descriptions === null,
  };
}
