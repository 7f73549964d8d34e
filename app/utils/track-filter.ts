/** The `subtitles` and `descriptions` parameters of /browse and /search: a site language, else no filter. */
import { z } from "zod";
import type { TrackFilter } from "~/catalog/types";
import { isLocale } from "~/i18n/catalog";

const TrackLanguage = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => isLocale(value))
  .optional()
  .catch(undefined);

/** Unknown or malformed values are dropped rather than failing the page. */
export const TrackFilterSchema = z.object({ subtitles: TrackLanguage, descriptions: TrackLanguage });

export function trackFilterOf(params: URLSearchParams): TrackFilter {
  return TrackFilterSchema.parse({
    subtitles: params.get("subtitles") || undefined,
    descriptions: params.get("descriptions") || undefined,
  });
}

/** The filter's parameters, for links that keep it (pagination, the address htmx shows). */
export function trackFilterEntries(filter: TrackFilter): [string, string][] {
  return (["subtitles", "descriptions"] as const).flatMap((key) => {
    const value = filter[key];
    return value ? [[key, value] as [string, string]] : [];
  });
}
