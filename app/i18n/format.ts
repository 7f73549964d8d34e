/**
 * Numbers, dates, sizes and times in the viewer's language: the one home for
 * formatting (pure; server and views alike). Everything goes through Intl
 * with the locale's tag (intlTag: "id" → "id-ID"), never hand-formatted,
 * except the clock-style durations ("1:02:05"), which read the same in every
 * language. Intl formatters are costly to build, so each is made once per
 * locale and options and reused.
 */
import { intlTag, type Locale } from "./catalog";

const formatters = new Map<string, unknown>();

/** The formatter for `key` (locale + purpose), built by `make` on first use. */
function cached<T>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (formatter === undefined) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** 1234 → "1,234" (en) / "1.234" (id); 8.5 → "8.5" / "8,5". */
export function formatNumber(value: number, locale: Locale): string {
  return cached(`number:${locale}`, () => new Intl.NumberFormat(intlTag(locale))).format(value);
}

/** 75 → "75%" (en) / "75%" (id): a whole percentage, as the locale writes it. */
export function formatPercent(percent: number, locale: Locale): string {
  return cached(`percent:${locale}`, () => new Intl.NumberFormat(intlTag(locale), { style: "percent" })).format(
    percent / 100,
  );
}

/**
 * "27 Nov 2026, 10:31 UTC" (en) / "27 Nov 2026, 10.31 UTC" (id): in UTC, so a
 * page reads the same whatever the server's time zone.
 */
export function formatDateTime(date: Date, locale: Locale): string {
  const formatter = cached(
    `datetime:${locale}`,
    () =>
      new Intl.DateTimeFormat(intlTag(locale), {
        day: "numeric",
        month: "short",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        hour12: false,
        timeZone: "UTC",
      }),
  );
  return `${formatter.format(date)} UTC`;
}

/** "5 January 2026" (en) / "5 Januari 2026" (id), the UTC day. */
export function formatDate(date: Date, locale: Locale): string {
  return cached(
    `date:${locale}`,
    () => new Intl.DateTimeFormat(intlTag(locale), { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  ).format(date);
}

/** 4 → "in 4 minutes" (en) / "dalam 4 menit" (id); -4 → "4 minutes ago" / "4 menit yang lalu". */
export function formatRelativeMinutes(minutes: number, locale: Locale): string {
  return cached(`relative:${locale}`, () => new Intl.RelativeTimeFormat(intlTag(locale), { numeric: "always" })).format(
    Math.round(minutes),
    "minute",
  );
}

/** A number of minutes as words: 4 → "4 minutes" (en) / "4 menit" (id); 1 → "1 minute". */
export function formatMinutes(minutes: number, locale: Locale): string {
  return cached(
    `minutes:${locale}`,
    () => new Intl.NumberFormat(intlTag(locale), { style: "unit", unit: "minute", unitDisplay: "long" }),
  ).format(Math.round(minutes));
}

const KILOBYTE = 1000;
const MEGABYTE = 1000 * 1000;
const GIGABYTE = 1000 * 1000 * 1000;

/**
 * A size: under 1 MB in whole kilobytes, under 1 GB in megabytes, else in
 * gigabytes with one decimal at most ("800 kB", "12.5 MB" / "12,5 MB", "1,3 GB").
 * Decimal units, as their names say (and as phone data plans count).
 */
export function formatBytes(bytes: number, locale: Locale): string {
  const value = Math.max(0, bytes);
  const [unit, size, digits] =
    value < MEGABYTE
      ? (["kilobyte", KILOBYTE, 0] as const)
      : value < GIGABYTE
        ? (["megabyte", MEGABYTE, 1] as const)
        : (["gigabyte", GIGABYTE, 1] as const);
  const formatter = cached(
    `bytes:${unit}:${locale}`,
    () => new Intl.NumberFormat(intlTag(locale), { style: "unit", unit, maximumFractionDigits: digits }),
  );
  return formatter.format(value / size);
}

/** A list as the language joins it: ["a", "b"] → "a, b" (unit style: no "and"). */
export function formatList(items: readonly string[], locale: Locale): string {
  return cached(`list:${locale}`, () => new Intl.ListFormat(intlTag(locale), { type: "unit", style: "short" })).format(
    items,
  );
}

/** A language named in the viewer's language: "id" → "Indonesian" (en) / "Indonesia" (id); an unknown tag as it is. */
export function formatLanguage(lang: string, locale: Locale): string {
  try {
    const names = cached(
      `language:${locale}`,
      () => new Intl.DisplayNames(intlTag(locale), { type: "language", fallback: "code" }),
    );
    return names.of(lang) ?? lang;
  } catch {
    // Not a well-formed language tag.
    return lang;
  }
}

/** How long work took: 12 → "12 ms"; 17_504 → "17.5 secs" (en) / "17,5 dtk" (id). */
export function formatElapsed(ms: number, locale: Locale): string {
  if (Math.round(ms) < 1_000) {
    return cached(
      `elapsed-ms:${locale}`,
      () => new Intl.NumberFormat(intlTag(locale), { style: "unit", unit: "millisecond", maximumFractionDigits: 0 }),
    ).format(ms);
  }
  return cached(
    `elapsed-s:${locale}`,
    () => new Intl.NumberFormat(intlTag(locale), { style: "unit", unit: "second", maximumFractionDigits: 1 }),
  ).format(ms / 1_000);
}

/** 95 → "1:35"; 3725 → "1:02:05": a clock, the same in every language. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const mm = hours > 0 ? String(minutes).padStart(2, "0") : String(minutes);
  return `${hours > 0 ? `${hours}:` : ""}${mm}:${String(seconds).padStart(2, "0")}`;
}

/** Whole minutes left, at least 1 when anything is left. */
export function minutesLeft(seconds: number): number {
  return seconds <= 0 ? 0 : Math.max(1, Math.round(seconds / 60));
}

/**
 * "2026-11-27 10:31:05 UTC" from an ISO-8601 string: the admin pages' exact
 * timestamps, to the second, in the same form as the CSV export (locale-neutral).
 */
export function formatTimestamp(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
