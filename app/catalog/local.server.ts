/**
 * The "local" provider: the bundled demo catalog (app/catalog/demo-data.ts)
 * with the sample media. Zero set-up; the default.
 */
import { DEMO_DRAMAS, FEATURED_DRAMA_ID, GENRES, VIBES, type DemoDrama } from "./demo-data";
import { SAMPLE_MEDIA } from "./media";
import { listDramas, paginate, searchDramas, sortDramas } from "./query";
import type { CatalogProvider, Drama, Episode, Facets, HomeFeed, HomeRow, ListQuery, Page } from "./types";

const ROW_SIZE = 12;

export function episodeId(dramaId: string, number: number): string {
  return `${dramaId}-ep-${number}`;
}

function buildEpisodes(demo: DemoDrama, dramaIndex: number): Episode[] {
  return demo.episodeTitles.map((title, index) => {
    const media = SAMPLE_MEDIA[(dramaIndex + index) % SAMPLE_MEDIA.length];
    return {
      id: episodeId(demo.id, index + 1),
      dramaId: demo.id,
      number: index + 1,
      title,
      duration: media.duration,
      streams: media.streams,
      subtitles: media.subtitles,
      thumbnailUrl: `/posters/${demo.id}.svg`,
    };
  });
}

export function createLocalCatalog(source: readonly DemoDrama[] = DEMO_DRAMAS): CatalogProvider {
  const dramas: Drama[] = source.map(({ episodeTitles, ...rest }) => ({
    ...rest,
    posterUrl: `/posters/${rest.id}.svg`,
    episodeCount: episodeTitles.length,
  }));
  const dramaById = new Map(dramas.map((drama) => [drama.id, drama]));
  const episodesByDrama = new Map(source.map((demo, index) => [demo.id, buildEpisodes(demo, index)]));
  const episodeById = new Map([...episodesByDrama.values()].flat().map((episode) => [episode.id, episode]));

  const facets: Facets = {
    genres: GENRES.filter((genre) => dramas.some((drama) => drama.genres.includes(genre))),
    vibes: VIBES.filter((vibe) => dramas.some((drama) => drama.vibes.includes(vibe))),
    years: [...new Set(dramas.map((drama) => drama.year))].sort((a, b) => b - a),
  };

  function buildHome(): HomeFeed {
    const featured = dramaById.get(FEATURED_DRAMA_ID) ?? sortDramas(dramas, "popularity")[0];
    const rows: HomeRow[] = [
      { kind: "latest", dramas: sortDramas(dramas, "latest").slice(0, ROW_SIZE) },
      { kind: "popular", dramas: sortDramas(dramas, "popularity").slice(0, ROW_SIZE) },
      ...(["romance", "historical", "fantasy", "revenge"] as const).map((genre): HomeRow => ({
        kind: "genre",
        value: genre,
        dramas: listDramas(dramas, { genre, sort: "popularity", pageSize: ROW_SIZE }).items,
      })),
      ...(["sweet", "heartbreaking", "suspenseful"] as const).map((vibe): HomeRow => ({
        kind: "vibe",
        value: vibe,
        dramas: listDramas(dramas, { vibe, sort: "popularity", pageSize: ROW_SIZE }).items,
      })),
    ];
    return { featured, rows: rows.filter((row) => row.dramas.length > 0) };
  }

  // The demo data never changes, so one feed for the provider's life: no sorting per request, and
  // the home page's rows HTML, memoised per feed object (app/components/home-rows.server.tsx), is reused.
  const homeFeed = buildHome();

  return {
    name: "local",
    home: async () => homeFeed,
    facets: async () => facets,
    list: async (query: ListQuery): Promise<Page<Drama>> => listDramas(dramas, query),
    search: async (q, page, pageSize) => paginate(searchDramas(dramas, q), page, pageSize),
    getDrama: async (id) => dramaById.get(id) ?? null,
    getDramas: async (ids) =>
      new Map(ids.flatMap((id) => (dramaById.has(id) ? [[id, dramaById.get(id) as Drama] as const] : []))),
    getEpisodes: async (dramaId) => episodesByDrama.get(dramaId) ?? [],
    getEpisode: async (id) => episodeById.get(id) ?? null,
  };
}
