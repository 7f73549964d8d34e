/**
 * What a drama's episodes carry, said plainly: subtitles per language, audio
 * description, transcript. Only what every episode has (Drama.tracks, and on
 * the drama page the same checked against its episodes), so a badge never
 * promises a track some episode lacks. The transcript is built from the
 * captions, so it comes with them.
 */
import type { DramaTracks } from "~/catalog/types";
import { useLocale, useT } from "~/i18n";
import { formatLanguage, formatList } from "~/i18n/format";
import type { Locale } from "~/i18n/catalog";

/** "English, Indonesian" (en) / "Inggris, Indonesia" (id). */
function languageNames(langs: readonly string[], locale: Locale): string {
  return formatList(
    langs.map((lang) => formatLanguage(lang, locale)),
    locale,
  );
}

/** "CC EN ID" and "AD" on a card, each read out in full ("Subtitles: English, Indonesian"). */
export function CardTrackBadges({ tracks }: { tracks: DramaTracks }) {
  const t = useT();
  const locale = useLocale();
  if (tracks.subtitles.length === 0 && tracks.descriptions.length === 0) return null;
  return (
    // A paragraph of short badges, not a list: a card already sits in a list, and text browsers mark a nested
    // list's items with a glyph. Each badge is read out in full; the short text is for the eye.
    <p className="badges">
      {tracks.subtitles.length > 0 ? (
        <span className="badge">
          <span aria-hidden="true">
            {t("tracks.subtitlesShort")} {tracks.subtitles.map((lang) => lang.toUpperCase()).join(" ")}
          </span>
          <span className="visually-hidden">
            {t("tracks.subtitles", { languages: languageNames(tracks.subtitles, locale) })}
          </span>
        </span>
      ) : null}{" "}
      {tracks.descriptions.length > 0 ? (
        <span className="badge">
          <span aria-hidden="true">{t("tracks.descriptionsShort")}</span>
          <span className="visually-hidden">
            {t("tracks.descriptions", { languages: languageNames(tracks.descriptions, locale) })}
          </span>
        </span>
      ) : null}
    </p>
  );
}

/** The drama page's list: every track in words, and the transcript when there are captions. */
export function DramaTrackList({ tracks }: { tracks: DramaTracks }) {
  const t = useT();
  const locale = useLocale();
  const items = [
    tracks.subtitles.length > 0 ? t("tracks.subtitles", { languages: languageNames(tracks.subtitles, locale) }) : null,
    tracks.descriptions.length > 0
      ? t("tracks.descriptions", { languages: languageNames(tracks.descriptions, locale) })
      : null,
    tracks.subtitles.length > 0 ? t("tracks.transcript") : null,
  ].filter((item): item is string => item !== null);
  return (
    <section className="drama-tracks" aria-labelledby="drama-tracks-title">
      <h2 id="drama-tracks-title">{t("tracks.label")}</h2>
      {items.length === 0 ? (
        <p>{t("tracks.none")}</p>
      ) : (
        <>
          <ul className="badges badges-full">
            {items.map((item) => (
              <li key={item} className="badge">
                {item}
              </li>
            ))}
          </ul>
          <p className="field-hint">{t("tracks.everyEpisode")}</p>
        </>
      )}
    </section>
  );
}
