/**
 * Playback preferences (captions language, autoplay next episode, data
 * saver, audio description) in a long-lived signed cookie, so the server renders the right
 * defaults for every viewer, signed in or not, with or without JavaScript.
 *
 * Captions are stored only once the viewer has chosen (the player's menu or
 * `c`, the settings form); until then they follow the viewer's language
 * (`captionsFor`), so an Indonesian viewer starts with Indonesian captions.
 *
 * A visitor's caption style (/settings/captions) is kept here too, as its
 * overrides only; a signed-in viewer's is on the account (app/utils/caption-style.server.ts).
 */
import { createCookie } from "@remix-run/node";
import { z } from "zod";
import type { Locale } from "~/i18n";
import { DESCRIPTION_MODES, DESCRIPTION_RATES } from "~/lib/descriptions";
import type { CaptionStyle } from "~/lib/caption-style";
import { captionOverrides, isAsAuthored } from "~/lib/caption-style";
import { readStoredCaptionStyle } from "~/lib/caption-style-schema";
import { getEnv } from "~/utils/env.server";

export const CAPTION_CHOICES = ["en", "id", "off"] as const;
export type CaptionsChoice = (typeof CAPTION_CHOICES)[number];

/** A voice is named by the viewer's own device; kept only as a bounded, printable name. */
const VoiceName = z
  .string()
  .max(100)
  .regex(/^[^\p{Cc}]*$/u);

export const PreferencesSchema = z.object({
  /** Absent: the viewer has not chosen (see captionsFor). */
  captions: z.enum(CAPTION_CHOICES).optional().catch(undefined),
  autoplay: z.boolean().catch(true),
  /** Absent: the viewer has not chosen; the browser's `Save-Data` decides (see dataSaverFor). */
  dataSaver: z.boolean().optional().catch(undefined),
  description: z.enum(DESCRIPTION_MODES).catch("off"),
  /** Extended description: the video pauses while a description is read. */
  extendedDescription: z.boolean().catch(false),
  descriptionRate: z.enum(DESCRIPTION_RATES).catch("1"),
  /** "" = the device's default voice for the language. */
  descriptionVoice: VoiceName.catch(""),
  /** Each caption also goes to the screen reader (a polite live region); off by default. */
  readCaptions: z.boolean().catch(false),
  /** Absent: as authored. Read leniently (a value no longer offered reads as "authored"). */
  captionStyle: z
    .unknown()
    .transform((value) => readStoredCaptionStyle(value) ?? undefined)
    .optional(),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

export const DEFAULT_PREFERENCES: Preferences = {
  captions: undefined,
  autoplay: true,
  dataSaver: undefined,
  description: "off",
  extendedDescription: false,
  descriptionRate: "1",
  descriptionVoice: "",
  readCaptions: false,
  captionStyle: undefined,
};

const Switch = z
  .enum(["1", "0"])
  .transform((value) => value === "1")
  .optional();

/**
 * The captions a page starts with: the viewer's choice; else the track in the
 * viewer's language; else (an episode without one) the first track the
 * preferences can name; else off. `available` is the episode's track languages.
 */
export function captionsFor(
  preferences: Pick<Preferences, "captions">,
  locale: Locale,
  available: readonly string[],
): CaptionsChoice {
  if (preferences.captions) return preferences.captions;
  const choices: readonly CaptionsChoice[] = [locale, ...CAPTION_CHOICES];
  return choices.find((choice) => choice !== "off" && available.includes(choice)) ?? "off";
}

/**
 * Data saver: the viewer's choice; until they make one, on when the browser
 * asks for less data (`Save-Data: on`, sent by Chrome's Lite mode and data
 * saving browsers). A page that reads it says `Vary: Save-Data`.
 */
export function dataSaverFor(preferences: Pick<Preferences, "dataSaver">, request: Request): boolean {
  if (preferences.dataSaver !== undefined) return preferences.dataSaver;
  return request.headers.get("Save-Data")?.trim().toLowerCase() === "on";
}

/**
 * The language descriptions are read in: the captions' language when the
 * episode describes in it, else the viewer's, else the first it has ("" for none).
 */
export function descriptionLanguage(available: readonly string[], captions: CaptionsChoice, locale: Locale): string {
  return [captions, locale].find((lang) => lang !== "off" && available.includes(lang)) ?? available[0] ?? "";
}

/** A form's subset of preferences: "1"/"0" for the switches. */
export const PreferencesFormSchema = z.object({
  captions: z.enum(CAPTION_CHOICES).optional(),
  autoplay: Switch,
  dataSaver: Switch,
  description: z.enum(DESCRIPTION_MODES).optional(),
  extendedDescription: Switch,
  descriptionRate: z.enum(DESCRIPTION_RATES).optional(),
  descriptionVoice: VoiceName.optional(),
  readCaptions: Switch,
});

/** The preferences after a form post: each field sent replaces the current one, the others stay. */
export function withChanges(current: Preferences, change: z.infer<typeof PreferencesFormSchema>): Preferences {
  const sent = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
  return PreferencesSchema.parse({ ...current, ...sent });
}

let cookie: ReturnType<typeof createCookie> | undefined;

function preferencesCookie() {
  cookie ??= createCookie("dracin_prefs", {
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().NODE_ENV === "production",
    path: "/",
    maxAge: 365 * 24 * 60 * 60,
    secrets: [getEnv().SESSION_SECRET],
  });
  return cookie;
}

export async function getPreferences(request: Request): Promise<Preferences> {
  const value: unknown = await preferencesCookie().parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return DEFAULT_PREFERENCES;
  return PreferencesSchema.parse({ ...DEFAULT_PREFERENCES, ...value });
}

export async function serializePreferences(preferences: Preferences): Promise<string> {
  // An unchosen captions field stays out of the cookie, so it keeps following the viewer's language, and an
  // unchosen data saver the browser's Save-Data; a caption style is kept as its overrides, and not at all when
  // it is as authored.
  const { captions, dataSaver, captionStyle, ...rest } = preferences;
  return preferencesCookie().serialize({
    ...rest,
    ...(captions === undefined ? {} : { captions }),
    ...(dataSaver === undefined ? {} : { dataSaver }),
    ...(captionStyle && !isAsAuthored(captionStyle) ? { captionStyle: captionOverrides(captionStyle) } : {}),
  });
}

/** The preferences with another caption style (undefined or as authored: none). */
export function withCaptionStyle(preferences: Preferences, style: CaptionStyle | undefined): Preferences {
  return { ...preferences, captionStyle: style && !isAsAuthored(style) ? style : undefined };
}
