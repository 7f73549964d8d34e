import { DramaCard, type CardDrama } from "~/components/drama-card";
import { useT } from "~/i18n";

/** A titled, horizontally scrolling row of drama cards. */
export function DramaRow({
  id,
  title,
  href,
  dramas,
}: {
  id: string;
  title: string;
  href?: string;
  dramas: CardDrama[];
}) {
  const t = useT();
  const headingId = `row-${id}`;
  return (
    <section className="row" aria-labelledby={headingId}>
      <div className="row-head">
        <h2 id={headingId}>{title}</h2>
        {href ? (
          <a href={href} className="row-more">
            {t("home.seeAll")}
            <span className="visually-hidden">: {title}</span>
          </a>
        ) : null}
      </div>
      <ul className="row-list">
        {dramas.map((drama) => (
          <li key={drama.id}>
            <DramaCard drama={drama} />
          </li>
        ))}
      </ul>
    </section>
  );
}
