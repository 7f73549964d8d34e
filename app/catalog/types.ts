/**
 * Dracin's own catalog types. Every provider maps its source (bundled demo
 * data, an upstream HTTP API, ...) onto these shapes; routes never see
 * anything else.
 *
 * Text (drama titles, synopses, episode titles) comes in the language a page
 * asks for: a provider is a view of the catalog bound to one locale
 * (`getCatalog(locale)`), and each text says which language it is actually in,
 * because a text the catalog has not translated falls back to the catalog's
 * default language (CATALOG_DEFAULT_LANGUAGE) instead of breaking the page.
 */
import type { Locale } from "../i18n/catalog";

export type { Locale };

/** The language every catalog text exists in; translations into other locales are optional. */
export const CATALOG_DEFAULT_LANGUAGE: Locale = "en";

export const DRAMA_STATUSES = ["ongoing", "completed"] as const;
export type DramaStatus = (typeof DRAMA_STATUSES)[number];

/**
 * The shape of a drama's picture: "landscape" (16:9, as TV and film) or "portrait" (9:16, the vertical
 * short dramas made for phones). Every episode of a drama has the same one; the player frames it by this.
 */
export const ORIENTATIONS = ["landscape", "portrait"] as const;
export type Orientation = (typeof ORIENTATIONS)[number];

export const SORT_ORDERS = ["latest", "rating", "popularity"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export interface Subtitle {
  /** BCP 47 language tag, e.g. "en", "id". */
  lang: string;
  /** Human label shown in the captions menu, e.g. "English". */
  label: string;
  /** Same-origin URL of a WebVTT file. */
  src: string;
}

export interface StreamRendition {
  /** "360p" | "720p" ... */
  quality: string;
  height: number;
  /** URL of a progressive MP4 (H.264/AAC). */
  src: string;
  /**
   * Average bits per second of the file, audio and video (ffprobe's format bit_rate), when the catalog knows
   * it: what an episode costs to watch is this × its duration (app/lib/data-cost.ts). Absent: no estimate.
   */
  bitrate?: number;
}

export interface EpisodeStreams {
  /** HLS master playlist URL (adaptive). */
  hls: string;
  /** Progressive MP4 renditions, lowest first. */
  mp4: StreamRendition[];
}

/**
 * What a drama's episodes carry, for honest badges and filters: a language is
 * listed only when every episode has that track.
 */
export interface DramaTracks {
  /** Caption languages (BCP 47). */
  subtitles: string[];
  /** Description languages (BCP 47): audio description. */
  descriptions: string[];
}

export interface Drama {
  id: string;
  /** In the view's locale when translated, else in CATALOG_DEFAULT_LANGUAGE (see titleLang). */
  title: string;
  /** The language `title` is in: the view's locale, or the default language it fell back to. */
  titleLang: Locale;
  /** Title in Chinese characters, shown as a subtitle (always `lang="zh"` in views). */
  originalTitle: string;
  /** In the view's locale when translated, else in CATALOG_DEFAULT_LANGUAGE (see synopsisLang). */
  synopsis: string;
  synopsisLang: Locale;
  year: number;
  status: DramaStatus;
  genres: string[];
  vibes: string[];
  cast: string[];
  /** 0–10. */
  rating: number;
  /** Relative popularity score; higher is more popular. */
  popularity: number;
  posterUrl: string;
  /** ISO date the drama was added to the catalog (drives "latest"). */
  addedAt: string;
  episodeCount: number;
  tracks: DramaTracks;
  /** The shape of every episode's picture (and of its thumbnails). */
  orientation: Orientation;
}

export interface Episode {
  id: string;
  dramaId: string;
  /** 1-based. */
  number: number;
  /** In the view's locale when translated, else in CATALOG_DEFAULT_LANGUAGE (see titleLang). */
  title: string;
  titleLang: Locale;
  /** Seconds; matches the media. */
  duration: number;
  streams: EpisodeStreams;
  /** Captions (`<track kind="captions">`), one per language. */
  subtitles: Subtitle[];
  /**
   * Text descriptions of what is seen (`<track kind="descriptions">`), one per
   * language: read aloud or sent to a screen reader by the player, and shown in
   * the transcript. Empty when the episode has none.
   */
  descriptions: Subtitle[];
  /** Poster-like still for the episode (may be the drama poster). */
  thumbnailUrl: string;
}

/** The text tracks a list or search asks every episode of a drama to carry. */
export interface TrackFilter {
  /** Only dramas whose every episode has captions in this language. */
  subtitles?: string;
  /** Only dramas whose every episode has descriptions (audio description) in this language. */
  descriptions?: string;
}

export interface ListQuery extends TrackFilter {
  genre?: string;
  vibe?: string;
  year?: number;
  status?: DramaStatus;
  sort?: SortOrder;
  /** 1-based page number. */
  page?: number;
  pageSize?: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}

export interface HomeRow {
  /** What the row lists; the view turns this into a heading and a "See all" link. */
  kind: "latest" | "popular" | "genre" | "vibe";
  /** The genre or vibe slug for those kinds. */
  value?: string;
  dramas: Drama[];
}

export interface HomeFeed {
  featured: Drama;
  rows: HomeRow[];
}

export interface Facets {
  genres: string[];
  vibes: string[];
  years: number[];
}

/**
 * What the pages need from a catalog, in one language. Implementations live
 * beside this file; each is created in CATALOG_DEFAULT_LANGUAGE and hands out
 * its other languages with `inLocale` (views of one catalog share its caches
 * and connections). Genres and vibes are slugs in every language: the views
 * name them with `tag.<slug>` messages, and URLs keep the slugs.
 */
export interface CatalogProvider {
  readonly name: string;
  /** The language this view answers in. */
  readonly locale: Locale;
  /** The same catalog answering in `locale` (memoised: the same object each time). */
  inLocale(locale: Locale): CatalogProvider;
  home(): Promise<HomeFeed>;
  facets(): Promise<Facets>;
  list(query: ListQuery): Promise<Page<Drama>>;
  /** Matches words of every language the catalog holds, whatever this view's locale. */
  search(q: string, page?: number, pageSize?: number, tracks?: TrackFilter): Promise<Page<Drama>>;
  getDrama(id: string): Promise<Drama | null>;
  getDramas(ids: string[]): Promise<Map<string, Drama>>;
  getEpisodes(dramaId: string): Promise<Episode[]>;
  getEpisode(id: string): Promise<Episode | null>;
}
