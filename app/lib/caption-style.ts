/**
 * Caption appearance (the FCC 47 CFR 79.103(c) set): text size, font, text
 * colour and opacity, background colour and opacity, window colour and
 * opacity, character edge. Every setting is a closed list whose first value,
 * "authored", means "no override": a style of nothing but "authored" is the
 * default and produces no CSS at all.
 *
 * Pure and free of zod, so the settings page's preview script can bundle it
 * (zod would add ~450 KB to a page whose script budget is 2 KB); the schemas
 * that parse forms and stored values are in caption-style-schema.ts.
 *
 * The CSS is built only from the constant tables below, looked up by the
 * enum values: nothing the viewer sends is ever copied into it, so it cannot
 * break out of its rule, and its size is bounded (captionCssMaxLength).
 */

export const AUTHORED = "authored";

export const CAPTION_SIZES = [AUTHORED, "small", "standard", "large", "x-large"] as const;
export const CAPTION_FONTS = [AUTHORED, "sans", "readable", "serif", "mono", "casual", "small-caps"] as const;
export const CAPTION_COLOURS = [
  AUTHORED,
  "white",
  "yellow",
  "green",
  "cyan",
  "blue",
  "magenta",
  "red",
  "black",
] as const;
export const CAPTION_OPACITIES = [AUTHORED, "0", "25", "50", "75", "100"] as const;
export const CAPTION_EDGES = [AUTHORED, "none", "raised", "depressed", "uniform", "drop-shadow"] as const;

export type CaptionSize = (typeof CAPTION_SIZES)[number];
export type CaptionFont = (typeof CAPTION_FONTS)[number];
export type CaptionColour = (typeof CAPTION_COLOURS)[number];
export type CaptionOpacity = (typeof CAPTION_OPACITIES)[number];
export type CaptionEdge = (typeof CAPTION_EDGES)[number];

export interface CaptionStyle {
  size: CaptionSize;
  font: CaptionFont;
  textColour: CaptionColour;
  textOpacity: CaptionOpacity;
  backgroundColour: CaptionColour;
  backgroundOpacity: CaptionOpacity;
  windowColour: CaptionColour;
  windowOpacity: CaptionOpacity;
  edge: CaptionEdge;
}

export type CaptionSetting = keyof CaptionStyle;

/** Each setting and the values it may take, in the order the settings page lists them. */
export const CAPTION_SETTINGS = {
  size: CAPTION_SIZES,
  font: CAPTION_FONTS,
  textColour: CAPTION_COLOURS,
  textOpacity: CAPTION_OPACITIES,
  backgroundColour: CAPTION_COLOURS,
  backgroundOpacity: CAPTION_OPACITIES,
  windowColour: CAPTION_COLOURS,
  windowOpacity: CAPTION_OPACITIES,
  edge: CAPTION_EDGES,
} as const satisfies { [K in CaptionSetting]: readonly CaptionStyle[K][] };

/** The default: every setting as the caption file and the player draw it. */
export const AS_AUTHORED: Readonly<CaptionStyle> = {
  size: AUTHORED,
  font: AUTHORED,
  textColour: AUTHORED,
  textOpacity: AUTHORED,
  backgroundColour: AUTHORED,
  backgroundOpacity: AUTHORED,
  windowColour: AUTHORED,
  windowOpacity: AUTHORED,
  edge: AUTHORED,
};

export function isAsAuthored(style: CaptionStyle): boolean {
  return (Object.keys(CAPTION_SETTINGS) as CaptionSetting[]).every((setting) => style[setting] === AUTHORED);
}

/** The settings that differ from "authored" (what is stored: a default setting takes no room). */
export function captionOverrides(style: CaptionStyle): Partial<CaptionStyle> {
  const overrides: Partial<Record<CaptionSetting, string>> = {};
  for (const setting of Object.keys(CAPTION_SETTINGS) as CaptionSetting[]) {
    if (style[setting] !== AUTHORED) overrides[setting] = style[setting];
  }
  return overrides as Partial<CaptionStyle>;
}

/**
 * A value for each setting from anything (a stored object, a form's fields):
 * a value outside a setting's list counts as "authored". For values already
 * checked by the schema, and for the preview script (which has no zod).
 */
export function captionStyleFrom(value: unknown): CaptionStyle {
  const source = value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  const style: Record<string, string> = {};
  for (const [setting, values] of Object.entries(CAPTION_SETTINGS) as [CaptionSetting, readonly string[]][]) {
    const given = source[setting];
    style[setting] = typeof given === "string" && values.includes(given) ? given : AUTHORED;
  }
  return style as unknown as CaptionStyle;
}

type Concrete<T> = Exclude<T, typeof AUTHORED>;

const SIZES: Record<Concrete<CaptionSize>, string> = {
  small: "75%",
  standard: "100%",
  large: "150%",
  "x-large": "200%",
};

/**
 * Font stacks of families that phones and computers already have, ending in a
 * generic family; no font is downloaded. "readable" is a wide, open
 * sans-serif made for reading on screens (Verdana, Tahoma; DejaVu Sans on
 * Linux), else the system's sans-serif. Chinese characters fall back to the
 * system's CJK font in every stack.
 */
const SANS = 'Roboto,"Noto Sans",Arial,sans-serif';
const FONTS: Record<Concrete<CaptionFont>, string> = {
  sans: SANS,
  readable: 'Verdana,Tahoma,"DejaVu Sans","Noto Sans",sans-serif',
  serif: 'Georgia,"Noto Serif","Times New Roman",serif',
  mono: '"Noto Sans Mono","DejaVu Sans Mono",Menlo,Consolas,monospace',
  casual: '"Comic Sans MS","Comic Neue",cursive',
  "small-caps": SANS,
};

const RGB: Record<Concrete<CaptionColour>, string> = {
  white: "255,255,255",
  yellow: "255,255,0",
  green: "0,255,0",
  cyan: "0,255,255",
  blue: "0,0,255",
  magenta: "255,0,255",
  red: "255,0,0",
  black: "0,0,0",
};

const ALPHA: Record<Concrete<CaptionOpacity>, string> = {
  "0": "0",
  "25": "0.25",
  "50": "0.5",
  "75": "0.75",
  "100": "1",
};

/** The edge styles video.js's own caption settings draw (the same shadows, so both players look alike). */
const EDGES: Record<Concrete<CaptionEdge>, string> = {
  none: "none",
  raised: "1px 1px #222,2px 2px #222,3px 3px #222",
  depressed: "1px 1px #ccc,0 1px #ccc,-1px -1px #222,0 -1px #222",
  uniform: "0 0 4px #222,0 0 4px #222,0 0 4px #222,0 0 4px #222",
  "drop-shadow": "2px 2px 3px #222,2px 2px 4px #222,2px 2px 5px #222",
};

/**
 * What a colour setting falls back to when only its colour or only its
 * opacity is chosen: the players' own defaults (white text; a black
 * background at 75 %, the list's nearest to the 80 % both players draw; no
 * window).
 */
const FALLBACK = {
  text: ["white", "100"],
  background: ["black", "75"],
  window: ["black", "0"],
} as const satisfies Record<string, readonly [Concrete<CaptionColour>, Concrete<CaptionOpacity>]>;

function lookup<K extends string>(table: Record<K, string>, key: string): string | null {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key as K] : null;
}

function rgba(colour: string, opacity: string, fallback: readonly [string, string]): string | null {
  if (colour === AUTHORED && opacity === AUTHORED) return null;
  const rgb = lookup(RGB, colour === AUTHORED ? fallback[0] : colour);
  const alpha = lookup(ALPHA, opacity === AUTHORED ? fallback[1] : opacity);
  return rgb === null || alpha === null ? null : `rgba(${rgb},${alpha})`;
}

/**
 * The declarations for each part of a caption: the text, the box right behind it, the window around the
 * lines; and `reflow`, for video.js's cue box when the text's size or font changes.
 */
export interface CaptionDeclarations {
  text: string[];
  background: string[];
  window: string[];
  /**
   * video.js's WebVTT renderer fixes each cue box's top and height for the authored text; larger or wider
   * text would spill out of the bottom (under the control bar). Freed, the box grows upwards from its
   * bottom, as video.js's own caption settings do it for a larger font.
   */
  reflow: string[];
}

export function captionDeclarations(style: CaptionStyle): CaptionDeclarations {
  const text: string[] = [];
  const size = lookup(SIZES, style.size);
  if (size) text.push(`font-size:${size}`);
  const font = lookup(FONTS, style.font);
  if (font) text.push(`font-family:${font}`, `font-variant:${style.font === "small-caps" ? "small-caps" : "normal"}`);
  const colour = rgba(style.textColour, style.textOpacity, FALLBACK.text);
  if (colour) text.push(`color:${colour}`);
  const edge = lookup(EDGES, style.edge);
  if (edge) text.push(`text-shadow:${edge}`);
  const background = rgba(style.backgroundColour, style.backgroundOpacity, FALLBACK.background);
  const window = rgba(style.windowColour, style.windowOpacity, FALLBACK.window);
  return {
    text,
    background: background ? [`background-color:${background}`] : [],
    window: window ? [`background-color:${window}`] : [],
    reflow: size || font ? ["height:auto", "top:auto"] : [],
  };
}

function rule(selector: string, declarations: readonly string[], important: boolean): string {
  if (declarations.length === 0) return "";
  const suffix = important ? "!important" : "";
  return `${selector}{${declarations.map((declaration) => `${declaration}${suffix}`).join(";")}}\n`;
}

/**
 * The CSS that applies a style to captions on /watch, "" for as authored.
 *
 * - `video::cue`: the text and its background in the browser's own player
 *   (no JavaScript); Chromium, Firefox and Safari apply it to native captions.
 * - `video::-webkit-media-text-track-display`: the window (the box around the
 *   lines) in Chromium's and Safari's native players. In a rule of its own, as
 *   an engine that does not know the pseudo-element drops the whole rule.
 * - `.vjs-text-track-cue` and the `div` inside it: video.js's caption display
 *   (JavaScript on), where the window and the text box carry inline styles from
 *   the WebVTT renderer, hence `!important` (the viewer's choice also beats a
 *   caption file's own STYLE blocks that way).
 */
export function cueCss(style: CaptionStyle): string {
  const { text, background, window, reflow } = captionDeclarations(style);
  const cue = [...text, ...background];
  return [
    rule("video::cue", cue, true),
    rule("video::-webkit-media-text-track-display", window, true),
    rule(".video-js .vjs-text-track-display .vjs-text-track-cue", [...window, ...reflow], true),
    rule(".video-js .vjs-text-track-display .vjs-text-track-cue > div", cue, true),
  ].join("");
}

/** The same style for the settings page's sample caption (`.caption-sample-window` around `.caption-sample-cue`). */
export function previewCss(style: CaptionStyle): string {
  const { text, background, window } = captionDeclarations(style);
  return [
    rule(".caption-sample-window", window, false),
    rule(".caption-sample-cue", [...text, ...background], false),
  ].join("");
}

/**
 * An upper bound on what cueCss returns (it is about 1 KB with every setting at its longest value; the unit
 * tests check every value of every setting against it).
 */
export const CAPTION_CSS_MAX_LENGTH = 2048;
