/**
 * URLs of the browser scripts and styles built by scripts/build.mjs (content
 * hashed, so they can be cached for a year).
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
}

let cached: Assets | undefined;

export function getAssets(): Assets {
  if (!cached) {
    const file = path.resolve("public", "assets", "manifest.json");
    try {
      cached = JSON.parse(fs.readFileSync(file, "utf8")) as Assets;
    } catch {
      throw new Error(`Missing ${file}: run "npm run build" first.`);
    }
  }
  return cached;
}
