/**
 * The player's keyboard shortcuts: one table that both the key handler and
 * the "Keyboard shortcuts" help read, so they cannot drift apart.
 *
 * Single-key shortcuts only work while the player has focus (WCAG 2.1.4), and
 * never take a key from the control that has focus: Space and Enter belong to
 * buttons, arrows to sliders and menus, everything to text fields. Keys with
 * Ctrl, Alt or Meta are left to the browser and assistive technology.
 * The help's words are `player.*` messages (app/i18n/en/player.ts), in the
 * viewer's language.
 */
import type { PlayerMessageKey } from "~/i18n/player";

export type ShortcutAction =
  | "toggle-play"
  | "seek-back"
  | "seek-forward"
  | "toggle-mute"
  | "toggle-fullscreen"
  | "toggle-captions"
  | "next-episode"
  | "show-help";

/** What kind of element has focus inside the player. */
export type FocusContext = "player" | "button" | "slider" | "menu" | "text";

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  isComposing?: boolean;
}

/** A key as the help shows it: a character as it is, or a named key from the catalog ("Space"). */
export type KeyLabel = { char: string } | { name: PlayerMessageKey };

export interface Shortcut {
  action: ShortcutAction;
  /** `KeyboardEvent.key` values (letters in lower case). */
  keys: readonly string[];
  /** How the help shows the keys. */
  label: readonly KeyLabel[];
  /** What it does: a `player.*` message; `{seconds}` is SEEK_STEP_SECONDS. */
  description: PlayerMessageKey;
}

export const SEEK_STEP_SECONDS = 10;

const SPACE: KeyLabel = { name: "player.key.space" };
const LEFT: KeyLabel = { name: "player.key.left" };
const RIGHT: KeyLabel = { name: "player.key.right" };
const char = (value: string): KeyLabel => ({ char: value });

export const SHORTCUTS: readonly Shortcut[] = [
  {
    action: "toggle-play",
    keys: [" ", "k"],
    label: [SPACE, char("K")],
    description: "player.shortcut.togglePlay",
  },
  {
    action: "seek-back",
    keys: ["j", "ArrowLeft"],
    label: [char("J"), LEFT],
    description: "player.shortcut.seekBack",
  },
  {
    action: "seek-forward",
    keys: ["l", "ArrowRight"],
    label: [char("L"), RIGHT],
    description: "player.shortcut.seekForward",
  },
  { action: "toggle-mute", keys: ["m"], label: [char("M")], description: "player.shortcut.toggleMute" },
  {
    action: "toggle-fullscreen",
    keys: ["f"],
    label: [char("F")],
    description: "player.shortcut.toggleFullscreen",
  },
  {
    action: "toggle-captions",
    keys: ["c"],
    label: [char("C")],
    description: "player.shortcut.toggleCaptions",
  },
  { action: "next-episode", keys: ["n"], label: [char("N")], description: "player.shortcut.nextEpisode" },
  { action: "show-help", keys: ["?"], label: [char("?")], description: "player.shortcut.showHelp" },
];

const ACTIVATION_KEYS = new Set([" ", "Enter"]);
const ARROW_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"]);

/** The action for a key press inside the player, or null to leave the key alone. */
export function shortcutFor(input: KeyInput, context: FocusContext): ShortcutAction | null {
  if (input.ctrlKey || input.altKey || input.metaKey || input.isComposing) return null;
  if (context === "text") return null;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (ACTIVATION_KEYS.has(key) && context !== "player") return null;
  if (ARROW_KEYS.has(key) && (context === "slider" || context === "menu")) return null;
  for (const shortcut of SHORTCUTS) {
    if (shortcut.keys.includes(key)) return shortcut.action;
  }
  return null;
}

/** Where a ±10 s seek lands: within [0, duration], a little before the end so "ended" is not forced. */
export function seekTarget(current: number, duration: number, direction: -1 | 1): number {
  const target = current + direction * SEEK_STEP_SECONDS;
  if (!Number.isFinite(duration) || duration <= 0) return Math.max(0, target);
  return Math.min(Math.max(0, target), Math.max(0, duration - 0.25));
}
