/**
 * Keyboard shortcuts, only while focus is inside the player (WCAG 2.1.4).
 * One capture-phase listener on the player element sees the key before
 * video.js's controls do (they stop propagation), asks the pure key map what
 * to do for the focused control, and acts.
 */
import { shortcutFor, type FocusContext, type ShortcutAction } from "~/lib/shortcuts";

const TEXT_INPUT_TYPES = new Set(["button", "checkbox", "radio", "reset", "submit", "image", "range", "color", "file"]);

export function focusContext(target: EventTarget | null): FocusContext {
  if (!(target instanceof Element)) return "player";
  // video.js modal dialogs (an error message; the caption settings dialog is off, decision 024) keep their keys.
  if (target.closest(".vjs-modal-dialog")) return "text";
  const tag = target.tagName.toLowerCase();
  if (tag === "textarea" || tag === "select" || (target as HTMLElement).isContentEditable) return "text";
  if (tag === "input" && !TEXT_INPUT_TYPES.has((target as HTMLInputElement).type)) return "text";
  if (target.closest('[role="slider"]')) return "slider";
  if (target.closest('[role="menu"], [role^="menuitem"]')) return "menu";
  if (target.closest('button, [role="button"], a[href], summary, input, label')) return "button";
  return "player";
}

export function listenForShortcuts(root: HTMLElement, run: (action: ShortcutAction) => void): void {
  root.addEventListener(
    "keydown",
    (event) => {
      if (event.defaultPrevented) return;
      const action = shortcutFor(event, focusContext(event.target));
      if (!action) return;
      event.preventDefault();
      event.stopPropagation();
      run(action);
    },
    true,
  );
}
