/**
 * The cues of a caption or description track, for the transcript the watch
 * page renders. A track's `src` is a site path (`/media/sample-1/subs.en.vtt`,
 * read from public/) or an absolute http(s) URL from the HTTP catalog
 * (fetched with a timeout and a size limit). Parsed cues are kept in a
 * bounded in-process LRU keyed by `src`; a failure is kept briefly too, so a
 * broken file is not read again on every page view.
 *
 * Nothing here throws: a track that cannot be read or parsed is `null`, and
 * the page says "transcript unavailable" (logged as a warning with the src).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { LRUCache } from "lru-cache";
import { errors as undiciErrors, request } from "undici";
import { parseWebVtt, DEFAULT_MAX_CHARS, type VttCue } from "~/lib/webvtt";
import { log } from "~/utils/log.server";

/** Largest track file read or fetched. */
export const MAX_TRACK_BYTES = DEFAULT_MAX_CHARS;
/** Time allowed for fetching a remote track (headers and body). */
export const TRACK_TIMEOUT_MS = 2000;
const CACHE_ENTRIES = 200;
/** Parsed tracks are kept this long (remote files may change). */
const CACHE_TTL_MS = 10 * 60 * 1000;
/** A track that failed is tried again after this long. */
const FAILURE_TTL_MS = 30 * 1000;

type Cached = { cues: VttCue[] } | { cues: null };

const cache = new LRUCache<string, Cached>({ max: CACHE_ENTRIES, ttl: CACHE_TTL_MS });
const inFlight = new Map<string, Promise<VttCue[] | null>>();

let publicRoot = path.resolve("public");

/** Points site paths at another folder (tests); returns the previous one. Clears the cache. */
export function setPublicRootForTests(folder: string): string {
  const previous = publicRoot;
  publicRoot = path.resolve(folder);
  cache.clear();
  return previous;
}

export function clearTrackCache(): void {
  cache.clear();
}

class TrackError extends Error {}

/** The file under public/ a site path names, or a TrackError when it would leave public/ or is not .vtt. */
async function localFile(src: string): Promise<string> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(src, "http://site.invalid").pathname);
  } catch {
    throw new TrackError("not a valid path");
  }
  if (pathname.includes("\0") || !pathname.toLowerCase().endsWith(".vtt")) throw new TrackError("not a .vtt path");
  const root = await fs.realpath(publicRoot);
  const file = path.resolve(root, `.${pathname}`);
  if (!file.startsWith(root + path.sep)) throw new TrackError("outside public/");
  // Through a symbolic link, the real file must still be inside public/.
  const real = await fs.realpath(file);
  if (!real.startsWith(root + path.sep)) throw new TrackError("outside public/");
  return real;
}

async function readLocal(src: string): Promise<string> {
  const file = await localFile(src);
  const handle = await fs.open(file, "r");
  try {
    const { size } = await handle.stat();
    if (size > MAX_TRACK_BYTES) throw new TrackError(`too large (${size} bytes)`);
    return (await handle.readFile()).toString("utf8");
  } finally {
    await handle.close();
  }
}

/** Stops reading a body; its "aborted" error then has a listener (an unheard stream error would end the process). */
function discard(body: { on(event: "error", listener: () => void): unknown; destroy(): unknown }): void {
  body.on("error", () => {});
  body.destroy();
}

async function fetchRemote(src: string): Promise<string> {
  const signal = AbortSignal.timeout(TRACK_TIMEOUT_MS);
  let response;
  try {
    response = await request(src, {
      method: "GET",
      headers: { accept: "text/vtt, text/plain;q=0.5" },
      signal,
      headersTimeout: TRACK_TIMEOUT_MS,
      bodyTimeout: TRACK_TIMEOUT_MS,
      maxRedirections: 0,
    });
  } catch (error) {
    if (error instanceof undiciErrors.UndiciError || (error as Error).name === "AbortError") {
      throw new TrackError((error as Error).message);
    }
    throw error;
  }
  const { statusCode, headers, body } = response;
  if (statusCode !== 200) {
    body.dump().catch(() => {});
    throw new TrackError(`answered ${statusCode}`);
  }
  const declared = Number(headers["content-length"]);
  if (Number.isFinite(declared) && declared > MAX_TRACK_BYTES) {
    discard(body);
    throw new TrackError(`too large (${declared} bytes)`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_TRACK_BYTES) {
      discard(body);
      throw new TrackError(`larger than ${MAX_TRACK_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function isRemote(src: string): boolean {
  return /^https?:\/\//i.test(src);
}

function isSitePath(src: string): boolean {
  return src.startsWith("/") && !src.startsWith("//") && !src.includes("\\");
}

async function load(src: string): Promise<VttCue[] | null> {
  try {
    let text: string;
    if (isRemote(src)) text = await fetchRemote(src);
    else if (isSitePath(src)) text = await readLocal(src);
    else throw new TrackError("neither a site path nor an http(s) URL");
    return parseWebVtt(text);
  } catch (error) {
    log.warn("transcript track unavailable", { src, error: (error as Error).message });
    return null;
  }
}

/** The track's cues, sorted by start; null when it cannot be read or is not WebVTT. */
export async function trackCues(src: string): Promise<VttCue[] | null> {
  const cached = cache.get(src);
  if (cached) return cached.cues;
  let pending = inFlight.get(src);
  if (!pending) {
    pending = load(src).then((cues) => {
      cache.set(src, { cues }, cues ? undefined : { ttl: FAILURE_TTL_MS });
      inFlight.delete(src);
      return cues;
    });
    inFlight.set(src, pending);
  }
  return pending;
}
