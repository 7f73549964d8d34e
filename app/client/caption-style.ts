/**
 * /settings/captions: redraws the sample caption while the viewer chooses,
 * before anything is saved. The server already drew it with the saved style
 * (the page's <style data-route-style>); without JavaScript the sample shows
 * the saved style and changes on "Save". The CSS comes from the same pure
 * module the server uses (app/lib/caption-style.ts), so the sample cannot
 * differ from what the player will show. Kept tiny: the page's scripts have
 * a 2 KB budget (tests/e2e/page-weight.spec.ts).
 */
import { previewCss, type CaptionStyle } from "~/lib/caption-style";

function start(form: HTMLFormElement): void {
  let style = document.querySelector<HTMLStyleElement>("style[data-route-style]");
  const redraw = () => {
    const fields: Record<string, string> = {};
    form.querySelectorAll("select").forEach((select) => (fields[select.name] = select.value));
    if (!style) style = document.head.appendChild(document.createElement("style"));
    // A value outside a setting's list finds nothing in previewCss's tables and draws nothing.
    style.textContent = previewCss(fields as unknown as CaptionStyle);
  };
  // A <select> fires "change" for every new value, by pointer or by arrow key.
  form.addEventListener("change", redraw);
  // A reload or "Back" may have restored choices that were never saved: draw what the form shows.
  redraw();
}

const form = document.querySelector<HTMLFormElement>("form[data-caption-style-form]");
if (form) start(form);
