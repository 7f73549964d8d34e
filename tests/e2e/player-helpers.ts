/**
 * Helpers for the player specs (tests/e2e/player-*.spec.ts): the video.js
 * player's state, progress saves, preferences and the end of an episode.
 * The player element exposes its video.js instance as `.player` (video.js
 * sets it), which is how tests read text tracks and quality levels.
 */
import type { BrowserContext, Page, Request } from "@playwright/test";
import { DRAMA, expect } from "./fixtures";

export const episode = (n: number) => `${DRAMA.id}-ep-${n}`;
export const watchPath = (n: number) => `/watch/${episode(n)}`;
/** Episode 2 of the demo drama, as the Up next card names it. */
export const EPISODE_2_TITLE = "A Stranger at Closing Time";

export interface PlayerState {
  currentTime: number;
  duration: number;
  paused: boolean;
  ended: boolean;
  muted: boolean;
  rate: number;
  src: string;
  captions: string[];
}

/** The part of a video.js player the specs use (the player element's `.player`). */
interface VideoJsPlayer {
  textTracks(): ArrayLike<{ kind: string; language: string; mode: string }>;
  tech(iWillNotUseThisInPlugins: true): { currentSrc?: () => string } | undefined;
  currentTime(): number;
  currentTime(seconds: number): void;
  duration(): number;
  paused(): boolean;
  ended(): boolean;
  muted(): boolean;
  playbackRate(): number;
  currentSrc(): string;
}

/** The video.js player's state, read through the player element. */
export function playerState(page: Page): Promise<PlayerState> {
  return page
    .locator(".video-js")
    .first()
    .evaluate((el) => {
      const player = (el as unknown as { player: VideoJsPlayer }).player;
      const tracks = player.textTracks();
      const captions: string[] = [];
      for (let i = 0; i < tracks.length; i += 1) {
        if (tracks[i].kind === "captions" || tracks[i].kind === "subtitles")
          captions.push(`${tracks[i].language}:${tracks[i].mode}`);
      }
      const tech = player.tech(true);
      return {
        currentTime: player.currentTime(),
        duration: player.duration(),
        paused: player.paused(),
        ended: player.ended(),
        muted: player.muted(),
        rate: player.playbackRate(),
        src: (tech?.currentSrc?.() || player.currentSrc() || "").split("#")[0],
        captions,
      };
    });
}

export async function currentTime(page: Page): Promise<number> {
  return (await playerState(page)).currentTime;
}

export function isProgressSave(request: Request): boolean {
  return new URL(request.url()).pathname === "/resources/progress" && request.method() === "POST";
}

export function saveBody(request: Request): URLSearchParams {
  return new URLSearchParams(request.postData() ?? "");
}

/** Collects every progress save the page sends from now on. */
export function recordSaves(page: Page): URLSearchParams[] {
  const saves: URLSearchParams[] = [];
  page.on("request", (request) => {
    if (isProgressSave(request)) saves.push(saveBody(request));
  });
  return saves;
}

/** Sets playback preferences the way the player does (answered 204 with the cookie). */
export async function setPreferences(page: Page, preferences: Record<string, string>): Promise<void> {
  const response = await page.request.post("/resources/preferences", {
    form: preferences,
    headers: { Accept: "application/json" },
  });
  expect(response.status()).toBe(204);
}

export async function saveProgress(page: Page, episodeId: string, position: number): Promise<void> {
  const response = await page.request.post("/resources/progress", {
    form: { episodeId, position: String(position), seq: String(Date.now()) },
  });
  expect(response.status()).toBe(204);
}

/** Starts playback with a pointer click on the big play button and waits until it moves. */
export async function clickPlay(page: Page, past = 0.3): Promise<void> {
  await page.getByRole("button", { name: "Play Video" }).click();
  await expect.poll(() => currentTime(page), { timeout: 15_000 }).toBeGreaterThan(past);
}

/**
 * Starts playback from the keyboard: focus the big play button, press Enter
 * (video.js then moves focus to the control bar's Pause button).
 */
export async function keyboardPlay(page: Page, past = 0.3): Promise<void> {
  const play = page.getByRole("button", { name: "Play Video" });
  await play.focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => currentTime(page), { timeout: 15_000 }).toBeGreaterThan(past);
}

/** Jumps near the end (a script seek, not a viewer interaction), so `ended` comes quickly. */
export async function seekNearEnd(page: Page, secondsBefore = 1.2): Promise<void> {
  await page
    .locator(".video-js")
    .first()
    .evaluate((el, before) => {
      const player = (el as unknown as { player: VideoJsPlayer }).player;
      player.currentTime(Math.max(0, player.duration() - before));
    }, secondsBefore);
}

/** Records the position of every `playing` event in the page (media events do not bubble; capture does). */
export async function recordPlayingPositions(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: number[] = [];
    (window as unknown as { playingAt: number[] }).playingAt = seen;
    document.addEventListener("playing", (event) => seen.push((event.target as HTMLVideoElement).currentTime), true);
  });
}

export function playingPositions(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { playingAt?: number[] }).playingAt ?? []);
}

export function upNextCard(page: Page) {
  return page.getByRole("group", { name: "Up next" });
}

/** The control bar needs a pointer move to show after a while of playback. */
export async function showControls(page: Page): Promise<void> {
  const shell = page.locator(".video-js").first();
  await expect(async () => {
    await shell.hover({ position: { x: 30, y: 30 } });
    await shell.hover({ position: { x: 40, y: 40 } });
    await expect(shell).toHaveClass(/vjs-user-active/, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
}

/**
 * Makes the page's <video> say it cannot play HLS by itself (as Firefox, or a Chromium before native HLS), so
 * the player loads its HLS engine (VHS) and streams through media source extensions. Debian's Chromium plays
 * HLS natively, which the player otherwise uses without the engine.
 */
export async function withoutNativeHls(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript(() => {
    const canPlayType = HTMLMediaElement.prototype.canPlayType;
    HTMLMediaElement.prototype.canPlayType = function (this: HTMLMediaElement, type: string) {
      return /mpegurl/i.test(type) ? "" : canPlayType.call(this, type);
    };
  });
}

/** The quality menu's item for `quality` ("360p"), whose name also says what the episode costs in it ("360p · ≈ 256 kB"). */
export function qualityItem(page: Page, quality: string) {
  return page.getByRole("menuitemradio", { name: new RegExp(`^${quality}( · ≈ [\\d.,]+ [kMG]B)?$`) });
}

/** Pauses the video.js player from script (not a viewer interaction). */
export async function pausePlayer(page: Page): Promise<void> {
  await page
    .locator(".video-js")
    .first()
    .evaluate((el) => (el as unknown as { player: { pause(): void } }).player.pause());
}
