import type { Drama } from "~/catalog/types";
import { useLocale, useT } from "~/i18n";
import { formatList } from "~/i18n/format";
import { labelForTag } from "~/components/tag-label";
import { useTextLang } from "~/components/text-lang";

/** What a card shows of a drama. */
export type CardDrama = Pick<Drama, "id" | "title" | "titleLang" | "posterUrl" | "year" | "genres">;

/**
 * Only the card's fields, for loader data: Remix encodes all of it for a client
 * handoff we never use (no hydration), so a page leaves the rest behind.
 */
export function cardDrama({ id, title, titleLang, posterUrl, year, genres }: CardDrama): CardDrama {
  return { id, title, titleLang, posterUrl, year, genres };
}

/** A poster card linking to the drama page. */
export function DramaCard({ drama, children }: { drama: CardDrama; children?: React.ReactNode }) {
  const t = useT();
  const locale = useLocale();
  const textLang = useTextLang();
  return (
    <article className="card">
      <a href={`/drama/${drama.id}`} className="card-link">
        <img
          className="poster"
          src={drama.posterUrl}
          alt=""
          width={300}
          height={450}
          loading="lazy"
          decoding="async"
          sizes="(min-width: 60em) 12rem, 40vw"
        />
        <h3 className="card-title" lang={textLang(drama.titleLang)}>
          {drama.title}
        </h3>
      </a>
      <p className="card-meta">
        {drama.year} ·{" "}
        {formatList(
          drama.genres.map((genre) => labelForTag(t, genre)),
          locale,
        )}
      </p>
      {children}
    </article>
  );
}
