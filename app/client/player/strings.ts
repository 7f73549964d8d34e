/**
 * The player's own words, in the page's language. The watch page puts the
 * current locale's `player.*` templates on the <video> (`data-strings`, from
 * app/i18n/player.ts), so the script ships no catalog and no MessageFormat:
 * the templates use simple `{name}` arguments only (a unit test holds every
 * locale to that), filled here. Numbers are formatted with Intl in the
 * page's language (`<html lang>`).
 */
import type { PlayerMessageKey, PlayerMessages } from "~/i18n/player";

export type StringKey = PlayerMessageKey;
export type StringVars = Record<string, string | number>;

let table: Partial<PlayerMessages> = {};

/** Takes the templates from the page (`data-strings` JSON); anything malformed is skipped. */
export function loadStrings(json: string | undefined): void {
  const loaded: Record<string, string> = {};
  try {
    const parsed: unknown = json ? JSON.parse(json) : null;
    if (parsed && typeof parsed === "object") {
      for (const [key, value] of Object.entries(parsed)) {
        if (key.startsWith("player.") && typeof value === "string") loaded[key] = value;
      }
    }
  } catch {
    // No words from the server: the keys show, the player still plays.
  }
  table = loaded;
}

/** The page's language for Intl (`<html lang>`); the runtime's default when unset. */
export function pageLocale(): string | undefined {
  return (typeof document !== "undefined" && document.documentElement.lang) || undefined;
}

let numbers: { locale: string | undefined; format: Intl.NumberFormat } | null = null;

export function formatNumber(value: number, locale = pageLocale()): string {
  if (!numbers || numbers.locale !== locale) {
    let format: Intl.NumberFormat;
    try {
      format = new Intl.NumberFormat(locale);
    } catch {
      format = new Intl.NumberFormat();
    }
    numbers = { locale, format };
  }
  return numbers.format.format(value);
}

/** Fills `{name}` arguments; numbers through Intl, a missing value leaves its placeholder. */
export function fill(template: string, vars: StringVars = {}, locale = pageLocale()): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    if (!Object.hasOwn(vars, name)) return match;
    const value = vars[name];
    return typeof value === "number" ? formatNumber(value, locale) : value;
  });
}

export function t(key: StringKey, vars: StringVars = {}): string {
  return fill(table[key] ?? key, vars);
}
