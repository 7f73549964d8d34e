/**
 * Audio description settings and the rules the player follows when it reads
 * a description (pure: the server's preferences, the settings form and the
 * player script share them).
 */
import { cueText } from "./webvtt";

/** Off, read aloud by the browser's speech, or sent to the viewer's screen reader (a polite live region). */
export const DESCRIPTION_MODES = ["off", "speech", "screen-reader"] as const;
export type DescriptionMode = (typeof DESCRIPTION_MODES)[number];

/** The speaking rates offered (1 = the voice's normal rate). */
export const DESCRIPTION_RATES = ["0.75", "1", "1.25", "1.5", "2"] as const;

/** Words a minute a screen reader speaks at rate 1 (a common default is 180–200). */
const WORDS_PER_MINUTE = 180;

/**
 * How long to keep the video paused for a description sent to a screen
 * reader (extended description), which cannot say when it has finished: the
 * text's words at the viewer's rate, plus a moment to start, within bounds.
 */
export function readingTimeMs(text: string, rate: number): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  const safeRate = Number.isFinite(rate) && rate > 0 ? rate : 1;
  const ms = 600 + (words / (WORDS_PER_MINUTE * safeRate)) * 60_000;
  return Math.round(Math.min(Math.max(ms, 1_000), 20_000));
}

/** A cue's words as one line for speech or a live region: the parser's plain text, direction marks dropped. */
export function plainCueText(text: string): string {
  return cueText(text)
    .text.replace(/[\u200E\u200F]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
