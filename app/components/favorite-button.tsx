import { useT } from "~/i18n";
import { CsrfField } from "~/components/csrf-field";

/**
 * "Add to My List" / "Remove from My List". A real form: without JavaScript
 * it posts and redirects back; with htmx only this form is swapped and the
 * change is announced (the fragment updates #announcer out of band).
 */
export function FavoriteButton({
  dramaId,
  dramaTitle,
  isFavorite,
  redirectTo,
  announce,
}: {
  dramaId: string;
  dramaTitle: string;
  isFavorite: boolean;
  redirectTo: string;
  announce?: boolean;
}) {
  const t = useT();
  const intent = isFavorite ? "remove" : "add";
  return (
    <>
      <form
        method="post"
        action="/resources/favorites"
        className="favorite-form"
        data-hx-post="/resources/favorites"
        data-hx-swap="outerHTML"
        data-hx-target="this"
      >
        <CsrfField />
        <input type="hidden" name="dramaId" value={dramaId} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <input type="hidden" name="intent" value={intent} />
        <button type="submit" id={`favorite-${dramaId}`} className={isFavorite ? "button button-secondary" : "button"}>
          {isFavorite ? t("favorites.remove") : t("favorites.add")}
          {dramaTitle ? <span className="visually-hidden">: {dramaTitle}</span> : null}
        </button>
      </form>
      {announce ? (
        <div data-hx-swap-oob="innerHTML:#announcer">
          {t(isFavorite ? "favorites.added" : "favorites.removed", { title: dramaTitle })}
        </div>
      ) : null}
    </>
  );
}
