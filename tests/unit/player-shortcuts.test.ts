import { describe, expect, it } from "vitest";
import { SEEK_STEP_SECONDS, SHORTCUTS, seekTarget, shortcutFor, type FocusContext } from "~/lib/shortcuts";

describe("shortcutFor", () => {
  it("maps the documented keys while the player itself has focus", () => {
    const cases: [string, string][] = [
      [" ", "toggle-play"],
      ["k", "toggle-play"],
      ["j", "seek-back"],
      ["ArrowLeft", "seek-back"],
      ["l", "seek-forward"],
      ["ArrowRight", "seek-forward"],
      ["m", "toggle-mute"],
      ["f", "toggle-fullscreen"],
      ["c", "toggle-captions"],
      ["n", "next-episode"],
      ["?", "show-help"],
    ];
    for (const [key, action] of cases) expect(shortcutFor({ key }, "player"), key).toBe(action);
  });

  it("ignores letter case (Caps Lock, Shift)", () => {
    expect(shortcutFor({ key: "K" }, "player")).toBe("toggle-play");
    expect(shortcutFor({ key: "N" }, "button")).toBe("next-episode");
  });

  it("leaves keys with Ctrl, Alt or Meta to the browser and assistive technology", () => {
    expect(shortcutFor({ key: "f", ctrlKey: true }, "player")).toBeNull();
    expect(shortcutFor({ key: "l", metaKey: true }, "player")).toBeNull();
    expect(shortcutFor({ key: "ArrowLeft", altKey: true }, "player")).toBeNull();
  });

  it("leaves Space and Enter to a focused button, menu item or slider", () => {
    for (const context of ["button", "menu", "slider"] as FocusContext[]) {
      expect(shortcutFor({ key: " " }, context), context).toBeNull();
      expect(shortcutFor({ key: "Enter" }, context), context).toBeNull();
    }
    // Letters still work on a focused control: k on the play button plays.
    expect(shortcutFor({ key: "k" }, "button")).toBe("toggle-play");
  });

  it("leaves arrow keys to sliders (seek bar, volume) and menus", () => {
    expect(shortcutFor({ key: "ArrowLeft" }, "slider")).toBeNull();
    expect(shortcutFor({ key: "ArrowRight" }, "menu")).toBeNull();
    expect(shortcutFor({ key: "ArrowRight" }, "button")).toBe("seek-forward");
  });

  it("never takes a key from a text field", () => {
    for (const key of ["k", " ", "f", "?", "ArrowLeft"]) expect(shortcutFor({ key }, "text"), key).toBeNull();
  });

  it("ignores keys typed through an input method", () => {
    expect(shortcutFor({ key: "k", isComposing: true }, "player")).toBeNull();
  });

  it("ignores keys that are not shortcuts", () => {
    for (const key of ["a", "Enter", "Tab", "Escape", "ArrowUp", "1", "Home"])
      expect(shortcutFor({ key }, "player"), key).toBeNull();
  });

  it("lists every action once in the help table, each with a label per key", () => {
    const actions = SHORTCUTS.map((shortcut) => shortcut.action);
    expect(new Set(actions).size).toBe(actions.length);
    for (const shortcut of SHORTCUTS) {
      expect(shortcut.label).toHaveLength(shortcut.keys.length);
      expect(shortcut.description).not.toBe("");
    }
  });
});

describe("seekTarget", () => {
  it("moves by 10 seconds", () => {
    expect(SEEK_STEP_SECONDS).toBe(10);
    expect(seekTarget(30, 100, 1)).toBe(40);
    expect(seekTarget(30, 100, -1)).toBe(20);
  });

  it("stays within the episode", () => {
    expect(seekTarget(4, 100, -1)).toBe(0);
    expect(seekTarget(95, 100, 1)).toBe(99.75);
  });

  it("works before the duration is known", () => {
    expect(seekTarget(5, Number.NaN, 1)).toBe(15);
    expect(seekTarget(5, 0, -1)).toBe(0);
  });
});
