/**
 * The zod side of caption styles (app/lib/caption-style.ts): the settings
 * form, refused whole when any value is outside its list, and stored values
 * (the account's JSON, the preferences cookie), read leniently: a value that
 * is no longer in a list reads as "authored" for that setting only.
 * Pure, no server imports; kept apart from caption-style.ts so the browser
 * bundle that imports that module never pulls in zod.
 */
import { z } from "zod";
import {
  AS_AUTHORED,
  CAPTION_COLOURS,
  CAPTION_EDGES,
  CAPTION_FONTS,
  CAPTION_OPACITIES,
  CAPTION_SIZES,
  captionOverrides,
  captionStyleFrom,
  isAsAuthored,
  type CaptionStyle,
} from "~/lib/caption-style";

/** Every setting, each from its closed list; anything else is refused. */
export const CaptionStyleSchema = z.object({
  size: z.enum(CAPTION_SIZES),
  font: z.enum(CAPTION_FONTS),
  textColour: z.enum(CAPTION_COLOURS),
  textOpacity: z.enum(CAPTION_OPACITIES),
  backgroundColour: z.enum(CAPTION_COLOURS),
  backgroundOpacity: z.enum(CAPTION_OPACITIES),
  windowColour: z.enum(CAPTION_COLOURS),
  windowOpacity: z.enum(CAPTION_OPACITIES),
  edge: z.enum(CAPTION_EDGES),
}) satisfies z.ZodType<CaptionStyle>;

/** The settings form: "save" with every setting, or "reset" (back to as authored; the settings are ignored). */
export const CaptionStyleFormSchema = z.discriminatedUnion("intent", [
  CaptionStyleSchema.extend({ intent: z.literal("save") }),
  z.object({ intent: z.literal("reset") }),
]);

/** A stored style (an object of overrides), leniently: an unknown value reads as "authored"; not an object, null. */
export function readStoredCaptionStyle(value: unknown): CaptionStyle | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  return captionStyleFrom(value);
}

/** The account column's JSON text (null, or anything unreadable: as authored). */
export function parseCaptionStyleJson(json: string | null | undefined): CaptionStyle {
  if (!json) return { ...AS_AUTHORED };
  try {
    return readStoredCaptionStyle(JSON.parse(json)) ?? { ...AS_AUTHORED };
  } catch {
    return { ...AS_AUTHORED };
  }
}

/** What the account column holds for a style: its overrides as JSON, or NULL for as authored. */
export function captionStyleJson(style: CaptionStyle): string | null {
  return isAsAuthored(style) ? null : JSON.stringify(captionOverrides(CaptionStyleSchema.parse(style)));
}
