/**
 * The "local" provider: the bundled demo catalog (app/catalog/demo-data.ts,
 * its Indonesian text in demo-data.id.ts) with the sample media. Zero set-up;
 * the default.
 *
 * Each locale gets its own view, built on first use and kept: the data never
 * changes, so a view's lists, home feed and episode lists are made once (the
 * home page memoises its rows' HTML per feed object, so one feed per view).
 */
import { DEMO_DRAMAS, FEATURED_DRAMA_ID, GENRES, VIBES, type DemoDrama } from "./demo-data";
import { DEMO_TRANSLATIONS_ID } from "./demo-data.id";
import { fingerprinted } from "~/utils/assets.server";
import { samplesFor } from "./media";
import { hasTracks, listDramas, paginate, searchDramas, sortDramas, type SearchText } from "./query";
import { dramaTracks } from "./tracks";
import {
  CATALOG_DEFAULT_LANGUAGE,
  type CatalogProvider,
  type Drama,
  type Episode,
  type Facets,
  type HomeFeed,
  type HomeRow,
  type ListQuery,
  type Locale,
  type Page,
} from "./types";

const ROW_SIZE = 12;

export function episodeId(dramaId: string, number: number): string {
  return `${dramaId}-ep-${number}`;
}

/** The demo dramas with their Indonesian text attached. */
export const DEMO_CATALOG: readonly DemoDrama[] = DEMO_DRAMAS.map((drama) => ({
  ...drama,
  translations: { ...drama.translations, id: DEMO_TRANSLATIONS_ID[drama.id] },
}));

/** `translated` when there is one (non-empty), else the default-language text; with the language it is in. */
export function textIn(locale: Locale, base: string, translated: string | undefined): [string, Locale] {
  return translated && translated.trim() ? [translated, locale] : [base, CATALOG_DEFAULT_LANGUAGE];
}

function localizeDrama(demo: DemoDrama, locale: Locale, episodes: readonly Episode[]): Drama {
  const {
    episodeTitles,
    translations,
    audioDescribed: _described,
    announcedEpisodes,
    orientation = "landscape",
    ...rest
  } = demo;
  const translation = locale === CATALOG_DEFAULT_LANGUAGE ? undefined : translations?.[locale];
  const [title, titleLang] = textIn(locale, demo.title, translation?.title);
  const [synopsis, synopsisLang] = textIn(locale, demo.synopsis, translation?.synopsis);
  return {
    ...rest,
    title,
    titleLang,
    synopsis,
    synopsisLang,
    posterUrl: fingerprinted(`/posters/${demo.id}.svg`),
    // Announced, or all there are: the episodes available now are the ones listed (getEpisodes).
    episodeCount: Math.max(announcedEpisodes ?? 0, episodeTitles.length),
    tracks: dramaTracks(episodes),
    orientation,
  };
}

function buildEpisodes(demo: DemoDrama, dramaIndex: number, locale: Locale): Episode[] {
  const translated = locale === CATALOG_DEFAULT_LANGUAGE ? undefined : demo.translations?.[locale]?.episodeTitles;
  // A portrait drama plays the vertical samples, and its episodes' stills are 9:16 like its picture.
  const orientation = demo.orientation ?? "landscape";
  const samples = samplesFor(orientation);
  const thumbnailUrl = fingerprinted(
    orientation === "portrait" ? `/posters/${demo.id}.portrait.svg` : `/posters/${demo.id}.svg`,
  );
  return demo.episodeTitles.map((english, index) => {
    const media = samples[(dramaIndex + index) % samples.length];
    const [title, titleLang] = textIn(locale, english, translated?.[index]);
    return {
      id: episodeId(demo.id, index + 1),
      dramaId: demo.id,
      number: index + 1,
      title,
      titleLang,
      duration: media.duration,
      streams: media.streams,
      subtitles: media.subtitles,
      descriptions: demo.audioDescribed ? media.descriptions : [],
      thumbnailUrl,
    };
  });
}

/** Every language's title and synopsis of a drama, so search finds it by words of any of them. */
function searchTexts(demo: DemoDrama): SearchText[] {
  return [
    { title: demo.title, synopsis: demo.synopsis },
    ...Object.values(demo.translations ?? {}).map((translation) => ({
      title: translation?.title ?? "",
      synopsis: translation?.synopsis ?? "",
    })),
  ];
}

export function createLocalCatalog(source: readonly DemoDrama[] = DEMO_CATALOG): CatalogProvider {
  const textsById = new Map(source.map((demo) => [demo.id, searchTexts(demo)]));
  const genres = new Set(source.flatMap((demo) => demo.genres));
  const vibes = new Set(source.flatMap((demo) => demo.vibes));
  const facets: Facets = {
    genres: GENRES.filter((genre) => genres.has(genre)),
    vibes: VIBES.filter((vibe) => vibes.has(vibe)),
    years: [...new Set(source.map((demo) => demo.year))].sort((a, b) => b - a),
  };
  const views = new Map<Locale, CatalogProvider>();

  function buildView(locale: Locale): CatalogProvider {
    const episodesByDrama = new Map(source.map((demo, index) => [demo.id, buildEpisodes(demo, index, locale)]));
    const dramas = source.map((demo) => localizeDrama(demo, locale, episodesByDrama.get(demo.id) ?? []));
    const dramaById = new Map(dramas.map((drama) => [drama.id, drama]));
    const episodeById = new Map([...episodesByDrama.values()].flat().map((episode) => [episode.id, episode]));

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

    // One feed for the view's life: no sorting per request, and the home page's rows HTML,
    // memoised per feed object (app/components/home-rows.server.tsx), is reused.
    const homeFeed = buildHome();

    return {
      name: "local",
      locale,
      inLocale: view,
      home: async () => homeFeed,
      facets: async () => facets,
      list: async (query: ListQuery): Promise<Page<Drama>> => listDramas(dramas, query),
      search: async (q, page, pageSize, tracks = {}) =>
        paginate(
          searchDramas(dramas, q, (drama) => textsById.get(drama.id) ?? [drama]).filter((drama) =>
            hasTracks(drama, tracks),
          ),
          page,
          pageSize,
        ),
      getDrama: async (id) => dramaById.get(id) ?? null,
      getDramas: async (ids) =>
        new Map(ids.flatMap((id) => (dramaById.has(id) ? [[id, dramaById.get(id) as Drama] as const] : []))),
      getEpisodes: async (dramaId) => episodesByDrama.get(dramaId) ?? [],
      getEpisode: async (id) => episodeById.get(id) ?? null,
    };
  }

  function view(locale: Locale): CatalogProvider {
    let found = views.get(locale);
    if (!found) views.set(locale, (found = buildView(locale)));
    return found;
  }

  return view(CATALOG_DEFAULT_LANGUAGE);
}
