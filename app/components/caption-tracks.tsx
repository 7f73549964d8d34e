/** A video's caption tracks (/watch and the binge feed): each named in its own language, the viewer's choice on. */
export function CaptionTracks({
  subtitles,
  shown,
}: {
  subtitles: readonly { lang: string; src: string; name: string }[];
  /** The language shown from the start, or "off". */
  shown: string;
}) {
  return (
    <>
      {subtitles.map((subtitle) => (
        <track
          key={subtitle.lang}
          kind="captions"
          src={subtitle.src}
          srcLang={subtitle.lang}
          label={subtitle.name}
          default={subtitle.lang === shown}
        />
      ))}
    </>
  );
}
