import type { Drama } from "~/catalog/types";
import { useLocale, useT } from "~/i18n";
import { formatList } from "~/i18n/format";
import { labelForTag } from "~/components/tag-label";
import { useTextLang } from "~/components/text-lang";
import { CardTrackBadges } from "~/components/track-badges";

/** What a card shows of a drama. */
export type CardDrama = Pick<Drama, "id" | "title" | "titleLang" | "posterUrl" | "year" | "genres" | "tracks">;

/**
 * Only the card's fields, for loader data: Remix encodes all of it for a client
 * handoff we never use (no hydration), so a page leaves the rest behind.
 */
export function cardDrama({ id, title, titleLang, posterUrl, year, genres, tracks }: CardDrama): CardDrama {
  return { id, title, titleLang, posterUrl, year, genres, tracks };
}

/**
 * A poster card linking to the drama page. Its title is a heading one level
 * below the section it sits in: level 3 under a row's h2 (home), level 2 in a
 * page's own grid (browse, search, My List), so the outline never skips a level.
 */
export function DramaCard({
  drama,
  level = 3,
  children,
}: {
  drama: CardDrama;
  level?: 2 | 3;
  children?: React.ReactNode;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  const t = useT();
  const locale = useLocale();
  const textLang = useTextLang();
  return (
    <article className="card">
      <a href={`/drama/${drama.id}`} className="card-link">
        <img className="poster" src={drama.posterUrl} alt="" width={300} height={450} loading="lazy" decoding="async" />
        <Heading className="card-title" lang={textLang(drama.titleLang)}>
          {drama.title}
        </Heading>
      </a>
      <p className="card-meta">
        {drama.year} ·{" "}
        {formatList(
          drama.genres.map((genre) => labelForTag(t, genre)),
          locale,
        )}
      </p>
      <CardTrackBadges tracks={drama.tracks} />
      {children}
    </article>
  );
}
