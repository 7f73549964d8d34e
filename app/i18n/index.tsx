/**
 * User-facing text. Messages are ICU MessageFormat, one catalog per language
 * (app/i18n/catalog.ts); components read them through useT(), server code
 * through translator(locale). Every request's locale is decided once
 * (app/i18n/locale.server.ts) and reaches the page through <I18nProvider>.
 */
import { IntlMessageFormat } from "intl-messageformat";
import { createContext, useContext, type ReactNode } from "react";
import {
  intlTag,
  isMessageKey,
  LOCALES,
  REFERENCE_LOCALE,
  type Locale,
  type MessageKey,
  type Messages,
} from "./catalog";

export { isLocale, isMessageKey, LOCALE_CODES, LOCALES, type Locale, type MessageKey, type Messages } from "./catalog";

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** Identity at runtime; makes a message key checked by the compiler (for zod messages). */
export function msg(key: MessageKey): MessageKey {
  return key;
}

/** A message compiled once per locale: plain text stays a string, the rest an IntlMessageFormat. */
type Compiled = string | IntlMessageFormat;

/**
 * Text that MessageFormat would change (a placeholder, a quote, a plural's #
 * is only special inside braces) needs the parser; the rest is the message itself.
 */
const NEEDS_PARSER = /[{}']/;

export function compileMessage(message: string, locale: Locale): Compiled {
  if (!NEEDS_PARSER.test(message)) return message;
  // ignoreTag: "<" in a message is text, never markup (JSX builds markup).
  return new IntlMessageFormat(message, intlTag(locale), undefined, { ignoreTag: true });
}

const compiledByLocale = new Map<Locale, Map<MessageKey, Compiled>>();

function compiled(locale: Locale, key: MessageKey): Compiled {
  let table = compiledByLocale.get(locale);
  if (!table) compiledByLocale.set(locale, (table = new Map<MessageKey, Compiled>()));
  let entry = table.get(key);
  if (entry === undefined) {
    const messages: Messages = LOCALES[locale].messages;
    entry = compileMessage(messages[key] ?? LOCALES[REFERENCE_LOCALE].messages[key] ?? key, locale);
    table.set(key, entry);
  }
  return entry;
}

const translators = new Map<Locale, Translate>();

/** The messages of one locale (made once per locale and reused). */
export function translator(locale: Locale): Translate {
  let translate = translators.get(locale);
  if (!translate) {
    translate = (key, vars) => {
      const entry = compiled(locale, key);
      if (typeof entry === "string") return entry;
      try {
        return String(entry.format(vars));
      } catch {
        // A missing value: the message with its placeholders rather than no text at all.
        return entry.getAst().length > 0 ? String(LOCALES[locale].messages[key]) : "";
      }
    };
    translators.set(locale, translate);
  }
  return translate;
}

/** A message key from untrusted text (a stored flash key), or null. */
export function messageKeyOrNull(value: string | null | undefined): MessageKey | null {
  return value && isMessageKey(value) ? value : null;
}

const I18nContext = createContext<{ locale: Locale; t: Translate }>({
  locale: REFERENCE_LOCALE,
  t: translator(REFERENCE_LOCALE),
});

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <I18nContext.Provider value={{ locale, t: translator(locale) }}>{children}</I18nContext.Provider>;
}

export function useT(): Translate {
  return useContext(I18nContext).t;
}

export function useLocale(): Locale {
  return useContext(I18nContext).locale;
}
