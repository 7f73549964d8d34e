/** Addresses of /search, shared by its page, its htmx fragment and the results' pagination. */
import type { TrackFilter } from "~/catalog/types";
import { trackFilterEntries } from "~/utils/track-filter";

/** The address of a search (and its page, from 2 on), keeping its filter. */
export function searchPath(q: string, filter: TrackFilter = {}, page = 1): string {
  const params = new URLSearchParams(q ? [["q", q], ...trackFilterEntries(filter)] : trackFilterEntries(filter));
  if (page > 1) params.set("page", String(page));
  return params.size > 0 ? `/search?${params}` : "/search";
}
