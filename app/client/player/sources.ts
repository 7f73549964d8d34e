/**
 * Sources and quality: HLS through video.js's VHS (adaptive), MP4 when HLS
 * cannot play or fails, the resume position as the start time, and the
 * quality menu (Auto / 360p / 720p) for both.
 *
 * - VHS: a fixed quality enables only that level in the built-in quality
 *   levels list (VHS representations), Auto enables them all.
 * - Native HLS (the browser plays it itself; no VHS is loaded then): Auto is
 *   the browser's own adaptive streaming.
 * - MP4 (no MSE and no native HLS, or HLS failed; or a fixed quality where
 *   HLS plays natively and cannot be steered): the menu switches the file,
 *   keeping position, speed and play state.
 */
import videojs from "video.js";
import { AUTO, initialChoice, levelsToEnable, pickMp4, type QualityChoice, type Rendition } from "~/lib/quality";
import type { PlayerConfig } from "./config";
import { wantsHlsEngine } from "./hls-engine";
import { t } from "./strings";
import { HLS_TYPE, MP4_TYPE, qualityLevels, vhs, type VjsPlayer } from "./types";

interface Source {
  src: string;
  type: string;
}

function constrainedConnection(): boolean {
  const connection = (navigator as Navigator & { connection?: { saveData?: boolean; effectiveType?: string } })
    .connection;
  return Boolean(connection?.saveData) || /(^|-)2g$/.test(connection?.effectiveType ?? "");
}

/** `src#t=12` makes the browser itself start an MP4 at 12 s. */
function withStart(src: string, at: number): string {
  const base = src.split("#")[0];
  return at > 0 ? `${base}#t=${Math.floor(at * 10) / 10}` : base;
}

export class SourceController {
  readonly renditions: Rendition[];
  choice: QualityChoice;
  private readonly player: VjsPlayer;
  private readonly config: PlayerConfig;
  private hlsFailed = false;
  private lastPosition: number;
  private wantsPlay = false;
  private readonly listeners: (() => void)[] = [];

  constructor(player: VjsPlayer, config: PlayerConfig) {
    this.player = player;
    this.config = config;
    this.renditions = config.renditions;
    this.choice = initialChoice(this.renditions, config.dataSaver);
    this.lastPosition = config.start;

    player.on("timeupdate", () => {
      const at = player.currentTime() ?? 0;
      if (at > 0) this.lastPosition = at;
    });
    player.on("play", () => {
      this.wantsPlay = true;
    });
    player.on("pause", () => {
      if (!player.error()) this.wantsPlay = false;
    });
    player.on("error", () => this.fallBackToMp4());

    const levels = qualityLevels(player);
    levels?.on("addqualitylevel", () => this.applyToLevels(false));
    levels?.on("change", () => this.notify());
    player.on("loadedmetadata", () => this.notify());
  }

  /** Sets the first sources and the resume position. */
  load(): void {
    const sources: Source[] = [];
    if (this.config.hls && !(this.choice !== AUTO && !this.canSteerHls())) {
      sources.push({ src: this.config.hls, type: HLS_TYPE });
    }
    const mp4 = this.mp4For(this.choice);
    if (mp4) sources.push({ src: withStart(mp4.src, this.config.start), type: MP4_TYPE });
    if (sources.length === 0) return;
    this.player.src(sources);
    this.startAt(this.config.start);
  }

  /** Called whenever the choice or the rendition playing changes. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** The choices the menu offers: Auto (adaptive, or a size-based MP4) and each rendition. */
  choices(): { value: QualityChoice; label: string }[] {
    return [
      { value: AUTO, label: t("player.qualityAuto") },
      ...this.renditions.map((r) => ({ value: r.quality, label: r.label ?? r.quality })),
    ];
  }

  /** A menu item's label: "Auto (720p)", or a rendition with what the episode costs in it ("360p · ≈ 4.2 MB"). */
  itemLabel(choice: QualityChoice): string {
    if (choice === AUTO) return this.label(AUTO);
    return this.renditions.find((r) => r.quality === choice)?.label ?? choice;
  }

  /** What the Auto item and the button show: "Auto (720p)" once adaptive streaming has picked. */
  label(choice: QualityChoice = this.choice): string {
    if (choice !== AUTO) return choice;
    const playing = this.playingQuality();
    return playing ? t("player.qualityAutoWith", { quality: playing }) : t("player.qualityAuto");
  }

  /** What a progress save reports: the rendition playing, or Auto when adaptive streaming hides which (app/lib/data-meter.ts). */
  reportedQuality(): string {
    const playing = this.playingQuality();
    return playing !== null && this.renditions.some((r) => r.quality === playing) ? playing : AUTO;
  }

  select(choice: QualityChoice): void {
    if (choice === this.choice) return;
    this.choice = choice;
    if (this.usingVhs()) {
      // Levels not known yet (nothing loaded): the choice is applied as they arrive.
      this.applyToLevels(true);
    } else if (this.playingHls() && choice !== AUTO) {
      // Native HLS cannot be steered: a fixed quality plays that MP4.
      const mp4 = this.mp4For(choice);
      if (mp4) this.switchTo([{ src: mp4.src, type: MP4_TYPE }]);
    } else if (!this.playingHls() && choice === AUTO && this.config.hls && !this.hlsFailed) {
      this.switchTo([{ src: this.config.hls, type: HLS_TYPE }, this.mp4Source(AUTO)].filter(Boolean) as Source[]);
    } else if (!this.playingHls()) {
      const mp4 = this.mp4For(choice);
      if (mp4 && !this.currentSrc().endsWith(mp4.src)) this.switchTo([{ src: mp4.src, type: MP4_TYPE }]);
    }
    this.notify();
  }

  /** The source actually playing, as the tech sees it (video.js's own cache can lag behind). */
  private currentSrc(): string {
    const tech = this.player.tech(true) as unknown as { currentSrc?: () => string } | undefined;
    return (tech?.currentSrc?.() || this.player.currentSrc() || "").split("#")[0];
  }

  private playingHls(): boolean {
    const src = this.currentSrc().split("?")[0];
    return src.endsWith(".m3u8") || (this.config.hls !== "" && src.endsWith(this.config.hls));
  }

  private usingVhs(): boolean {
    return this.playingHls() && vhs(this.player) !== null;
  }

  /** Whether this browser plays our HLS through VHS, whose renditions can be chosen (the engine was loaded for it). */
  private canSteerHls(): boolean {
    return wantsHlsEngine(this.config.hls);
  }

  private playingQuality(): string | null {
    const levels = qualityLevels(this.player);
    if (!levels || !this.playingHls()) {
      const src = this.currentSrc();
      return this.renditions.find((r) => src.endsWith(r.src))?.quality ?? null;
    }
    const level = levels[levels.selectedIndex];
    if (!level?.height) return null;
    return this.renditions.find((r) => r.height === level.height)?.quality ?? `${level.height}p`;
  }

  private applyToLevels(switchNow: boolean): void {
    const levels = qualityLevels(this.player);
    if (!levels || levels.length === 0) return;
    const list = Array.from({ length: levels.length }, (_, i) => levels[i]);
    const enable = levelsToEnable(
      list.map((level) => level.height ?? 0),
      this.choice,
      this.renditions,
    );
    // Enable first, so there is never a moment with nothing enabled.
    list.forEach((level, i) => {
      if (enable[i]) level.enabled = true;
    });
    list.forEach((level, i) => {
      if (!enable[i]) level.enabled = false;
    });
    if (switchNow) vhs(this.player)?.playlistController_?.fastQualityChange_?.();
  }

  private mp4For(choice: QualityChoice): Rendition | null {
    const el = this.player.el() as HTMLElement;
    return pickMp4(this.renditions, choice, {
      dataSaver: this.config.dataSaver,
      constrained: constrainedConnection(),
      screenHeight: (el.clientHeight || 360) * (window.devicePixelRatio || 1),
    });
  }

  private mp4Source(choice: QualityChoice): Source | null {
    const mp4 = this.mp4For(choice);
    return mp4 ? { src: mp4.src, type: MP4_TYPE } : null;
  }

  /** HLS failed (manifest or segments unreachable, decode error): play the MP4 from where we were. */
  private fallBackToMp4(): void {
    if (this.hlsFailed || !this.playingHls()) return;
    const mp4 = this.mp4For(this.choice === AUTO ? AUTO : this.choice);
    if (!mp4) return;
    this.hlsFailed = true;
    const play = this.wantsPlay;
    this.player.error(null);
    this.switchTo([{ src: mp4.src, type: MP4_TYPE }], play);
    this.notify();
  }

  /** Changes the source, keeping position, speed, play state and keyboard focus. */
  private switchTo(sources: Source[], play = !this.player.paused()): void {
    const at = Math.max(this.player.currentTime() ?? 0, this.lastPosition > 0 ? this.lastPosition : 0);
    const rate = this.player.playbackRate() ?? 1;
    const resume = play || this.wantsPlay;
    this.keepFocus(resume);
    this.player.src(sources.map((s) => (s.type === MP4_TYPE ? { ...s, src: withStart(s.src, at) } : s)));
    this.startAt(at);
    this.player.one("loadedmetadata", () => {
      this.player.playbackRate(rate);
      if (resume) this.player.play()?.catch(() => undefined);
    });
  }

  /**
   * A new source hides video.js's control bar until playback starts again, and the focused control with it:
   * focus would fall to the page's top. When focus was in the player, it goes back to that control (to a
   * menu's button when it was on one of the menu's items) once the bar shows, or to the big play button when
   * the player stays paused. Focus the viewer moved elsewhere meanwhile is left alone.
   */
  private keepFocus(resume: boolean): void {
    const focused = document.activeElement;
    const root = this.player.el();
    if (!(focused instanceof HTMLElement) || !root.contains(focused)) return;
    const menuButton = focused.closest(".vjs-menu")?.parentElement?.querySelector<HTMLElement>(":scope > button");
    const target = menuButton ?? focused;
    const restore = () =>
      setTimeout(() => {
        const now = document.activeElement;
        if (now !== null && now !== document.body && now !== target && root.contains(now) === false) return;
        target.focus();
        if (document.activeElement !== target) this.player.getChild("BigPlayButton")?.focus();
      }, 0);
    this.player.one(resume ? "play" : "loadedmetadata", restore);
  }

  /**
   * The start time, set when metadata is known and before any frame plays
   * (MP4 also carries it as a media fragment), never as a seek after playing.
   */
  private startAt(at: number): void {
    if (!(at > 0)) return;
    this.player.one("loadedmetadata", () => {
      const now = this.player.currentTime() ?? 0;
      if (Math.abs(now - at) > 0.5) this.player.currentTime(at);
    });
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

// ---------------------------------------------------------------------------
// The menu: a video.js MenuButton, so it behaves like the speed and captions
// menus (arrow keys, Escape, aria-expanded, menuitemradio with aria-checked).

const MenuButton = videojs.getComponent("MenuButton") as unknown as new (
  player: VjsPlayer,
  options: object,
) => MenuButtonLike;
const MenuItem = videojs.getComponent("MenuItem") as unknown as new (
  player: VjsPlayer,
  options: object,
) => MenuItemLike;

interface MenuButtonLike {
  options_: { controller: SourceController };
  items: MenuItemLike[];
  menuButton_: { el(): Element };
  el(): Element;
  controlText(text: string): string;
  update(): void;
  show(): void;
  hide(): void;
  addClass(name: string): void;
  buildCSSClass(): string;
  createItems(): MenuItemLike[];
}

interface MenuItemLike {
  options_: { value: QualityChoice; controller: SourceController; label: string };
  el(): Element;
  selected(selected: boolean): void;
  handleClick(event: Event): void;
}

class QualityMenuItem extends MenuItem {
  handleClick(): void {
    this.options_.controller.select(this.options_.value);
  }
}

class QualityMenuButton extends MenuButton {
  constructor(player: VjsPlayer, options: { controller: SourceController }) {
    super(player, options);
    this.addClass("vjs-quality-button");
    const value = document.createElement("span");
    value.className = "vjs-quality-value";
    value.setAttribute("aria-hidden", "true");
    this.menuButton_.el().append(value);
    const refresh = () => {
      const { controller } = this.options_;
      value.textContent = controller.choice === "auto" ? t("player.qualityAuto") : controller.choice;
      this.controlText(`${t("player.quality")}, ${controller.label()}`);
      for (const item of this.items ?? []) {
        item.selected(item.options_.value === controller.choice);
        const text = item.el().querySelector(".vjs-menu-item-text");
        if (text) text.textContent = controller.itemLabel(item.options_.value);
      }
    };
    options.controller.onChange(refresh);
    refresh();
    if (options.controller.renditions.length < 2) this.hide();
  }

  buildCSSClass(): string {
    return `vjs-quality-menu ${super.buildCSSClass()}`;
  }

  createItems(): MenuItemLike[] {
    const { controller } = this.options_;
    return controller.choices().map(
      (choice) =>
        new QualityMenuItem((this as unknown as { player_: VjsPlayer }).player_, {
          label: choice.label,
          value: choice.value,
          controller,
          selectable: true,
          selected: choice.value === controller.choice,
        }),
    );
  }
}

export function addQualityMenu(player: VjsPlayer, controller: SourceController): void {
  const controlBar = player.getChild("ControlBar");
  if (!controlBar) return;
  const button = new QualityMenuButton(player, { controller });
  const fullscreen = controlBar.getChild("FullscreenToggle");
  const children = (controlBar as unknown as { children(): unknown[] }).children();
  const index = fullscreen ? children.indexOf(fullscreen) : children.length;
  controlBar.addChild(button as unknown as Parameters<typeof controlBar.addChild>[0], {}, index);
}
