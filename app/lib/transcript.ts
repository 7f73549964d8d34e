/**
 * An episode's transcript (pure: the watch page builds it, the player script
 * filters it): its caption cues and, for an audio-described episode, its
 * description cues, in one time-ordered list of lines; and the search within
 * it, case- and accent-insensitive like the catalog's search (the same `normalise`),
 * which says which lines match and where, so the page can mark the words.
 */
import { NOT_WORD, normalise } from "./normalise";
import type { VttCue } from "./webvtt";

export type TranscriptLineKind = "caption" | "description";

export interface TranscriptLine {
  kind: TranscriptLineKind;
  /** Seconds. */
  start: number;
  end: number;
  /** Plain text on one line (a cue's line breaks become spaces). */
  text: string;
  speaker: string | null;
}

/** Longest search text taken from the URL or the search box. */
export const MAX_QUERY_LENGTH = 100;
/** Words of a search that count (like the catalog search). */
const MAX_TERMS = 8;

function line(kind: TranscriptLineKind, cue: VttCue): TranscriptLine {
  return { kind, start: cue.start, end: cue.end, text: cue.text.replace(/\s+/g, " ").trim(), speaker: cue.speaker };
}

/**
 * Captions and descriptions interleaved by start time. A description that starts
 * with a caption comes first (what is seen, then what is said); otherwise each
 * list keeps its own order.
 */
export function buildTranscript(captions: readonly VttCue[], descriptions: readonly VttCue[] = []): TranscriptLine[] {
  const lines = [
    ...descriptions.map((cue) => line("description", cue)),
    ...captions.map((cue) => line("caption", cue)),
  ];
  return lines
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.start - b.entry.start || a.index - b.index)
    .map(({ entry }) => entry);
}

/** The search's words, normalised; none for a blank search. */
export function searchTerms(q: string): string[] {
  const terms = normalise(q.slice(0, MAX_QUERY_LENGTH))
    .split(NOT_WORD)
    .filter((term) => term.length > 0);
  return [...new Set(terms)].slice(0, MAX_TERMS);
}

/** A piece of a line's text, marked when it is part of a match. */
export interface TextPart {
  text: string;
  mark: boolean;
}

/**
 * The text's parts with every occurrence of every term marked, or null when
 * some term does not occur (the line does not match). No terms: one unmarked part.
 */
export function matchText(text: string, terms: readonly string[]): TextPart[] | null {
  if (terms.length === 0) return [{ text, mark: false }];
  // The normalised text, and for each of its characters where it came from in `text`.
  let folded = "";
  const from: number[] = [];
  const chars = Array.from(text);
  chars.forEach((char, index) => {
    const n = normalise(char);
    folded += n;
    for (let i = 0; i < n.length; i += 1) from.push(index);
  });

  const marked = new Array<boolean>(chars.length).fill(false);
  for (const term of terms) {
    let at = folded.indexOf(term);
    if (at < 0) return null;
    while (at >= 0) {
      const first = from[at];
      let last = from[at + term.length - 1];
      // Accents dropped by normalise belong to the letter before them.
      while (last + 1 < chars.length && normalise(chars[last + 1]) === "") last += 1;
      for (let i = first; i <= last; i += 1) marked[i] = true;
      at = folded.indexOf(term, at + term.length);
    }
  }

  const parts: TextPart[] = [];
  for (let i = 0; i < chars.length; i += 1) {
    const previous = parts[parts.length - 1];
    if (previous && previous.mark === marked[i]) previous.text += chars[i];
    else parts.push({ text: chars[i], mark: marked[i] });
  }
  return parts;
}

export interface SearchedLine extends TranscriptLine {
  /** Index in the whole transcript (stable ids for links and the player). */
  index: number;
  parts: TextPart[];
  /** The speaker's name split the same way (a search may match it too). */
  speakerParts: TextPart[] | null;
}

/**
 * The lines a search keeps: every term must occur in the line's text or its
 * speaker's name. A blank search keeps every line.
 */
export function searchTranscript(lines: readonly TranscriptLine[], q: string): SearchedLine[] {
  const terms = searchTerms(q);
  const kept: SearchedLine[] = [];
  lines.forEach((entry, index) => {
    const whole = `${entry.speaker ?? ""}\n${entry.text}`;
    if (terms.length > 0 && matchText(whole, terms) === null) return;
    const mark = (text: string) =>
      matchText(
        text,
        terms.filter((term) => normalise(text).includes(term)),
      ) ?? [];
    kept.push({
      ...entry,
      index,
      parts: mark(entry.text),
      speakerParts: entry.speaker === null ? null : mark(entry.speaker),
    });
  });
  return kept;
}
