/**
 * Loading the HLS engine (../player-hls.ts) only when this browser needs it:
 * half of video.js's weight is VHS, which a browser that plays HLS itself
 * (Safari, Chrome on Android, recent Chromium) or only MP4 never runs. Where
 * HLS plays natively, Auto is the browser's own adaptive streaming and a fixed
 * quality plays that MP4 (./sources.ts).
 */

/** The HLS types a <video> says it plays by itself. */
const HLS_TYPES = ["application/vnd.apple.mpegurl", "application/x-mpegurl"];

/** Whether this browser's <video> plays HLS by itself. */
export function playsHlsNatively(): boolean {
  const video = document.createElement("video");
  return HLS_TYPES.some((type) => video.canPlayType(type) !== "");
}

/** The codecs VHS checks before it registers itself (H.264 video, AAC-LC audio, in MP4). */
const MSE_TYPE = 'video/mp4; codecs="avc1.4d400d,mp4a.40.2"';

interface MediaSourceLike {
  isTypeSupported?: (type: string) => boolean;
}

/**
 * Whether VHS should play our HLS here: an HLS stream, a browser that cannot play it by itself, and media
 * source extensions that take H.264 + AAC.
 */
export function wantsHlsEngine(hls: string): boolean {
  if (!hls || playsHlsNatively()) return false;
  const w = window as unknown as { MediaSource?: MediaSourceLike; ManagedMediaSource?: MediaSourceLike };
  return [w.MediaSource, w.ManagedMediaSource].some(
    (source) => typeof source?.isTypeSupported === "function" && source.isTypeSupported(MSE_TYPE),
  );
}

/**
 * Runs the engine's module (its URL is on the player's own <script data-hls-engine>, app/root.tsx) and resolves
 * once it has run, or failed to load: without it the player still plays the MP4.
 */
export function loadHlsEngine(): Promise<void> {
  const src = document.querySelector<HTMLScriptElement>("script[data-hls-engine]")?.dataset.hlsEngine;
  if (!src) return Promise.resolve();
  return new Promise((resolve) => {
    const script = document.createElement("script");
    script.type = "module";
    script.src = src;
    script.addEventListener("load", () => resolve());
    script.addEventListener("error", () => resolve());
    document.head.append(script);
  });
}
