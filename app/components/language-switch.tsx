/**
 * One link per language, each named in its own language and marked with its
 * `lang`, to /language (app/routes/language.tsx), which returns to this page.
 * The current language is text, not a link.
 */
import { LOCALE_CODES, LOCALES, useLocale, useT } from "~/i18n";

export function languageSwitchHref(locale: string, returnTo: string): string {
  return `/language?${new URLSearchParams({ lang: locale, returnTo }).toString()}`;
}

export function LanguageSwitch({ returnTo }: { returnTo: string }) {
  const current = useLocale();
  const t = useT();
  return (
    <nav aria-label={t("language.label")} className="language-switch">
      <ul>
        {LOCALE_CODES.map((code) => {
          const name = LOCALES[code].messages["locale.name"];
          return (
            <li key={code}>
              {code === current ? (
                <span lang={code} aria-current="true">
                  {name}
                </span>
              ) : (
                <a href={languageSwitchHref(code, returnTo)} lang={code} hrefLang={code}>
                  {name}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
