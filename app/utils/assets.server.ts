/**
 * URLs of what scripts/build.mjs wrote under public/assets, content hashed so
 * they can be cached for a year: the browser scripts and styles, and public
 * files that pages link (the demo posters).
 */
import fs from "node:fs";
import path from "node:path";

export interface Assets {
  htmx: string;
  enhance: string;
  player: string;
  /** The HLS engine the player loads where it streams through media source extensions. */
  playerHls: string;
  playerCss: string;
  /** The caption settings page's preview script (/settings/captions). */
  captionStyle: string;
  /** The binge feed's script (/drama/:id/feed). */
  feed: string;
}

interface Manifest extends Assets {
  /** A public file's path ("/posters/x.svg") → its fingerprinted copy ("/assets/posters/x-<hash>.svg"). */
  files?: Record<string, string>;
}

let cached: { assets: Assets; files: ReadonlyMap<string, string> } | undefined;

function manifest(): NonNullable<typeof cached> {
  if (!cached) {
    const file = path.resolve("public", "assets", "manifest.json");
    let parsed: Manifest;
    try {
      parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
    } catch {
      throw new Error(`Missing ${file}: run "npm run build" first.`);
    }
    const { files, ...assets } = parsed;
    cached = { assets, files: new Map(Object.entries(files ?? {})) };
  }
  return cached;
}

export function getAssets(): Assets {
  return manifest().assets;
}

/**
 * The fingerprinted URL of a file under public/ ("/posters/x.svg"), or the URL
 * unchanged when the build did not fingerprint it (another site's, or unknown),
 * or when there is no build.
 */
export function fingerprinted(url: string): string {
  if (!url.startsWith("/")) return url;
  try {
    return manifest().files.get(url) ?? url;
  } catch {
    // No build (a catalog used by a script or a test): the plain path, which is served as well.
    return url;
  }
}
