/**
 * Quality choices for the player, pure: which renditions exist, which HLS
 * levels a choice enables, and which MP4 file a choice plays when HLS cannot
 * be used.
 */

export interface Rendition {
  /** "360p", "720p": the label the menu shows. */
  quality: string;
  height: number;
  src: string;
  /** The menu item's label with what the episode costs in it ("360p · ≈ 4.2 MB"), made by the server. */
  label?: string;
}

/** "auto" or a rendition's `quality`. */
export type QualityChoice = string;
export const AUTO: QualityChoice = "auto";

/** Renditions from the `data-renditions` JSON, lowest first; bad entries are skipped. */
export function parseRenditions(json: string | undefined, fallbackSrc?: string): Rendition[] {
  let parsed: unknown = null;
  if (json) {
    try {
      parsed = JSON.parse(json);
    } catch {
      parsed = null;
    }
  }
  const renditions: Rendition[] = [];
  if (Array.isArray(parsed)) {
    for (const item of parsed) {
      if (!item || typeof item !== "object") continue;
      const { quality, height, src, label } = item as Record<string, unknown>;
      if (typeof src !== "string" || src === "") continue;
      const h = typeof height === "number" && Number.isFinite(height) ? height : Number.parseInt(String(quality), 10);
      if (!Number.isFinite(h) || h <= 0) continue;
      renditions.push({
        quality: typeof quality === "string" && quality ? quality : `${h}p`,
        height: h,
        src,
        ...(typeof label === "string" && label && label.length <= 80 ? { label } : {}),
      });
    }
  }
  if (renditions.length === 0 && fallbackSrc) {
    const h = Number.parseInt(/(\d{3,4})p/.exec(fallbackSrc)?.[1] ?? "", 10);
    renditions.push({
      quality: Number.isFinite(h) ? `${h}p` : "MP4",
      height: Number.isFinite(h) ? h : 0,
      src: fallbackSrc,
    });
  }
  return renditions.sort((a, b) => a.height - b.height);
}

/** Data saver starts at the lowest rendition; otherwise the player adapts. */
export function initialChoice(renditions: readonly Rendition[], dataSaver: boolean): QualityChoice {
  return dataSaver && renditions.length > 0 ? renditions[0].quality : AUTO;
}

/**
 * Which HLS levels (by height) to enable for a choice: all for auto, else
 * the levels of the chosen height. When no level matches (odd encodes), the
 * closest height is used so something always plays.
 */
export function levelsToEnable(
  heights: readonly number[],
  choice: QualityChoice,
  renditions: readonly Rendition[],
): boolean[] {
  if (choice === AUTO || heights.length === 0) return heights.map(() => true);
  const wanted = renditions.find((r) => r.quality === choice)?.height ?? Number.parseInt(choice, 10);
  if (!Number.isFinite(wanted)) return heights.map(() => true);
  const closest = heights.reduce((best, h) => (Math.abs(h - wanted) < Math.abs(best - wanted) ? h : best), heights[0]);
  return heights.map((h) => h === closest);
}

export interface Mp4Context {
  dataSaver: boolean;
  /** The player's height in device pixels (CSS height × devicePixelRatio). */
  screenHeight: number;
  /** navigator.connection.saveData, or a 2g/slow-2g effective type. */
  constrained: boolean;
}

/**
 * The MP4 file for a choice. "auto" without adaptive streaming: the lowest
 * with data saver or a constrained connection, else the smallest rendition
 * that covers the player's height (or the highest if none does).
 */
export function pickMp4(
  renditions: readonly Rendition[],
  choice: QualityChoice,
  context: Mp4Context,
): Rendition | null {
  if (renditions.length === 0) return null;
  const chosen = renditions.find((r) => r.quality === choice);
  if (chosen) return chosen;
  if (context.dataSaver || context.constrained) return renditions[0];
  return renditions.find((r) => r.height >= context.screenHeight) ?? renditions[renditions.length - 1];
}
