/**
 * The transcript under the player (/watch): the episode's captions, and its
 * descriptions when it has them, as text, one line per cue, each starting
 * with its time as a link. Everything works without JavaScript: the time
 * link reloads the page playing from there (`?t=`), the language links and
 * the search form are plain GET requests. The player script
 * (app/client/player/transcript.ts) seeks in place instead, filters as the
 * viewer types, marks the line being spoken and can follow it.
 */
import type { TranscriptData } from "~/catalog/transcript.server";
import { intlTag } from "~/i18n/catalog";
import { useLocale, useT, type Locale, type Translate } from "~/i18n";
import { languageAutonym } from "~/i18n/player";
import { formatDuration } from "~/lib/format";
import type { TextPart } from "~/lib/transcript";

/** A private-use character: where the time goes in a translated sentence. */
const SLOT = "\uE000";

/** countTemplates per language: the same for every page in it (and a plural rules object per call was 3.5 % of /watch). */
const countTemplatesByLocale = new Map<Locale, Record<string, string>>();

/**
 * "{count} lines match" for each plural category of the locale, with `{count}`
 * left to fill (the script counts in the browser and has no MessageFormat).
 * `t` is the locale's translator; made once per locale.
 */
function countTemplates(t: Translate, locale: Locale): Record<string, string> {
  let templates = countTemplatesByLocale.get(locale);
  if (!templates) {
    templates = makeCountTemplates(t, locale);
    countTemplatesByLocale.set(locale, templates);
  }
  return templates;
}

function makeCountTemplates(t: Translate, locale: Locale): Record<string, string> {
  const rules = new Intl.PluralRules(intlTag(locale));
  const templates: Record<string, string> = {};
  for (const category of rules.resolvedOptions().pluralCategories) {
    for (let n = 2; n < 200; n += 1) {
      if (rules.select(n) !== category) continue;
      templates[category] = t("transcript.matches", { count: n }).replace(String(n), "{count}");
      break;
    }
  }
  // "one" is 1 in the languages we speak; the loop starts at 2 so "other" never takes 1.
  if (rules.select(1) === "one") templates.one = t("transcript.matches", { count: 1 }).replace("1", "{count}");
  return templates;
}

function Marked({ parts }: { parts: TextPart[] }) {
  return <>{parts.map((part, index) => (part.mark ? <mark key={index}>{part.text}</mark> : part.text))}</>;
}

export interface TranscriptProps {
  episodeId: string;
  episodeNumber: number;
  transcript: TranscriptData;
  /** `?lang=` of this page, kept on the transcript's links (it chose the page's language). */
  pageLang: string | null;
  /** Open when the viewer came from the transcript itself (a time link, a language link, a search). */
  open: boolean;
}

export function Transcript({ episodeId, episodeNumber, transcript, pageLang, open }: TranscriptProps) {
  const t = useT();
  const locale = useLocale();
  const { lang, languages, chosen, q, lines, total } = transcript;
  const action = `/watch/${episodeId}`;
  const href = (params: Record<string, string | null>) => {
    const search = new URLSearchParams();
    if (pageLang) search.set("lang", pageLang);
    for (const [name, value] of Object.entries(params)) if (value !== null && value !== "") search.set(name, value);
    const query = search.toString();
    return query ? `${action}?${query}` : action;
  };
  const kept = chosen ? lang : null;
  const [before, after = ""] = t("transcript.playFrom", { time: SLOT }).split(SLOT);
  const strings = {
    counts: countTemplates(t, locale),
    none: t("transcript.noMatches"),
    seeked: t("transcript.seeked", { time: "{time}" }),
  };
  const status = q && lines ? (lines.length > 0 ? t("transcript.matches", { count: lines.length }) : strings.none) : "";
  const otherLanguage = lang !== null && lang !== locale ? lang : undefined;

  return (
    <details className="transcript" id="transcript" open={open || undefined}>
      <summary>{t("transcript.summary")}</summary>
      <section
        className="transcript-body"
        aria-labelledby="transcript-heading"
        data-transcript=""
        data-strings={JSON.stringify(strings)}
        data-filtered={q ? "1" : "0"}
      >
        <h2 id="transcript-heading">{t("transcript.heading", { number: episodeNumber })}</h2>
        {lines === null ? (
          <p className="transcript-note">{t("transcript.unavailable")}</p>
        ) : lang === null || total === 0 ? (
          <p className="transcript-note">{t("transcript.none")}</p>
        ) : (
          <>
            {languages.length > 1 ? (
              <nav className="transcript-languages" aria-label={t("transcript.languages")}>
                <ul>
                  {languages.map((code) => (
                    <li key={code}>
                      <a
                        href={href({ transcript: code, q })}
                        lang={code}
                        hrefLang={code}
                        aria-current={code === lang ? "true" : undefined}
                      >
                        {languageAutonym(code)}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
            <form method="get" action={action} role="search" className="transcript-search">
              {pageLang ? <input type="hidden" name="lang" value={pageLang} /> : null}
              {/* The current language, also when it is the default: the page after a search opens the transcript. */}
              <input type="hidden" name="transcript" value={lang} />
              <label htmlFor="transcript-q">{t("transcript.searchLabel")}</label>
              <div className="transcript-search-row">
                <input id="transcript-q" type="search" name="q" defaultValue={q} maxLength={100} autoComplete="off" />
                <button type="submit" className="button button-secondary">
                  {t("transcript.searchSubmit")}
                </button>
                {q ? <a href={href({ transcript: lang })}>{t("transcript.searchClear")}</a> : null}
              </div>
            </form>
            <p className="transcript-status" role="status">
              {status}
            </p>
            {transcript.descriptionsUnavailable ? (
              <p className="transcript-note">{t("transcript.descriptionsUnavailable")}</p>
            ) : null}
            {/* The switch only does something with the script, which makes it from its label here: a text browser
                (which ignores `hidden`) shows no checkbox that does nothing. */}
            <div className="transcript-follow" hidden data-label={t("transcript.followAlong")} />
            <div className="transcript-scroll">
              <ol className="transcript-lines" lang={otherLanguage} aria-label={t("transcript.lines")}>
                {lines.map((line) => (
                  <li
                    key={line.index}
                    className={
                      line.kind === "description" ? "transcript-line transcript-description" : "transcript-line"
                    }
                    data-start={line.start}
                    data-end={line.end}
                  >
                    <a
                      className="transcript-time"
                      href={href({ transcript: kept, q, t: String(Math.floor(line.start)) })}
                      data-t={line.start}
                    >
                      <span className="visually-hidden" lang={otherLanguage ? locale : undefined}>
                        {before}
                      </span>
                      {formatDuration(Math.floor(line.start))}
                      <span className="visually-hidden" lang={otherLanguage ? locale : undefined}>
                        {after}
                      </span>
                    </a>{" "}
                    <span className="transcript-text">
                      {line.kind === "description" ? (
                        <>
                          <span className="transcript-label" lang={otherLanguage ? locale : undefined}>
                            {`[${t("transcript.description")}]`}
                          </span>{" "}
                          <i className="transcript-words">
                            <Marked parts={line.parts} />
                          </i>
                        </>
                      ) : (
                        <>
                          {line.speakerParts ? (
                            <>
                              <b className="transcript-speaker">
                                <Marked parts={line.speakerParts} />
                              </b>
                              {": "}
                            </>
                          ) : null}
                          <span className="transcript-words">
                            <Marked parts={line.parts} />
                          </span>
                        </>
                      )}
                    </span>
                  </li>
                ))}
              </ol>
            </div>
          </>
        )}
      </section>
    </details>
  );
}
