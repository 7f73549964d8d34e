/**
 * Where a viewer's caption style lives (docs/decisions/024-caption-style.md):
 * on the account for a signed-in viewer (`User.captionStyle`, read with the
 * session lookup every signed-in request makes: no query of its own), in the
 * preferences cookie for a visitor. At sign-in a visitor's style is adopted by
 * an account that has none; an account's own style wins.
 */
import { AS_AUTHORED, isAsAuthored, type CaptionStyle } from "~/lib/caption-style";
import { captionStyleJson, parseCaptionStyleJson } from "~/lib/caption-style-schema";
import type { SessionViewer } from "~/models/sessions.server";
import { adoptCaptionStyle, setUserCaptionStyle } from "~/models/users.server";
import { getPreferences, serializePreferences, withCaptionStyle } from "~/utils/preferences.server";

/** The style captions are drawn with for this viewer (`viewer` from getSessionViewer; null for a visitor). */
export async function captionStyleOf(viewer: SessionViewer | null, request: Request): Promise<CaptionStyle> {
  if (viewer) return parseCaptionStyleJson(viewer.captionStyle);
  return (await getPreferences(request)).captionStyle ?? { ...AS_AUTHORED };
}

/**
 * Saves a style where this viewer's lives. Returns the Set-Cookie header to
 * send for a visitor (null for a signed-in viewer: the account holds it).
 */
export async function saveCaptionStyle(
  viewer: SessionViewer | null,
  request: Request,
  style: CaptionStyle,
): Promise<string | null> {
  if (viewer) {
    await setUserCaptionStyle(viewer.userId, captionStyleJson(style));
    return null;
  }
  return serializePreferences(withCaptionStyle(await getPreferences(request), style));
}

/** At sign-in (app/utils/session.server.ts): the visitor's style, if any, goes to an account without one. */
export async function adoptVisitorCaptionStyle(userId: string, request: Request): Promise<void> {
  const style = (await getPreferences(request)).captionStyle;
  if (!style || isAsAuthored(style)) return;
  const json = captionStyleJson(style);
  if (json) await adoptCaptionStyle(userId, json);
}
