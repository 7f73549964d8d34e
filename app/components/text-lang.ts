import { useLocale } from "~/i18n";

/**
 * The `lang` attribute of a catalog text: the text's own language when it is not the
 * page's (an untranslated text shown in English on an Indonesian page, so screen readers
 * switch voice), else none (the page's `<html lang>` already says it).
 */
export function useTextLang(): (textLang: string | undefined) => string | undefined {
  const locale = useLocale();
  return (textLang) => (textLang && textLang !== locale ? textLang : undefined);
}
