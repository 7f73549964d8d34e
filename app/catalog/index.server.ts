/**
 * Picks the catalog provider named by CATALOG_PROVIDER (default "local") and
 * holds the helpers routes use to degrade calmly when the upstream fails:
 *
 * - `getCatalog(locale)`: the provider in the request's language (pass
 *   `await requestLocale(request)`); without a locale, English (admin and
 *   background work that shows no catalog text). Its calls may throw
 *   CatalogUnavailableError.
 * - `requireDrama(id, locale)`: the drama, a 404 Response, or a 503 Response.
 * - `catalogPage(fn)`: runs a loader's catalog calls; CatalogUnavailableError
 *   becomes the 503 "catalog unavailable right now" page (root ErrorBoundary).
 * - `resolveDramas(ids, locale)`: for user pages (My List, history): each id is
 *   "ok", "missing" (the catalog says it no longer exists) or "unavailable".
 */
import { getEnv } from "~/utils/env.server";
import { log } from "~/utils/log.server";
import { notFound } from "~/utils/responses.server";
import { CatalogUnavailableError, isCatalogUnavailable } from "./errors";
import { createHttpCatalog, type HttpCatalogProvider, type HttpCatalogStatus } from "./http.server";
import { createLocalCatalog } from "./local.server";
import { CATALOG_DEFAULT_LANGUAGE, type CatalogProvider, type Drama, type Episode, type Locale } from "./types";

export { CatalogUnavailableError, isCatalogUnavailable };

// One provider per process, made on first use.
let current: CatalogProvider | undefined;

export function getCatalog(locale: Locale = CATALOG_DEFAULT_LANGUAGE): CatalogProvider {
  if (!current) {
    const env = getEnv();
    current =
      env.CATALOG_PROVIDER === "http"
        ? createHttpCatalog({
            baseUrl: env.CATALOG_API_URL as string,
            apiKey: env.CATALOG_API_KEY,
            timeoutMs: env.CATALOG_TIMEOUT_MS,
          })
        : createLocalCatalog();
  }
  return current.locale === locale ? current : current.inLocale(locale);
}

/** Replaces the process's provider (tests); returns the previous one. */
export function setCatalogForTests(provider: CatalogProvider | undefined): CatalogProvider | undefined {
  const previous = current;
  current = provider;
  return previous;
}

function isHttp(provider: CatalogProvider): provider is HttpCatalogProvider {
  return provider.name === "http" && "status" in provider;
}

export type CatalogStatus =
  | HttpCatalogStatus
  | { provider: string; circuit: "closed"; lastSuccessAt: null; lastFailure: null; cache: null; baseUrl: null };

export function catalogStatus(): CatalogStatus {
  const provider = getCatalog();
  if (isHttp(provider)) return provider.status();
  return {
    provider: provider.name,
    circuit: "closed",
    lastSuccessAt: null,
    lastFailure: null,
    cache: null,
    baseUrl: null,
  };
}

/** Empties the provider's cache; false when it has none. */
export function clearCatalogCache(): boolean {
  const provider = getCatalog();
  if (!isHttp(provider)) return false;
  provider.clearCache();
  return true;
}

/** The 503 Response the root ErrorBoundary turns into "catalog unavailable right now". */
export function catalogUnavailable(): Response {
  return new Response("The catalog is unavailable right now.", {
    status: 503,
    statusText: "Catalog Unavailable",
    headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "30", "Cache-Control": "no-store" },
  });
}

/** Runs catalog calls for a page; an unavailable catalog becomes the 503 page. */
export async function catalogPage<T>(run: () => Promise<T>, context: Record<string, unknown> = {}): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isCatalogUnavailable(error)) {
      log.warn("catalog unavailable: answering 503", { ...context, reason: error.reason, status: error.status });
      throw catalogUnavailable();
    }
    throw error;
  }
}

/** Throws a 404 Response when the catalog has no such drama, a 503 one when it cannot say. */
export async function requireDrama(dramaId: string, locale: Locale): Promise<Drama> {
  const drama = await catalogPage(() => getCatalog(locale).getDrama(dramaId), { dramaId });
  if (!drama) throw notFound("Drama not found");
  return drama;
}

export type Resolved<T> = { state: "ok"; value: T } | { state: "missing" } | { state: "unavailable" };

/** Dramas for user pages: never throws for an unavailable catalog. */
export async function resolveDramas(ids: string[], locale: Locale): Promise<Map<string, Resolved<Drama>>> {
  let found: Map<string, Drama>;
  let unavailable = false;
  try {
    found = await getCatalog(locale).getDramas(ids);
  } catch (error) {
    if (!isCatalogUnavailable(error)) throw error;
    log.warn("catalog unavailable: showing user data without some details", { reason: error.reason });
    found = error.partial ?? new Map<string, Drama>();
    unavailable = true;
  }
  return new Map(
    ids.map((id) => {
      const drama = found.get(id);
      const resolved: Resolved<Drama> = drama
        ? { state: "ok", value: drama }
        : { state: unavailable ? "unavailable" : "missing" };
      return [id, resolved];
    }),
  );
}

/** One episode for a user page: never throws for an unavailable catalog. */
export async function resolveEpisode(id: string, locale: Locale): Promise<Resolved<Episode>> {
  try {
    const episode = await getCatalog(locale).getEpisode(id);
    return episode ? { state: "ok", value: episode } : { state: "missing" };
  } catch (error) {
    if (!isCatalogUnavailable(error)) throw error;
    return { state: "unavailable" };
  }
}
