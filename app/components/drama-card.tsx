import type { Drama } from "~/catalog/types";
import { useT } from "~/i18n";
import { labelForTag } from "~/components/tag-label";

/** A poster card linking to the drama page. */
export function DramaCard({ drama, children }: { drama: Drama; children?: React.ReactNode }) {
  const t = useT();
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
        <h3 className="card-title">{drama.title}</h3>
      </a>
      <p className="card-meta">
        {drama.year} · {drama.genres.map((genre) => labelForTag(t, genre)).join(", ")}
      </p>
      {children}
    </article>
  );
}
