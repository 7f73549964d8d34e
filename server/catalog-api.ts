/**
 * A catalog API implementing docs/catalog-api.md over any CatalogProvider
 * (by default the bundled demo catalog). Used by `npm run catalog:serve`
 * (server/catalog-serve.ts), by the tests' fault-injecting upstream and by
 * the benchmark. Plain node:http: no framework, nothing Dracin-specific.
 *
 * Languages: `?lang=<code>` on any request. `title`, `synopsis` and episode
 * `title` are always the English (default-language) text; where the catalog has
 * them in the asked language, `translations.<code>` carries them too. Search
 * matches words of every language. An unknown or missing `lang` answers English only.
 */
import crypto from "node:crypto";
import http from "node:http";
import { z } from "zod";
import { createLocalCatalog } from "../app/catalog/local.server";
import { MAX_PAGE_SIZE } from "../app/catalog/query";
import {
  CATALOG_DEFAULT_LANGUAGE,
  DRAMA_STATUSES,
  SORT_ORDERS,
  type CatalogProvider,
  type Drama,
  type Episode,
  type Locale,
} from "../app/catalog/types";
import { isLocale } from "../app/i18n/catalog";

export interface CatalogApiOptions {
  catalog?: CatalogProvider;
  /** When set, every /v1 request needs `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Prefix for media paths ("/media/…", "/posters/…"), e.g. "https://cdn.example". Default: none (paths on the Dracin site). */
  mediaBaseUrl?: string;
  /** When set, episodes carry `expiresAt` this many seconds ahead (signed-URL style). */
  streamTtlSeconds?: number;
}

const ListParams = z.object({
  genre: z.string().max(60).optional(),
  vibe: z.string().max(60).optional(),
  year: z.coerce.number().int().min(1900).max(3000).optional(),
  status: z.enum(DRAMA_STATUSES).optional(),
  subtitles: z.string().min(1).max(35).optional(),
  descriptions: z.string().min(1).max(35).optional(),
  sort: z.enum(SORT_ORDERS).default("latest"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(24),
});
const SearchParams = z.object({
  q: z.string().max(200).default(""),
  subtitles: z.string().min(1).max(35).optional(),
  descriptions: z.string().min(1).max(35).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(24),
});
const IdsParam = z
  .string()
  .max(10_000)
  .transform((value) => value.split(",").filter(Boolean))
  .pipe(z.array(z.string().max(150)).max(100));

export type JsonAnswer = { status: number; body: unknown; headers?: Record<string, string> };

function error(status: number, code: string, message: string): JsonAnswer {
  return { status, body: { error: { code, message } } };
}

function sameKey(given: string, expected: string): boolean {
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** Answers one request of the contract; exported so a test upstream can wrap it. */
export function createCatalogApi(options: CatalogApiOptions = {}) {
  const english = (options.catalog ?? createLocalCatalog()).inLocale(CATALOG_DEFAULT_LANGUAGE);
  const media = (url: string) => (options.mediaBaseUrl && url.startsWith("/") ? `${options.mediaBaseUrl}${url}` : url);

  /** `{ translations: { <lang>: texts } }` for the texts given (none: no field at all). */
  function translations(lang: Locale, texts: Record<string, string | null>) {
    const found = Object.entries(texts).filter((entry): entry is [string, string] => entry[1] !== null);
    return found.length > 0 ? { translations: { [lang]: Object.fromEntries(found) } } : {};
  }

  /** The wire drama: the English texts, plus those of `localized` that really are in `lang`. */
  function drama(base: Drama, localized: Drama | undefined, lang: Locale) {
    const { titleLang: _t, synopsisLang: _s, ...fields } = base;
    return {
      ...fields,
      posterUrl: media(base.posterUrl),
      ...(localized && lang !== CATALOG_DEFAULT_LANGUAGE
        ? translations(lang, {
            title: localized.titleLang === lang ? localized.title : null,
            synopsis: localized.synopsisLang === lang ? localized.synopsis : null,
          })
        : {}),
    };
  }

  function episode(base: Episode, localized: Episode | undefined, lang: Locale) {
    const { titleLang: _t, ...fields } = base;
    return {
      ...fields,
      thumbnailUrl: media(base.thumbnailUrl),
      streams: { hls: media(base.streams.hls), mp4: base.streams.mp4.map((r) => ({ ...r, src: media(r.src) })) },
      subtitles: base.subtitles.map((s) => ({ ...s, src: media(s.src) })),
      descriptions: base.descriptions.map((s) => ({ ...s, src: media(s.src) })),
      ...(options.streamTtlSeconds
        ? { expiresAt: new Date(Date.now() + options.streamTtlSeconds * 1000).toISOString() }
        : {}),
      ...(localized && localized.titleLang === lang && lang !== CATALOG_DEFAULT_LANGUAGE
        ? translations(lang, { title: localized.title })
        : {}),
    };
  }

  return async function answer(method: string, rawUrl: string, authorization: string | undefined): Promise<JsonAnswer> {
    const url = new URL(rawUrl, "http://catalog.invalid");
    if (url.pathname === "/healthz") return { status: 200, body: { status: "ok" } };
    if (!url.pathname.startsWith("/v1/")) return error(404, "not_found", "No such endpoint.");
    if (options.apiKey) {
      const given = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
      if (!given || !sameKey(given, options.apiKey)) {
        return {
          ...error(401, "unauthorized", "A valid `Authorization: Bearer <key>` header is required."),
          headers: { "WWW-Authenticate": "Bearer" },
        };
      }
    }
    if (method !== "GET" && method !== "HEAD") {
      return { ...error(405, "method_not_allowed", "Only GET is supported."), headers: { Allow: "GET, HEAD" } };
    }
    const { lang: rawLang, ...query } = Object.fromEntries(url.searchParams);
    // A language the catalog does not know answers in English only, like a drama it has not translated.
    const lang: Locale = isLocale(rawLang) ? rawLang : CATALOG_DEFAULT_LANGUAGE;
    // The view in the asked language: it orders and searches; `english` gives the default-language fields.
    const catalog = english.inLocale(lang);
    const parts = url.pathname.slice("/v1/".length).split("/").map(decodeURIComponent);

    /** Dramas of the localized view on the wire (their English fields looked up by id). */
    async function dramas(list: Drama[]) {
      const base = lang === CATALOG_DEFAULT_LANGUAGE ? null : await english.getDramas(list.map((d) => d.id));
      return list.map((d) => drama(base?.get(d.id) ?? d, d, lang));
    }
    async function page<T extends { items: Drama[] }>(p: T) {
      return { ...p, items: await dramas(p.items) };
    }

    if (parts.length === 1 && parts[0] === "home") {
      const home = await catalog.home();
      const [featured] = await dramas([home.featured]);
      const rows = await Promise.all(home.rows.map(async (r) => ({ ...r, dramas: await dramas(r.dramas) })));
      return { status: 200, body: { featured, rows } };
    }
    if (parts.length === 1 && parts[0] === "facets") return { status: 200, body: await catalog.facets() };
    if (parts.length === 1 && parts[0] === "search") {
      const parsed = SearchParams.safeParse(query);
      if (!parsed.success)
        return error(
          400,
          "bad_request",
          parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
        );
      return {
        status: 200,
        body: await page(
          await catalog.search(parsed.data.q, parsed.data.page, parsed.data.pageSize, {
            subtitles: parsed.data.subtitles,
            descriptions: parsed.data.descriptions,
          }),
        ),
      };
    }
    if (parts[0] === "dramas" && parts.length === 1) {
      if (url.searchParams.has("ids")) {
        const ids = IdsParam.safeParse(url.searchParams.get("ids"));
        if (!ids.success) return error(400, "bad_request", "ids: at most 100 comma-separated ids");
        const found = await catalog.getDramas(ids.data);
        return {
          status: 200,
          body: { items: await dramas(ids.data.flatMap((id) => (found.has(id) ? [found.get(id) as Drama] : []))) },
        };
      }
      const parsed = ListParams.safeParse(query);
      if (!parsed.success)
        return error(
          400,
          "bad_request",
          parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
        );
      return { status: 200, body: await page(await catalog.list(parsed.data)) };
    }
    if (parts[0] === "dramas" && parts.length === 2) {
      const found = await catalog.getDrama(parts[1]);
      return found ? { status: 200, body: (await dramas([found]))[0] } : error(404, "not_found", "No such drama.");
    }
    if (parts[0] === "dramas" && parts.length === 3 && parts[2] === "episodes") {
      const found = await catalog.getDrama(parts[1]);
      if (!found) return error(404, "not_found", "No such drama.");
      const [base, localized] = await Promise.all([english.getEpisodes(parts[1]), catalog.getEpisodes(parts[1])]);
      const byId = new Map(localized.map((e) => [e.id, e]));
      return { status: 200, body: { items: base.map((e) => episode(e, byId.get(e.id), lang)) } };
    }
    if (parts[0] === "episodes" && parts.length === 2) {
      const [base, localized] = await Promise.all([english.getEpisode(parts[1]), catalog.getEpisode(parts[1])]);
      return base
        ? { status: 200, body: episode(base, localized ?? undefined, lang) }
        : error(404, "not_found", "No such episode.");
    }
    return error(404, "not_found", "No such endpoint.");
  };
}

export function writeJson(res: http.ServerResponse, method: string, result: JsonAnswer) {
  const body = JSON.stringify(result.body);
  res.writeHead(result.status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    ...result.headers,
  });
  res.end(method === "HEAD" ? undefined : body);
}

/** An http.Server answering the contract (not yet listening). */
export function createCatalogApiServer(options: CatalogApiOptions = {}): http.Server {
  const answer = createCatalogApi(options);
  return http.createServer((req, res) => {
    answer(req.method ?? "GET", req.url ?? "/", req.headers.authorization)
      .then((result) => writeJson(res, req.method ?? "GET", result))
      .catch(() => writeJson(res, "GET", error(500, "internal", "Something went wrong.")));
  });
}
