/** The labelled <select>s of the filter forms on /browse and /search. */
import type { TrackFilter } from "~/catalog/types";
import { LOCALE_CODES } from "~/i18n/catalog";
import { useLocale, useT } from "~/i18n";
import { formatLanguage } from "~/i18n/format";

/** A labelled <select>; `anyLabel` adds an empty "Any" choice. */
export function FilterSelect({
  name,
  id = name,
  label,
  value,
  anyLabel,
  options,
}: {
  name: string;
  id?: string;
  label: string;
  value?: string;
  anyLabel?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>{" "}
      <select id={id} name={name} defaultValue={value ?? ""}>
        {anyLabel ? <option value="">{anyLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** "Subtitles" and "Audio description", each a language every episode must carry, or any. */
export function TrackFilterSelects({ filter, idPrefix = "" }: { filter: TrackFilter; idPrefix?: string }) {
  const t = useT();
  const locale = useLocale();
  const languages = LOCALE_CODES.map((lang) => ({ value: lang, label: formatLanguage(lang, locale) }));
  return (
    <>
      <FilterSelect
        name="subtitles"
        id={`${idPrefix}subtitles`}
        label={t("tracks.filter.subtitles")}
        value={filter.subtitles}
        anyLabel={t("browse.any")}
        options={languages}
      />
      <FilterSelect
        name="descriptions"
        id={`${idPrefix}descriptions`}
        label={t("tracks.filter.descriptions")}
        value={filter.descriptions}
        anyLabel={t("browse.any")}
        options={languages}
      />
    </>
  );
}
