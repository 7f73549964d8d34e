/**
 * The strip under the video that only exists with JavaScript: the "Autoplay
 * next episode" switch and the "Keyboard shortcuts" button with its help.
 *
 * The help is a <dialog> opened with showModal() (Escape closes it, the page
 * behind is inert while it is open); focus goes back to whatever had it
 * before (the button, or the player control where `?` was pressed). Browsers
 * without <dialog> get the same element as a plain panel.
 */
import { SEEK_STEP_SECONDS, SHORTCUTS, type KeyLabel } from "~/lib/shortcuts";
import { h, uniqueId } from "./dom";
import { t } from "./strings";

export interface Toolbar {
  element: HTMLElement;
  openHelp(returnFocusTo?: Element | null): void;
  closeHelp(): void;
  /** Called whenever the help opens (button or shortcut). */
  onOpen(listener: () => void): void;
}

function keyName(label: KeyLabel): string {
  return "char" in label ? label.char : t(label.name);
}

function keyList(): HTMLElement {
  return h(
    "dl",
    { className: "shortcut-list" },
    SHORTCUTS.map((shortcut) => {
      const keys: (Node | string)[] = [];
      shortcut.label.forEach((label, index) => {
        if (index > 0) keys.push(` ${t("player.shortcutOr")} `);
        keys.push(h("kbd", {}, [keyName(label)]));
      });
      const description = t(shortcut.description, { seconds: SEEK_STEP_SECONDS });
      return h("div", { className: "shortcut" }, [h("dt", {}, keys), h("dd", {}, [description])]);
    }),
  );
}

export function createToolbar(options: { autoplay: boolean; onAutoplayChange: (on: boolean) => void }): Toolbar {
  const switchId = uniqueId("autoplay-next");
  const checkbox = h("input", { type: "checkbox", id: switchId, className: "autoplay-switch-input" });
  checkbox.checked = options.autoplay;
  checkbox.addEventListener("change", () => options.onAutoplayChange(checkbox.checked));
  const autoplay = h("div", { className: "autoplay-switch" }, [
    checkbox,
    h("label", { for: switchId }, [t("player.autoplayNext")]),
  ]);

  const titleId = uniqueId("shortcuts-title");
  const closeButton = h("button", { type: "button", className: "button" }, [t("player.close")]);
  const dialog = h("dialog", { className: "shortcuts-dialog", "aria-labelledby": titleId }, [
    h("h2", { id: titleId }, [t("player.shortcuts")]),
    h("p", { className: "shortcuts-hint" }, [t("player.shortcutsHint")]),
    keyList(),
    h("p", { className: "shortcuts-actions" }, [closeButton]),
  ]);
  const helpButton = h(
    "button",
    { type: "button", className: "button button-secondary shortcuts-button", "aria-haspopup": "dialog" },
    [t("player.shortcuts")],
  );

  let returnTo: Element | null = null;
  const openListeners: (() => void)[] = [];
  const isOpen = () => dialog.hasAttribute("open");

  function restoreFocus() {
    const target = returnTo && document.contains(returnTo) ? returnTo : helpButton;
    returnTo = null;
    (target as HTMLElement).focus?.();
  }

  function openHelp(from: Element | null = document.activeElement) {
    if (isOpen()) return;
    returnTo = from;
    for (const listener of openListeners) listener();
    if (typeof dialog.showModal === "function") {
      dialog.showModal();
    } else {
      dialog.setAttribute("open", "");
    }
    closeButton.focus();
  }

  function closeHelp() {
    if (!isOpen()) return;
    if (typeof dialog.close === "function") dialog.close();
    else {
      dialog.removeAttribute("open");
      restoreFocus();
    }
  }

  dialog.addEventListener("close", restoreFocus);
  // Escape: native for a modal <dialog>; done here for the plain panel.
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && typeof dialog.showModal !== "function") {
      event.preventDefault();
      closeHelp();
    }
  });
  // A click on the backdrop (outside the dialog's box) closes it too.
  dialog.addEventListener("click", (event) => {
    if (event.target !== dialog) return;
    const box = dialog.getBoundingClientRect();
    const inside =
      event.clientX >= box.left &&
      event.clientX <= box.right &&
      event.clientY >= box.top &&
      event.clientY <= box.bottom;
    if (!inside) closeHelp();
  });
  closeButton.addEventListener("click", closeHelp);
  helpButton.addEventListener("click", () => openHelp(helpButton));

  const element = h("div", { className: "player-toolbar" }, [autoplay, helpButton, dialog]);
  return {
    element,
    openHelp,
    closeHelp,
    onOpen(listener) {
      openListeners.push(listener);
    },
  };
}
