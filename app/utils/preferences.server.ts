/**
 * Playback preferences (captions language, autoplay next episode, data
 * saver) in a long-lived signed cookie, so the server renders the right
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
import type { CaptionStyle } from "~/lib/caption-style";
import { captionOverrides, isAsAuthored } from "~/lib/caption-style";
import { readStoredCaptionStyle } from "~/lib/caption-style-schema";
import { getEnv } from "~/utils/env.server";

export const CAPTION_CHOICES = ["en", "id", "off"] as const;
export type CaptionsChoice = (typeof CAPTION_CHOICES)[number];

export const PreferencesSchema = z.object({
  /** Absent: the viewer has not chosen (see captionsFor). */
  captions: z.enum(CAPTION_CHOICES).optional().catch(undefined),
  autoplay: z.boolean().catch(true),
  dataSaver: z.boolean().catch(false),
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
  dataSaver: false,
  captionStyle: undefined,
};

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

/** A form's subset of preferences: "1"/"0" for the switches. */
export const PreferencesFormSchema = z.object({
  captions: z.enum(CAPTION_CHOICES).optional(),
  autoplay: z
    .enum(["1", "0"])
    .transform((value) => value === "1")
    .optional(),
  dataSaver: z
    .enum(["1", "0"])
    .transform((value) => value === "1")
    .optional(),
});

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
  // An unchosen captions field stays out of the cookie, so it keeps following the viewer's language;
  // a caption style is kept as its overrides, and not at all when it is as authored.
  const { captions, captionStyle, ...rest } = preferences;
  return preferencesCookie().serialize({
    ...rest,
    ...(captions === undefined ? {} : { captions }),
    ...(captionStyle && !isAsAuthored(captionStyle) ? { captionStyle: captionOverrides(captionStyle) } : {}),
  });
}

/** The preferences with another caption style (undefined or as authored: none). */
export function withCaptionStyle(preferences: Preferences, style: CaptionStyle | undefined): Preferences {
  return { ...preferences, captionStyle: style && !isAsAuthored(style) ? style : undefined };
}
