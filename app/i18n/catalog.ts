/**
 * The languages the site speaks. Each has a message catalog
 * (app/i18n/<lang>/index.ts) with exactly the English catalog's keys, and the
 * BCP 47 tag that Intl formats its numbers, dates and plurals with. Adding a
 * language is a new catalog folder and one line here (docs/i18n.md).
 */
import { en } from "./en";
import { id } from "./id";

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

export const LOCALES = {
  en: { messages: en, intl: "en-GB" },
  id: { messages: id, intl: "id-ID" },
} as const satisfies Record<string, { messages: Messages; intl: string }>;

export type Locale = keyof typeof LOCALES;

/** Every supported locale, in the order the language switch lists them. */
export const LOCALE_CODES = Object.keys(LOCALES) as Locale[];

/** The catalog a missing message falls back to (never reached while the catalogs test passes). */
export const REFERENCE_LOCALE: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && Object.hasOwn(LOCALES, value);
}

/** The tag Intl formats with for a locale ("id" → "id-ID"). */
export function intlTag(locale: Locale): string {
  return LOCALES[locale].intl;
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value);
}
