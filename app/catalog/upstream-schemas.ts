/**
 * zod schemas for every payload of the catalog API (docs/catalog-api.md,
 * docs/catalog-api.openapi.yaml). Parsed at the boundary in http.server.ts;
 * nothing here reaches a route: the provider maps these onto ./types.
 *
 * Unknown fields are ignored (an upstream may add fields); missing or
 * mistyped fields make the whole payload invalid. Translations are the
 * exception: an invalid or empty translated text is dropped (the page shows
 * the default-language text instead), so a bad translation never breaks a page.
 */
import { z } from "zod";
import { DRAMA_STATUSES, ORIENTATIONS } from "./types";

/** Absolute http(s) URL, or a path on the Dracin site ("/media/…", "/posters/…"). */
const MediaUrl = z
  .string()
  .min(1)
  .max(2048)
  .refine((value) => (value.startsWith("/") && !value.startsWith("//")) || /^https?:\/\//.test(value), {
    message: "must be an absolute http(s) URL or a path starting with /",
  });

const Id = z
  .string()
  .min(1)
  .max(150)
  .regex(/^[A-Za-z0-9._~-]+$/, { message: "must be URL-safe ([A-Za-z0-9._~-])" });

/** A translated text: kept when it is a non-empty string within `max`, else dropped (fallback). */
const TranslatedText = (max: number) => z.string().trim().min(1).max(max).optional().catch(undefined);

/**
 * `translations`: by language code (the `lang` Dracin asked for, maybe others), the
 * texts the API has in that language. Anything unusable in it counts as "not translated".
 */
const Translations = <T extends z.ZodType>(entry: T) =>
  z
    .record(z.string().min(1).max(35), entry.catch(undefined as z.output<T>))
    .optional()
    .catch(undefined);

export const UpstreamDramaTranslationSchema = z.object({
  title: TranslatedText(300),
  synopsis: TranslatedText(10_000),
});
export const UpstreamEpisodeTranslationSchema = z.object({ title: TranslatedText(300) });

export const UpstreamDramaSchema = z.object({
  id: Id,
  title: z.string().min(1).max(300),
  originalTitle: z.string().max(300).default(""),
  synopsis: z.string().max(10_000).default(""),
  year: z.number().int().min(1900).max(3000),
  status: z.enum(DRAMA_STATUSES),
  genres: z.array(z.string().max(60)).max(30).default([]),
  vibes: z.array(z.string().max(60)).max(30).default([]),
  cast: z.array(z.string().max(200)).max(100).default([]),
  rating: z.number().min(0).max(10),
  popularity: z.number().min(0),
  posterUrl: MediaUrl,
  addedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}/, { message: "must be an ISO date" }),
  episodeCount: z.number().int().min(0),
  /** Languages every episode carries (the API's claim; the drama page checks it against the episodes). */
  tracks: z
    .object({
      subtitles: z.array(z.string().min(1).max(35)).max(50).default([]),
      descriptions: z.array(z.string().min(1).max(35)).max(50).default([]),
    })
    .default({ subtitles: [], descriptions: [] }),
  /** The picture's shape; absent (an API from before vertical dramas) = landscape, an unknown value is refused. */
  orientation: z.enum(ORIENTATIONS).default("landscape"),
  translations: Translations(UpstreamDramaTranslationSchema),
});
export type UpstreamDrama = z.infer<typeof UpstreamDramaSchema>;

export const UpstreamDramaPageSchema = z.object({
  items: z.array(UpstreamDramaSchema),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  total: z.number().int().min(0),
  totalPages: z.number().int().min(1),
});

export const UpstreamDramaBatchSchema = z.object({ items: z.array(UpstreamDramaSchema) });

export const UpstreamHomeSchema = z.object({
  featured: UpstreamDramaSchema,
  rows: z.array(
    z.object({
      kind: z.enum(["latest", "popular", "genre", "vibe"]),
      value: z.string().max(60).optional(),
      dramas: z.array(UpstreamDramaSchema),
    }),
  ),
});

export const UpstreamFacetsSchema = z.object({
  genres: z.array(z.string().max(60)),
  vibes: z.array(z.string().max(60)),
  years: z.array(z.number().int()),
});

/** A WebVTT track: captions or descriptions in one language. */
const TextTrack = z.object({ lang: z.string().min(1).max(35), label: z.string().max(100), src: MediaUrl });

export const UpstreamEpisodeSchema = z.object({
  id: Id,
  dramaId: Id,
  number: z.number().int().min(1),
  title: z.string().max(300),
  duration: z.number().positive(),
  streams: z.object({
    hls: MediaUrl,
    mp4: z.array(
      z.object({
        quality: z.string().max(20),
        height: z.number().int().positive(),
        src: MediaUrl,
        // Bits per second; absent from an upstream that does not know it (then no size is shown).
        bitrate: z.number().int().positive().max(1_000_000_000).optional(),
      }),
    ),
  }),
  subtitles: z.array(TextTrack).default([]),
  descriptions: z.array(TextTrack).default([]),
  thumbnailUrl: MediaUrl,
  /** When the stream URLs stop working (signed URLs); absent = they do not expire. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  translations: Translations(UpstreamEpisodeTranslationSchema),
});
export type UpstreamEpisode = z.infer<typeof UpstreamEpisodeSchema>;

export const UpstreamEpisodeListSchema = z.object({ items: z.array(UpstreamEpisodeSchema) });

export const UpstreamErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
