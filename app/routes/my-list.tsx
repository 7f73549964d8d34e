import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { metaTranslator, pageMeta } from "~/i18n/meta";
import { useLoaderData } from "@remix-run/react";
import { resolveDramas } from "~/catalog/index.server";
import { requestLocale } from "~/i18n/locale.server";
import { DramaCard } from "~/components/drama-card";
import { FavoriteButton } from "~/components/favorite-button";
import { useT } from "~/i18n";
import { listFavorites } from "~/models/favorites.server";
import { readDb } from "~/utils/db.server";
import type { RouteHandle } from "~/utils/route-handle";
import { requireUserId } from "~/utils/session.server";

export const handle: RouteHandle = { htmx: "signed-in" };

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, t("myList.title"));
};

export async function loader({ request }: LoaderFunctionArgs) {
  const userId = await requireUserId(request);
  const rows = await listFavorites(userId, 100, readDb(request));
  // Never fails for the catalog: unknown dramas say so, unreachable ones say "details unavailable".
  const dramas = await resolveDramas(
    rows.map((row) => row.dramaId),
    await requestLocale(request),
  );
  return {
    items: rows.map((row) => {
      const resolved = dramas.get(row.dramaId);
      return {
        dramaId: row.dramaId,
        drama: resolved?.state === "ok" ? resolved.value : null,
        unavailable: resolved?.state === "unavailable",
      };
    }),
  };
}

export default function MyList() {
  const { items } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("myList.title")}</h1>
      {items.length === 0 ? (
        <p>
          {t("myList.empty")} <a href="/browse">{t("myList.browse")}</a>
        </p>
      ) : (
        <ul className="grid">
          {items.map(({ dramaId, drama, unavailable }) => (
            <li key={dramaId}>
              {drama ? (
                <DramaCard drama={drama} level={2}>
                  <FavoriteButton dramaId={dramaId} dramaTitle={drama.title} isFavorite redirectTo="/my-list" />
                </DramaCard>
              ) : (
                <article className="card card-missing">
                  <h2 className="card-title">{t(unavailable ? "catalog.detailsUnavailable" : "myList.unavailable")}</h2>
                  {unavailable ? <p>{t("catalog.detailsUnavailableHint")}</p> : null}
                  <FavoriteButton dramaId={dramaId} dramaTitle="" isFavorite redirectTo="/my-list" />
                </article>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
