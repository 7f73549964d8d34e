/**
 * The binge feed (docs/feed.md): a drama's episodes one per screen.
 * Without JavaScript this URL is one episode with a native <video> and links
 * to the episodes either side (`?episode=`). The feed script
 * (app/client/feed.ts) turns the page into a scroll-snapped column and fetches
 * each neighbour from app/routes/resources.feed.tsx, rendered by the same
 * component (app/components/feed-section.tsx).
 */
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FeedSection } from "~/components/feed-section";
import { useT } from "~/i18n";
import { metaTranslator, pageMeta } from "~/i18n/meta";
import { loadFeed } from "~/utils/feed.server";
import type { RouteHandle } from "~/utils/route-handle";
import feedStyles from "~/styles/feed.css";

export const handle: RouteHandle = { assets: ["feed"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: feedStyles }];

/** Data saver follows the browser's `Save-Data` until the viewer chooses. */
export const headers: HeadersFunction = () => ({ Vary: "Save-Data" });

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  if (!data) return pageMeta(t, t("error.notFound.title"));
  const title = t("feed.title", { title: data.drama.title });
  const number = data.item?.episode.number;
  return pageMeta(t, number ? `${title}, ${t("episode.number", { number })} · Dracin` : `${title} · Dracin`);
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadFeed(request, params.dramaId ?? "", new URL(request.url).searchParams.get("episode"));
}

export default function Feed() {
  const { drama, item, dataSaver, autoplay, viewer } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article className="feed-page">
      <p className="breadcrumb">
        <a href={`/drama/${drama.id}`}>{drama.title}</a>
      </p>
      <h1 className="feed-heading">{t("feed.heading", { title: drama.title })}</h1>
      {item ? (
        // data-help: the hint the feed script shows, as only the script makes these keys and swipes move between
        // episodes (not rendered here, so a text browser, which ignores `hidden`, never shows it).
        <div
          className="feed"
          role="group"
          aria-label={t("feed.label", { title: drama.title })}
          data-help={t("feed.help")}
          data-feed={drama.id}
          data-save-url="/resources/progress"
          data-viewer={viewer}
          data-autoplay={autoplay ? "1" : "0"}
          data-data-saver={dataSaver ? "1" : "0"}
        >
          <FeedSection item={item} preload={dataSaver ? "none" : "metadata"} />
        </div>
      ) : (
        <p>{t("feed.empty")}</p>
      )}
    </article>
  );
}
