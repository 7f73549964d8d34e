/**
 * Captions: the server marks the viewer's preferred track `default` (none
 * for "off") and video.js shows it. When the viewer changes the track (the
 * captions menu or the `c` shortcut), the choice is saved to the preferences
 * cookie so the next episode starts with the same one. The server names
 * each track in its own language ("English", "Bahasa Indonesia"); the menu
 * items here carry that language as `lang`, so a screen reader says each
 * name in its own voice.
 *
 * How captions look is set on /settings/captions, the one source of truth:
 * the server writes it as CSS for both the native player and video.js's
 * caption display, and video.js's own caption settings dialog is turned off
 * (start.ts). The captions menu ends with a "Caption style" item that goes there.
 */
import videojs from "video.js";
import type { CaptionsChoice } from "./config";
import type { PreferencesClient } from "./preferences";
import { t } from "./strings";
import { textTracks, type TextTrackLike, type VjsPlayer } from "./types";

const CAPTION_KINDS = new Set(["captions", "subtitles"]);

/** video.js's captions menu button, as far as the language marks and the style item need it (rebuilt on `update`). */
interface CaptionsMenuButton {
  update(...args: unknown[]): void;
  createItems?: () => unknown[];
  items?: { track?: TextTrackLike; el(): Element }[];
}

const MenuItem = videojs.getComponent("MenuItem") as unknown as new (player: VjsPlayer, options: object) => object;

/** The last item of the captions menu: opens the caption style settings (a page of its own, no dialog). */
class CaptionStyleMenuItem extends MenuItem {
  private readonly url: string;

  constructor(player: VjsPlayer, url: string) {
    super(player, { label: t("player.captionStyle"), selectable: false });
    this.url = url;
    (this as unknown as { addClass(name: string): void }).addClass("vjs-caption-style-item");
  }

  handleClick(): void {
    window.location.assign(this.url);
  }
}

/** Marks each track item's name (not the ", selected" text video.js adds) with its track's language. */
function markLanguages(button: CaptionsMenuButton): void {
  for (const item of button.items ?? []) {
    const language = item.track?.language;
    const name = item.el().querySelector(".vjs-menu-item-text");
    if (language && name) name.setAttribute("lang", language);
  }
}

function watchMenu(player: VjsPlayer, styleUrl: string): void {
  const button = player.getChild("ControlBar")?.getChild("SubsCapsButton") as unknown as CaptionsMenuButton | undefined;
  if (!button || typeof button.update !== "function") return;
  const createItems = button.createItems?.bind(button);
  if (createItems && styleUrl) {
    button.createItems = () => [...createItems(), new CaptionStyleMenuItem(player, styleUrl)];
  }
  const update = button.update.bind(button);
  // video.js rebuilds the items whenever the track list changes.
  button.update = (...args: unknown[]) => {
    update(...args);
    markLanguages(button);
  };
  button.update();
}

export class Captions {
  private readonly player: VjsPlayer;
  private readonly preferences: PreferencesClient;
  private saved: CaptionsChoice;
  private lastLanguage: string;
  private pending: ReturnType<typeof setTimeout> | undefined;

  /**
   * `initial` is what the server rendered (the `default` track's language, or "off"); `styleUrl` the
   * caption style settings page (with the way back), "" for none.
   */
  constructor(player: VjsPlayer, preferences: PreferencesClient, initial: CaptionsChoice, styleUrl = "") {
    this.player = player;
    this.preferences = preferences;
    this.saved = initial;
    this.lastLanguage = initial !== "off" ? initial : "";
    player.ready(() => watchMenu(player, styleUrl));
    // Cues are laid out once per cue; lay them out again when the controls show or hide, so a
    // caption never sits under the control bar.
    player.on(["useractive", "userinactive"], () => {
      const display = player.getChild("TextTrackDisplay") as unknown as { updateDisplay?: () => void } | undefined;
      display?.updateDisplay?.();
    });
    textTracks(player).addEventListener("change", () => {
      // video.js switches one track off and another on: look once they settle.
      clearTimeout(this.pending);
      this.pending = setTimeout(() => this.persist(), 0);
    });
  }

  private tracks(): TextTrackLike[] {
    const list = textTracks(this.player);
    const tracks: TextTrackLike[] = [];
    for (let i = 0; i < list.length; i += 1) {
      if (CAPTION_KINDS.has(list[i].kind)) tracks.push(list[i]);
    }
    return tracks;
  }

  showing(): TextTrackLike | null {
    return this.tracks().find((track) => track.mode === "showing") ?? null;
  }

  /** The `c` shortcut: captions off, or back on in the last language used. Returns what to announce. */
  toggle(): string {
    const tracks = this.tracks();
    if (tracks.length === 0) return t("player.noCaptions");
    const showing = this.showing();
    if (showing) {
      for (const track of tracks) if (track.mode === "showing") track.mode = "disabled";
      return t("player.captionsOff");
    }
    const track = tracks.find((candidate) => candidate.language === this.lastLanguage) ?? tracks[0];
    for (const other of tracks) if (other !== track && other.mode === "showing") other.mode = "disabled";
    track.mode = "showing";
    return t("player.captionsOn", { label: track.label || track.language });
  }

  private persist(): void {
    const showing = this.showing();
    const choice = showing?.language || "off";
    if (showing?.language) this.lastLanguage = showing.language;
    if (choice === this.saved) return;
    this.saved = choice;
    void this.preferences.save({ captions: choice });
  }
}
