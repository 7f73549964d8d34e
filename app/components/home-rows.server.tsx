/**
 * The home page's catalog rows (Latest, Popular, a row per genre and vibe),
 * rendered to HTML once per HomeFeed object.
 *
 * Those rows are the same for every visitor until the catalog hands out a new
 * feed (the local catalog keeps one for the life of the process; the HTTP
 * catalog a cached one until its refresh), yet they are most of the page:
 * ~90 cards. Rendering them per request made React walk every card and Remix
 * encode every drama in the loader data (its client handoff, which we never
 * use: pages are not hydrated). Instead the loader hands the view this string.
 *
 * Keyed by the feed object itself (WeakMap): a refreshed feed is a new object,
 * so it renders anew, and a dropped feed takes its HTML with it.
 */
import { renderToStaticMarkup } from "react-dom/server";
import type { HomeFeed, HomeRow } from "~/catalog/types";
import { DramaRow } from "~/components/drama-row";
import { labelForTag } from "~/components/tag-label";
import { I18nProvider, type Locale, type Translate, useT } from "~/i18n";

const rowsHtmlByFeed = new WeakMap<HomeFeed, Map<Locale, string>>();

function rowTitle(t: Translate, row: HomeRow): string {
  switch (row.kind) {
    case "latest":
      return t("home.row.latest");
    case "popular":
      return t("home.row.popular");
    case "genre":
    case "vibe":
      return labelForTag(t, row.value ?? "");
  }
}

function rowHref(row: HomeRow): string {
  switch (row.kind) {
    case "latest":
      return "/browse?sort=latest";
    case "popular":
      return "/browse?sort=popularity";
    case "genre":
      return `/browse?genre=${encodeURIComponent(row.value ?? "")}`;
    case "vibe":
      return `/browse?vibe=${encodeURIComponent(row.value ?? "")}`;
  }
}

function HomeRows({ rows }: { rows: HomeRow[] }) {
  const t = useT();
  return (
    <>
      {rows.map((row) => (
        <DramaRow
          key={`${row.kind}-${row.value ?? ""}`}
          id={`${row.kind}-${row.value ?? "all"}`}
          title={rowTitle(t, row)}
          href={rowHref(row)}
          dramas={row.dramas}
        />
      ))}
    </>
  );
}

/**
 * The rows' HTML, from the memo when this feed object was rendered before.
 * in the page's language (one memo entry per language).
 */
export function homeRowsHtml(feed: HomeFeed, locale: Locale): string {
  let byLocale = rowsHtmlByFeed.get(feed);
  if (!byLocale) rowsHtmlByFeed.set(feed, (byLocale = new Map<Locale, string>()));
  let html = byLocale.get(locale);
  if (html === undefined) {
    html = renderToStaticMarkup(
      <I18nProvider locale={locale}>
        <HomeRows rows={feed.rows} />
      </I18nProvider>,
    );
    byLocale.set(locale, html);
  }
  return html;
}
