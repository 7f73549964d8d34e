/**
 * The /watch page's player script (one esbuild bundle, see scripts/build.mjs).
 * The page works without it: this upgrades the server-rendered <video> to
 * video.js with HLS, quality and speed menus, captions that remember the
 * viewer's choice, keyboard shortcuts, progress saves that survive a lost
 * connection, "Up next" and "Still watching?". The parts live in ./player/.
 */
import { startPlayer } from "./player/start";

const video = document.querySelector<HTMLVideoElement>("video[data-player]");
if (video) startPlayer(video);
