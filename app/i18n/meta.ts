/**
 * Page titles in the page's language: a route's `meta` gets no load context,
 * so it reads the locale the root loader decided (app/root.tsx).
 */
import { isLocale, REFERENCE_LOCALE } from "./catalog";
import { translator, type Translate } from "./index";

export function metaTranslator(matches: readonly { id: string; data: unknown }[]): Translate {
  const root = matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
  return translator(isLocale(root?.locale) ? root.locale : REFERENCE_LOCALE);
}
