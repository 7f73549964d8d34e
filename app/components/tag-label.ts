import { isMessageKey, type Translate } from "~/i18n";

/** Display label of a genre or vibe slug ("enemies-to-lovers" → "Enemies to lovers"). */
export function labelForTag(t: Translate, slug: string): string {
  const key = `tag.${slug}`;
  if (isMessageKey(key)) return t(key);
  const words = slug.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
