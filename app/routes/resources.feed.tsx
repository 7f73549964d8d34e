/**
 * One screen of the binge feed as an HTML fragment, for the feed script
 * (app/client/feed.ts): `?drama=&episode=`. Its video loads nothing until the
 * script prepares it. Opened directly, it sends the viewer to the feed page.
 */
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { FeedSection } from "~/components/feed-section";
import { I18nProvider } from "~/i18n";
import { requestLocale } from "~/i18n/locale.server";
import { feedPath } from "~/lib/feed";
import { loadFeed } from "~/utils/feed.server";
import { fragment, isHtmxRequest } from "~/utils/htmx.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const dramaId = url.searchParams.get("drama") ?? "";
  const episodeId = url.searchParams.get("episode") ?? "";
  if (!dramaId || !episodeId) throw new Response(null, { status: 400 });
  if (!isHtmxRequest(request)) throw redirect(feedPath(dramaId, episodeId));
  const { item } = await loadFeed(request, dramaId, episodeId);
  if (!item) throw new Response("Episode not found", { status: 404 });
  const locale = await requestLocale(request);
  return fragment(
    <I18nProvider locale={locale}>
      <FeedSection item={item} preload="none" />
    </I18nProvider>,
    { headers: { "Content-Language": locale, Vary: "Save-Data" } },
  );
}
