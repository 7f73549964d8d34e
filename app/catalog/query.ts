/**
 * Pure list/search/pagination over an in-memory array of dramas. Used by the
 * local provider (and by anything else that holds a catalog in memory).
 */
import { normalise } from "~/lib/normalise";
import type { Drama, ListQuery, Page, SortOrder, TrackFilter } from "./types";

export const DEFAULT_PAGE_SIZE = 24;
export const MAX_PAGE_SIZE = 60;

export function paginate<T>(items: T[], page = 1, pageSize = DEFAULT_PAGE_SIZE): Page<T> {
  const size = Math.min(Math.max(1, Math.floor(pageSize)), MAX_PAGE_SIZE);
  const total = items.length;
  const totalPages = Math.max(1, Math.ceil(total / size));
  const current = Math.min(Math.max(1, Math.floor(page)), totalPages);
  return {
    items: items.slice((current - 1) * size, current * size),
    page: current,
    pageSize: size,
    total,
    totalPages,
  };
}

const COMPARATORS: Record<SortOrder, (a: Drama, b: Drama) => number> = {
  latest: (a, b) => b.addedAt.localeCompare(a.addedAt) || a.title.localeCompare(b.title),
  rating: (a, b) => b.rating - a.rating || b.popularity - a.popularity || a.title.localeCompare(b.title),
  popularity: (a, b) => b.popularity - a.popularity || a.title.localeCompare(b.title),
};

export function sortDramas(dramas: Drama[], sort: SortOrder = "latest"): Drama[] {
  return [...dramas].sort(COMPARATORS[sort]);
}

/** Whether every episode of the drama carries the tracks asked for. */
export function hasTracks(drama: Drama, filter: TrackFilter): boolean {
  return (
    (!filter.subtitles || drama.tracks.subtitles.includes(filter.subtitles)) &&
    (!filter.descriptions || drama.tracks.descriptions.includes(filter.descriptions))
  );
}

export function filterDramas(dramas: Drama[], query: ListQuery): Drama[] {
  return dramas.filter(
    (drama) =>
      (!query.genre || drama.genres.includes(query.genre)) &&
      (!query.vibe || drama.vibes.includes(query.vibe)) &&
      (!query.year || drama.year === query.year) &&
      (!query.status || drama.status === query.status) &&
      hasTracks(drama, query),
  );
}

export function listDramas(dramas: Drama[], query: ListQuery): Page<Drama> {
  return paginate(sortDramas(filterDramas(dramas, query), query.sort), query.page, query.pageSize);
}

export { normalise };

export function tokenize(q: string): string[] {
  return normalise(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0);
}

/** " word word word": normalised words, each preceded by a space, for prefix matching. */
function words(text: string): string {
  return ` ${tokenize(text).join(" ")}`;
}

/** The texts of a drama that search looks at in one language (every language's are searched). */
export interface SearchText {
  title: string;
  synopsis: string;
}

/**
 * Every term must start a word somewhere (title, original title, synopsis, cast,
 * genres or vibes), in any of the drama's languages: `textsOf` gives a drama's
 * title and synopsis in each language the catalog holds (by default only the
 * drama's own, for a single-language list). Title matches rank first, then cast,
 * then the rest; ties go to popularity.
 */
export function searchDramas<T extends Drama>(
  dramas: T[],
  q: string,
  textsOf: (drama: T) => readonly SearchText[] = (drama) => [drama],
): T[] {
  const terms = tokenize(q).slice(0, 8);
  if (terms.length === 0) return [];
  const scored: { drama: T; score: number }[] = [];
  for (const drama of dramas) {
    const texts = textsOf(drama);
    const title = words([...texts.map((text) => text.title), drama.originalTitle].join(" "));
    const cast = words(drama.cast.join(" "));
    const tags = words([...drama.genres, ...drama.vibes].join(" "));
    const synopsis = words(texts.map((text) => text.synopsis).join(" "));
    let score = 0;
    let matchedAll = true;
    for (const term of terms) {
      const prefix = ` ${term}`;
      if (title.includes(prefix)) score += 10;
      else if (cast.includes(prefix)) score += 5;
      else if (tags.includes(prefix)) score += 3;
      else if (synopsis.includes(prefix)) score += 1;
      else {
        matchedAll = false;
        break;
      }
    }
    if (matchedAll) scored.push({ drama, score });
  }
  return scored
    .sort((a, b) => b.score - a.score || b.drama.popularity - a.drama.popularity)
    .map((entry) => entry.drama);
}
