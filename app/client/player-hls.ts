/**
 * The HLS engine, a module of its own: video.js's VHS (adaptive streaming
 * through media source extensions) and the quality levels list the quality
 * menu steers. Loaded by the player (./player/hls-engine.ts) only where it
 * plays our HLS: a browser with media source extensions and an episode with
 * a stream. Both register themselves on the video.js core that the player
 * shares with this module (one chunk, so one instance; scripts/build.mjs).
 */
import "videojs-contrib-quality-levels";
import "@videojs/http-streaming";
