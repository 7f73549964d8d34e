/**
 * /settings/captions: how captions look (text size, font, colours and
 * opacities, character edge; app/lib/caption-style.ts). A plain form that
 * works without JavaScript: it posts here and is redirected back (303) with a
 * notice. Signed-in viewers keep the style on their account, visitors in the
 * preferences cookie (app/utils/caption-style.server.ts). The sample caption
 * is drawn by the server with the saved style; with JavaScript the page's
 * small script (app/client/caption-style.ts) redraws it while choosing.
 * The page is per viewer (a CSRF token, the viewer's own style): never cached.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { FormError } from "~/components/field";
import { translator, useLocale, useT, type Locale, type MessageKey, type Translate } from "~/i18n";
import { isLocale } from "~/i18n/catalog";
import { formatPercent } from "~/i18n/format";
import { requestLocale } from "~/i18n/locale.server";
import { metaTranslator, pageMeta } from "~/i18n/meta";
import {
  AS_AUTHORED,
  AUTHORED,
  CAPTION_SETTINGS,
  previewCss,
  type CaptionSetting,
  type CaptionStyle,
} from "~/lib/caption-style";
import { CaptionStyleFormSchema } from "~/lib/caption-style-schema";
import { captionStyleOf, saveCaptionStyle } from "~/utils/caption-style.server";
import { readForm } from "~/utils/csrf.server";
import { flashHeader } from "~/utils/flash.server";
import { parseForm } from "~/utils/forms";
import { getPreferences } from "~/utils/preferences.server";
import { safeRedirect } from "~/utils/redirect";
import { badRequest } from "~/utils/responses.server";
import type { RouteHandle } from "~/utils/route-handle";
import { getSessionViewer } from "~/utils/session.server";

const PATH = "/settings/captions";

// Per viewer (their own style, a CSRF token in the form): rendered for every request, never shared or kept.
export const handle: RouteHandle = { assets: ["caption-style"], cache: { anonymous: "never", signedIn: "never" } };

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return pageMeta(t, t("captionStyle.title"));
};

/** Where "Back" goes: a page on this site (the episode the viewer came from), or nowhere. */
function returnPath(value: FormDataEntryValue | string | null): string | null {
  const path = safeRedirect(value, "");
  return path && !path.startsWith(PATH) ? path : null;
}

function pagePath(returnTo: string | null): string {
  return returnTo ? `${PATH}?${new URLSearchParams({ returnTo })}` : PATH;
}

export async function loader({ request }: LoaderFunctionArgs) {
  // The account's style comes with the session lookup; a visitor's from the preferences cookie.
  const viewer = await getSessionViewer(request);
  const [style, preferences, locale] = await Promise.all([
    captionStyleOf(viewer, request),
    getPreferences(request),
    requestLocale(request),
  ]);
  // The sample is written in the captions' language (the viewer's choice), else the page's.
  const sampleLocale: Locale = isLocale(preferences.captions) ? preferences.captions : locale;
  return {
    style,
    signedIn: Boolean(viewer),
    sampleLocale,
    sampleLine: translator(sampleLocale)("captionStyle.sampleLine"),
    returnTo: returnPath(new URL(request.url).searchParams.get("returnTo")),
    // Drawn into <head> by the root (app/root.tsx), built only from closed lists.
    headStyle: previewCss(style),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const returnTo = returnPath(form.get("returnTo"));
  const parsed = parseForm(CaptionStyleFormSchema, form);
  if (!parsed.ok) {
    // A value outside the lists (a tampered or outdated form): nothing is stored.
    return badRequest({ formError: "captionStyle.invalid" satisfies MessageKey });
  }
  let style: CaptionStyle = { ...AS_AUTHORED };
  if (parsed.data.intent === "save") {
    const { intent: _intent, ...chosen } = parsed.data;
    style = chosen;
  }
  const viewer = await getSessionViewer(request);
  const headers = new Headers();
  const cookie = await saveCaptionStyle(viewer, request, style);
  if (cookie) headers.append("Set-Cookie", cookie);
  headers.append(
    "Set-Cookie",
    await flashHeader(parsed.data.intent === "reset" ? "flash.captionStyleReset" : "flash.captionStyleSaved"),
  );
  return redirect(pagePath(returnTo), { status: 303, headers });
}

/** The label of one value of a setting, in the page's language. */
function optionLabel(t: Translate, locale: Locale, setting: CaptionSetting, value: string): string {
  if (value === AUTHORED) return t("captionStyle.authored");
  switch (setting) {
    case "size": {
      const percent = { small: 75, standard: 100, large: 150, "x-large": 200 }[value] ?? 100;
      return t(`captionStyle.size.${value}` as MessageKey, { percent: formatPercent(percent, locale) });
    }
    case "font":
      return t(`captionStyle.font.${value}` as MessageKey);
    case "edge":
      return t(`captionStyle.edge.${value}` as MessageKey);
    case "textOpacity":
    case "backgroundOpacity":
    case "windowOpacity": {
      const percent = formatPercent(Number(value), locale);
      if (value === "0") return t("captionStyle.opacity.transparent", { percent });
      if (value === "100") return t("captionStyle.opacity.solid", { percent });
      return percent;
    }
    default:
      return t(`captionStyle.colour.${value}` as MessageKey);
  }
}

function Choice({ setting, label, style }: { setting: CaptionSetting; label: MessageKey; style: CaptionStyle }) {
  const t = useT();
  const locale = useLocale();
  const id = `caption-${setting}`;
  return (
    <div className="field">
      <label htmlFor={id}>{t(label)}</label>
      <select id={id} name={setting} defaultValue={style[setting]}>
        {CAPTION_SETTINGS[setting].map((value) => (
          <option key={value} value={value}>
            {optionLabel(t, locale, setting, value)}
          </option>
        ))}
      </select>
    </div>
  );
}

function ColourGroup({
  legend,
  hint,
  colour,
  opacity,
  style,
}: {
  legend: MessageKey;
  hint?: MessageKey;
  colour: CaptionSetting;
  opacity: CaptionSetting;
  style: CaptionStyle;
}) {
  const t = useT();
  const hintId = `caption-${colour}-hint`;
  return (
    <fieldset className="caption-group" aria-describedby={hint ? hintId : undefined}>
      <legend>{t(legend)}</legend>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {t(hint)}
        </p>
      ) : null}
      <Choice setting={colour} label="captionStyle.colour" style={style} />
      <Choice setting={opacity} label="captionStyle.opacity" style={style} />
    </fieldset>
  );
}

export default function CaptionSettings() {
  const { style, signedIn, sampleLocale, sampleLine, returnTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="caption-settings">
      <h1>{t("captionStyle.title")}</h1>
      <p>{t("captionStyle.intro")}</p>
      <p className="field-hint">{t(signedIn ? "captionStyle.savedOnAccount" : "captionStyle.savedInBrowser")}</p>
      {returnTo ? (
        <p>
          <a href={returnTo}>{t("captionStyle.back")}</a>
        </p>
      ) : null}
      <FormError message={result?.formError} />
      <figure className="caption-sample" aria-labelledby="caption-sample-title">
        <div className="caption-sample-stage">
          <div className="caption-sample-window">
            <span className="caption-sample-cue">
              <span lang="zh-Hans">{t("captionStyle.sampleChinese")}</span>
              <br />
              <span lang={sampleLocale}>{sampleLine}</span>
            </span>
          </div>
        </div>
        <figcaption id="caption-sample-title">{t("captionStyle.preview")}</figcaption>
      </figure>
      <form method="post" action={PATH} className="caption-form" data-caption-style-form="">
        <CsrfField />
        {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
        <p className="field-hint">{t("captionStyle.authoredHint")}</p>
        <fieldset className="caption-group">
          <legend>{t("captionStyle.text")}</legend>
          <Choice setting="size" label="captionStyle.size" style={style} />
          <Choice setting="font" label="captionStyle.font" style={style} />
          <Choice setting="textColour" label="captionStyle.colour" style={style} />
          <Choice setting="textOpacity" label="captionStyle.opacity" style={style} />
          <Choice setting="edge" label="captionStyle.edge" style={style} />
        </fieldset>
        <ColourGroup
          legend="captionStyle.background"
          hint="captionStyle.backgroundHint"
          colour="backgroundColour"
          opacity="backgroundOpacity"
          style={style}
        />
        <ColourGroup
          legend="captionStyle.window"
          hint="captionStyle.windowHint"
          colour="windowColour"
          opacity="windowOpacity"
          style={style}
        />
        <div className="caption-actions">
          <button type="submit" name="intent" value="save" className="button">
            {t("captionStyle.save")}
          </button>
          <button type="submit" name="intent" value="reset" className="button button-secondary">
            {t("captionStyle.reset")}
          </button>
        </div>
      </form>
    </div>
  );
}
