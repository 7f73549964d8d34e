import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getCatalog } from "~/catalog/index.server";
import { DramaCard } from "~/components/drama-card";
import { FavoriteButton } from "~/components/favorite-button";
import { translator, useT } from "~/i18n";
import { listFavorites } from "~/models/favorites.server";
import { requireUserId } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: translator()("myList.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const userId = await requireUserId(request);
  const rows = await listFavorites(userId);
  const dramas = await getCatalog().getDramas(rows.map((row) => row.dramaId));
  return { items: rows.map((row) => ({ dramaId: row.dramaId, drama: dramas.get(row.dramaId) ?? null })) };
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
          {items.map(({ dramaId, drama }) => (
            <li key={dramaId}>
              {drama ? (
                <DramaCard drama={drama}>
                  <FavoriteButton dramaId={dramaId} dramaTitle={drama.title} isFavorite redirectTo="/my-list" />
                </DramaCard>
              ) : (
                <article className="card card-missing">
                  <h3 className="card-title">{t("myList.unavailable")}</h3>
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
