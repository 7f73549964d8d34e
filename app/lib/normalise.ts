/**
 * Text folding for search, shared by the catalog's search (app/catalog/query.ts)
 * and the transcript's (server and player script alike): lower-case, accents
 * removed, so "Qiáo" finds "Qiao".
 *
 * The Unicode classes are built at run time, not written as `/\p{…}/u` literals:
 * the player script must parse in engines without Unicode property escapes
 * (Chrome < 64, KaiOS 2.5, docs/browsers.md), where a literal would stop the
 * whole bundle. Those engines get the common combining-mark blocks and ASCII
 * and general punctuation instead; everything else (and the server) gets the
 * exact classes.
 */
function unicodeClass(source: string, fallback: string): RegExp {
  try {
    return new RegExp(source, "gu");
  } catch {
    return new RegExp(fallback, "g");
  }
}

/** Combining marks (what NFKD splits accents into). */
const MARKS = unicodeClass("\\p{M}", "[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]");

/** A run of characters that are neither letters nor digits: what separates words. */
export const NOT_WORD = unicodeClass(
  "[^\\p{L}\\p{N}]+",
  "[\\s\\u0000-\\u002f\\u003a-\\u0040\\u005b-\\u0060\\u007b-\\u00bf\\u2000-\\u206f\\u3000-\\u303f\\uff01-\\uff0f]+",
);

/** Lower-case, accents removed, so "Qiáo" finds "Qiao". */
export function normalise(text: string): string {
  return text.normalize("NFKD").replace(MARKS, "").toLowerCase();
}
