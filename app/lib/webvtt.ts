/**
 * A small WebVTT reader for the transcript (pure: server and browser alike).
 * It keeps what a reader needs from each cue, its time span, its speaker
 * (`<v Name>`) and its words as plain text, and nothing that styles or places
 * it: cue settings, STYLE and REGION blocks, class and language spans, inline
 * timestamps. The text it returns is never HTML; entities are decoded.
 *
 * It is lenient where the file is: a cue it cannot read (a bad timestamp, no
 * timing line, an end before its start) is skipped and the rest of the file
 * still counts. Only a file that is not WebVTT at all (no `WEBVTT` header) or
 * that is too large is refused, with a WebVttError.
 */

export interface VttCue {
  /** Seconds. */
  start: number;
  /** Seconds, never before `start`. */
  end: number;
  /** Plain text; lines of a multi-line cue are joined with "\n". */
  text: string;
  /** The first voice's name (`<v Roger>`), or null. */
  speaker: string | null;
}

export interface WebVttLimits {
  /** Longest input accepted, in UTF-16 code units. Default 512 KiB. */
  maxChars?: number;
  /** Cues kept at most (the first ones in the file). Default 5000. */
  maxCues?: number;
}

export const DEFAULT_MAX_CHARS = 512 * 1024;
export const DEFAULT_MAX_CUES = 5000;

export class WebVttError extends Error {
  constructor(readonly reason: "not-webvtt" | "too-large") {
    super(reason === "too-large" ? "the WebVTT file is too large" : "the file is not WebVTT");
    this.name = "WebVttError";
  }
}

const TIMESTAMP = /^(?:(\d{1,}):)?(\d{2}):(\d{2})\.(\d{3})$/;

/** "01:02.500" or "1:01:02.500" → seconds; null when malformed. */
export function parseTimestamp(value: string): number | null {
  const match = TIMESTAMP.exec(value);
  if (!match) return null;
  const hours = match[1] === undefined ? 0 : Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = Number(match[3]);
  if (minutes > 59 || seconds > 59) return null;
  return hours * 3600 + minutes * 60 + seconds + Number(match[4]) / 1000;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00A0",
  lrm: "\u200E",
  rlm: "\u200F",
};

function codePoint(value: number): string {
  const valid = Number.isInteger(value) && value > 0 && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff);
  return valid ? String.fromCodePoint(value) : "\uFFFD";
}

/** Decodes the character references of cue text; an unknown one stays as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,8});/g, (whole, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X")) return codePoint(parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return codePoint(parseInt(name.slice(1), 10));
    return NAMED_ENTITIES[name] ?? whole;
  });
}

/**
 * Cue text → plain text and the first speaker. Tags are dropped and their text
 * kept; ruby text (`<rt>`) follows its base in parentheses; a second, different
 * voice in the same cue is written "Name: " before its words.
 */
export function cueText(raw: string): { text: string; speaker: string | null } {
  let speaker: string | null = null;
  let out = "";
  let inRubyText = false;
  // Text runs and tags; a "<" that is never closed swallows the rest, as browsers read it.
  const tokens = raw.match(/<[^>]*(?:>|$)|[^<]+/g) ?? [];
  for (const token of tokens) {
    if (!token.startsWith("<")) {
      out += decodeEntities(token);
      continue;
    }
    const body = token.replace(/^<|>$/g, "");
    if (body.startsWith("/")) {
      if (/^\/rt\b/.test(body) && inRubyText) {
        inRubyText = false;
        out += ")";
      }
      continue;
    }
    const [, name = "", annotation = ""] = /^([^\s.]*)(?:\.[^\s]*)?(?:\s+([\s\S]*))?$/.exec(body) ?? [];
    if (name === "v") {
      const voice = decodeEntities(annotation).replace(/\s+/g, " ").trim();
      if (!voice) continue;
      if (speaker === null) speaker = voice;
      else if (voice !== speaker) out += `${out && !/\s$/.test(out) ? " " : ""}${voice}: `;
    } else if (name === "rt" && !inRubyText) {
      inRubyText = true;
      out += "(";
    }
    // <c>, <i>, <b>, <u>, <lang>, <ruby>, timestamps and unknown tags: only their text counts.
  }
  if (inRubyText) out += ")";
  const text = out
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join("\n");
  return { text, speaker };
}

/** A block's first word that makes it something other than a cue. */
function isMetadataBlock(firstLine: string): boolean {
  return /^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(firstLine);
}

function readCue(lines: string[]): VttCue | null {
  const timingIndex = lines[0].includes("-->") ? 0 : lines.length > 1 && lines[1].includes("-->") ? 1 : -1;
  if (timingIndex < 0) return null;
  // "start --> end [settings]": the settings (position, align, ...) only place the cue; ignored.
  const timing = /^\s*(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t].*)?$/.exec(lines[timingIndex]);
  if (!timing) return null;
  const start = parseTimestamp(timing[1]);
  const end = parseTimestamp(timing[2]);
  if (start === null || end === null || end < start) return null;
  const textLines: string[] = [];
  for (const line of lines.slice(timingIndex + 1)) {
    // A second timing line means the blank line between two cues is missing: the text stops there.
    if (line.includes("-->")) break;
    textLines.push(line);
  }
  const { text, speaker } = cueText(textLines.join("\n"));
  if (!text) return null;
  return { start, end, text, speaker };
}

/**
 * The cues of a WebVTT file, sorted by start time (cues that start together keep
 * the file's order). Throws WebVttError for a file without the `WEBVTT` header
 * or one longer than `maxChars`.
 */
export function parseWebVtt(input: string, limits: WebVttLimits = {}): VttCue[] {
  const maxChars = limits.maxChars ?? DEFAULT_MAX_CHARS;
  const maxCues = limits.maxCues ?? DEFAULT_MAX_CUES;
  if (input.length > maxChars) throw new WebVttError("too-large");
  const lines = input.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t]|$)/.test(lines[0] ?? "")) throw new WebVttError("not-webvtt");

  const cues: VttCue[] = [];
  let block: string[] = [];
  let inHeader = true;
  const finish = () => {
    if (block.length > 0 && !inHeader && !isMetadataBlock(block[0]) && cues.length < maxCues) {
      const cue = readCue(block);
      if (cue) cues.push(cue);
    }
    block = [];
  };
  for (const line of lines) {
    if (line.trim() === "") {
      // The header (WEBVTT and any lines right under it) ends at the first blank line.
      if (inHeader) inHeader = false;
      else finish();
      continue;
    }
    if (inHeader) continue;
    block.push(line);
  }
  finish();
  return cues
    .map((cue, index) => ({ cue, index }))
    .sort((a, b) => a.cue.start - b.cue.start || a.index - b.index)
    .map(({ cue }) => cue);
}
