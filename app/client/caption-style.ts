/**
 * /settings/captions: redraws the sample caption while the viewer chooses,
 * before anything is saved. The server already drew it with the saved style
 * (the page's <style data-route-style>); without JavaScript the sample shows
 * the saved style and changes on "Save". The CSS comes from the same pure
 * module the server uses (app/lib/caption-style.ts), so the sample cannot
 * differ from what the player will show.
 */
import { previewCss, type CaptionStyle } from "~/lib/caption-style";

function start(form: HTMLFormElement): void {
  let style = document.querySelector<HTMLStyleElement>("style[data-route-style]");
  const redraw = () => {
    const fields: Record<string, string> = {};
    for (const select of Array.from(form.querySelectorAll("select"))) fields[select.name] = select.value;
    if (!style) {
      style = document.createElement("style");
      style.setAttribute("data-route-style", "");
      document.head.appendChild(style);
    }
    // A value outside a setting's list finds nothing in previewCss's tables and draws nothing.
    style.textContent = previewCss(fields as unknown as CaptionStyle);
  };
  form.addEventListener("change", redraw);
  form.addEventListener("input", redraw);
  // "Back" and a reload restore the form's last choices without saving them.
  window.addEventListener("pageshow", redraw);
}

const form = document.querySelector<HTMLFormElement>("form[data-caption-style-form]");
if (form) start(form);
