import type { Drama } from "~/catalog/types";
import { DramaCard } from "~/components/drama-card";

/** A responsive grid of drama cards (browse, search results), right under the page's h1. */
export function DramaGrid({ dramas }: { dramas: Drama[] }) {
  return (
    <ul className="grid">
      {dramas.map((drama) => (
        <li key={drama.id}>
          <DramaCard drama={drama} level={2} />
        </li>
      ))}
    </ul>
  );
}
