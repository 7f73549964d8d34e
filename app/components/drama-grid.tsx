import type { Drama } from "~/catalog/types";
import { DramaCard } from "~/components/drama-card";
import { useT } from "~/i18n";

/**
 * A responsive grid of drama cards (browse, search results), under a heading
 * only screen readers show: the cards' titles are level 3, and the page's
 * outline must not jump from its h1 to them.
 */
export function DramaGrid({ dramas }: { dramas: Drama[] }) {
  const t = useT();
  return (
    <>
      <h2 className="visually-hidden">{t("grid.heading")}</h2>
      <ul className="grid">
        {dramas.map((drama) => (
          <li key={drama.id}>
            <DramaCard drama={drama} />
          </li>
        ))}
      </ul>
    </>
  );
}
