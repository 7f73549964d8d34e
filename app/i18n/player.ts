/**
 * What the watch page hands the player script in the viewer's language: the
 * `player.*` templates of the current catalog (filled in the browser by the
 * script's own `{name}` substitution, app/client/player/strings.ts), the
 * video.js dictionary for languages video.js does not ship, and language
 * names in their own language for caption lists.
 */
import { isLocale, LOCALES, type Locale } from "./catalog";
import { player } from "./en/player";
import { videojsId } from "./id/videojs";

export type PlayerMessageKey = keyof typeof player;
export type PlayerMessages = Record<PlayerMessageKey, string>;

export const PLAYER_MESSAGE_KEYS = Object.keys(player) as PlayerMessageKey[];

/** The `player.*` templates of one locale, unformatted (the script formats them). */
export function playerMessages(locale: Locale): PlayerMessages {
  const messages = LOCALES[locale].messages;
  const table = {} as PlayerMessages;
  for (const key of PLAYER_MESSAGE_KEYS) table[key] = messages[key];
  return table;
}

/**
 * video.js's labels for a locale, or null where video.js's built-in English
 * is the right text. Only languages listed here are sent to the browser.
 */
const VIDEOJS_DICTIONARIES: Partial<Record<Locale, Record<string, string>>> = { id: videojsId };

export function videojsDictionary(locale: Locale): Record<string, string> | null {
  return VIDEOJS_DICTIONARIES[locale] ?? null;
}

/**
 * A language's name in that language ("English", "Bahasa Indonesia"), for
 * lists where each entry carries its own `lang`: the site's own name for the
 * languages it speaks, Intl's for the rest, else the catalog's label.
 */
export function languageAutonym(lang: string, fallback = ""): string {
  if (isLocale(lang)) return LOCALES[lang].messages["locale.name"];
  try {
    const name = new Intl.DisplayNames([lang], { type: "language", fallback: "none" }).of(lang);
    if (name) return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
  } catch {
    // Not a language tag Intl knows: the catalog's label below.
  }
  return fallback || lang;
}
