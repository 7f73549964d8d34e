/**
 * User-facing text. One message catalog per language (app/i18n/<lang>.ts);
 * components read it through useT(), server code through translator().
 * Messages may hold {placeholders}.
 */
import { createContext, useContext, type ReactNode } from "react";
import { en } from "./en";

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

export const LOCALES = { en } satisfies Record<string, Messages>;
export type Locale = keyof typeof LOCALES;
export const DEFAULT_LOCALE: Locale = "en";

/** Identity at runtime; makes a message key checked by the compiler (for zod messages). */
export function msg(key: MessageKey): MessageKey {
  return key;
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value);
}

/** One plural rule set per locale: building one costs more than the message it picks a form for. */
const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralRulesFor(locale: Locale): Intl.PluralRules {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

export function translator(locale: Locale = DEFAULT_LOCALE): Translate {
  const messages: Messages = LOCALES[locale];
  return (key, vars) => {
    let template: string = messages[key] ?? en[key] ?? key;
    if (!vars) return template;
    if (typeof vars.count === "number" && template.includes("|")) {
      const forms = template.split("|");
      const form = pluralRulesFor(locale).select(vars.count) === "one" ? 0 : 1;
      template = forms[Math.min(form, forms.length - 1)];
    }
    return template.replace(/\{(\w+)\}/g, (match, name: string) =>
      Object.hasOwn(vars, name) ? String(vars[name]) : match,
    );
  };
}

const I18nContext = createContext<{ locale: Locale; t: Translate }>({
  locale: DEFAULT_LOCALE,
  t: translator(DEFAULT_LOCALE),
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
