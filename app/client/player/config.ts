/**
 * What the server tells the player, read defensively from the <video>'s data
 * attributes: a missing or malformed attribute falls back to a safe default
 * (the page must still play).
 */
import { DESCRIPTION_MODES, DESCRIPTION_RATES, type DescriptionMode } from "~/lib/descriptions";
import { parseRenditions, type Rendition } from "~/lib/quality";
import type { DescriptionSettings } from "./descriptions";

export type CaptionsChoice = "en" | "id" | "off" | (string & {});

export interface PlayerConfig {
  episodeId: string;
  dramaId: string;
  hls: string;
  mp4: string;
  renditions: Rendition[];
  /** Resume position in seconds; 0 = from the start. */
  start: number;
  /** Catalog duration in seconds (0 when unknown). */
  duration: number;
  saveUrl: string;
  prefsUrl: string;
  /** The caption style settings page (/settings/captions?returnTo=…); empty when the server gives none. */
  captionStyleUrl: string;
  /** Empty on the last episode. */
  nextUrl: string;
  nextNumber: string;
  nextTitle: string;
  autoplay: boolean;
  dataSaver: boolean;
  /** The viewer's captions preference, or null when the server did not say. */
  captions: CaptionsChoice | null;
  /** Scopes the offline save queue to one viewer, when the server gives a key. */
  viewer: string;
  descriptions: DescriptionSettings;
  /** The picture's shape, from the catalog: video.js sizes the player by it before the video's metadata arrives. */
  orientation: "landscape" | "portrait";
}

type Dataset = Record<string, string | undefined>;

function number(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === "1" || value === "true") return true;
  if (value === "0" || value === "false") return false;
  return fallback;
}

function text(value: string | undefined, fallback = ""): string {
  return typeof value === "string" ? value.trim() : fallback;
}

function oneOf(values: readonly string[], value: string | undefined, fallback: string): string {
  const given = text(value);
  return values.includes(given) ? given : fallback;
}

/** Only same-origin paths are followed (never `//host` or `javascript:`). */
function localPath(value: string | undefined, fallback = ""): string {
  const path = text(value);
  return path.startsWith("/") && !path.startsWith("//") ? path : fallback;
}

export function readConfig(data: Dataset): PlayerConfig {
  const mp4 = text(data.mp4);
  const renditions = parseRenditions(data.renditions, mp4 || undefined);
  const captions = text(data.captions);
  return {
    episodeId: text(data.episodeId),
    dramaId: text(data.dramaId),
    hls: text(data.hls),
    mp4: mp4 || renditions[0]?.src || "",
    renditions,
    start: number(data.start, 0),
    duration: number(data.duration, 0),
    saveUrl: localPath(data.saveUrl, "/resources/progress"),
    prefsUrl: localPath(data.prefsUrl, "/resources/preferences"),
    captionStyleUrl: localPath(data.captionStyleUrl),
    nextUrl: localPath(data.nextUrl),
    nextNumber: text(data.nextNumber),
    nextTitle: text(data.nextTitle),
    autoplay: flag(data.autoplay, true),
    dataSaver: flag(data.dataSaver, false),
    captions: /^[a-z]{2,3}(-[A-Za-z0-9]+)?$|^off$/.test(captions) ? captions : null,
    viewer: text(data.viewer),
    descriptions: {
      mode: oneOf(DESCRIPTION_MODES, data.description, "off") as DescriptionMode,
      lang: /^[a-z]{2,3}(-[A-Za-z0-9]+)?$/.test(text(data.descriptionLang)) ? text(data.descriptionLang) : "",
      extended: flag(data.extendedDescription, false),
      rate: Number(oneOf(DESCRIPTION_RATES, data.descriptionRate, "1")),
      voice: text(data.descriptionVoice).slice(0, 100),
      readCaptions: flag(data.readCaptions, false),
    },
    orientation: text(data.orientation) === "portrait" ? "portrait" : "landscape",
  };
}
