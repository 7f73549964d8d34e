/**
 * Page titles in the page's language: a route's `meta` gets no load context,
 * so it reads the locale the root loader decided (app/root.tsx).
 */
import { isLocale, REFERENCE_LOCALE } from "./catalog";
import type { MetaDescriptor } from "@remix-run/node";
import { translator, type Translate } from "./index";

export function metaTranslator(matches: readonly { id: string; data: unknown }[]): Translate {
  const root = matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
  return translator(isLocale(root?.locale) ? root.locale : REFERENCE_LOCALE);
}

/**
 * A page's `<title>` and meta description. A page with words of its own passes them; the rest (account, admin
 * and error pages) describe the site, so no page goes without one.
 */
export function pageMeta(t: Translate, title: string, description?: string): MetaDescriptor[] {
  return [{ title }, { name: "description", content: description ?? t("home.description") }];
}
