/**
 * Which supported language a request asks for (pure: no request objects, so
 * the cache policy and the pages decide the same way). The order, first
 * match wins (docs/i18n.md):
 * 1. `?lang=` on the URL (the hreflang alternates; a shared link);
 * 2. the account's saved language (signed in), applied by the caller;
 * 3. the `dracin_lang` cookie the language switch sets;
 * 4. Accept-Language, by q-value;
 * 5. DEFAULT_LOCALE.
 */
import { isLocale, LOCALE_CODES, type Locale } from "./catalog";

export const LOCALE_COOKIE = "dracin_lang";
export const LOCALE_PARAM = "lang";

/** Old or alternative primary tags that mean a supported language ("in" is Indonesian's withdrawn ISO 639 code). */
const ALIASES: Record<string, Locale> = { in: "id" };

function localeOfTag(tag: string): Locale | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? "";
  if (isLocale(primary)) return primary;
  return ALIASES[primary] ?? null;
}

/**
 * The best supported locale for an Accept-Language header, or null when none
 * matches (or only `*` does). Tags are compared by their primary subtag
 * ("id-ID" → id, "en-US" → en); a q of 0 excludes that language; equal q
 * values keep the header's order; malformed entries are skipped.
 */
export function negotiateAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked: { locale: Locale; q: number; index: number }[] = [];
  const excluded = new Set<Locale>();
  header
    .slice(0, 1024)
    .split(",")
    .forEach((entry, index) => {
      const [tag = "", ...params] = entry.split(";");
      if (!/^\s*[A-Za-z]{1,8}([-_][A-Za-z0-9]{1,8})*\s*$/.test(tag)) return;
      let q = 1;
      for (const param of params) {
        if (!/^\s*q\s*=/i.test(param)) continue;
        // A q that is not a number ("q=-1", "q=abc") makes the entry malformed, not q=1.
        const match = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(param);
        q = match ? Number(match[1]) : Number.NaN;
      }
      if (!(q >= 0 && q <= 1)) return;
      const locale = localeOfTag(tag);
      if (!locale) return;
      if (q === 0) excluded.add(locale);
      else ranked.push({ locale, q, index });
    });
  ranked.sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.find((candidate) => !excluded.has(candidate.locale))?.locale ?? null;
}

/** A cookie's value by name from a Cookie header. */
export function cookieValue(cookieHeader: string | null | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const equals = part.indexOf("=");
    if (equals !== -1 && part.slice(0, equals).trim() === name) return part.slice(equals + 1).trim();
  }
  return null;
}

/** The locale a URL asks for with `?lang=`, or null. */
export function localeFromUrl(url: URL): Locale | null {
  const asked = url.searchParams.get(LOCALE_PARAM);
  return isLocale(asked) ? asked : null;
}

export interface LocaleInputs {
  url: URL;
  cookie: string | null | undefined;
  acceptLanguage: string | null | undefined;
  /** The signed-in viewer's saved language (null: none saved, or signed out). */
  account?: string | null;
}

/** The locale of a request, by the order above. */
export function chooseLocale(inputs: LocaleInputs, fallback: Locale): Locale {
  const fromCookie = cookieValue(inputs.cookie, LOCALE_COOKIE);
  return (
    localeFromUrl(inputs.url) ??
    (isLocale(inputs.account) ? inputs.account : null) ??
    (isLocale(fromCookie) ? fromCookie : null) ??
    negotiateAcceptLanguage(inputs.acceptLanguage) ??
    fallback
  );
}

export { LOCALE_CODES };
