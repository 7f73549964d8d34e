/**
 * The /watch page's player script (esbuild bundles, see scripts/build.mjs).
 * The page works without it: this upgrades the server-rendered <video> to
 * video.js with HLS, quality and speed menus, captions that remember the
 * viewer's choice, keyboard shortcuts, progress saves that survive a lost
 * connection, "Up next" and "Still watching?". The parts live in ./player/.
 * The HLS engine comes first where this browser uses it (./player/hls-engine.ts).
 */
import { loadHlsEngine, wantsHlsEngine } from "./player/hls-engine";
import { startPlayer } from "./player/start";

const video = document.querySelector<HTMLVideoElement>("video[data-player]");
if (video) {
  const engine = wantsHlsEngine(video.dataset.hls ?? "") ? loadHlsEngine() : Promise.resolve();
  void engine.then(() => startPlayer(video));
}
