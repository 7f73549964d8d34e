/**
 * The /watch page's player: video.js over the server-rendered <video>
 * (which already plays without JavaScript), HLS with MP4 fallback, resume at
 * the saved position, and progress reports to the server.
 */
import videojs from "video.js";
import { ProgressReporter, type ProgressReport } from "~/lib/progress-reporter";

const video = document.querySelector<HTMLVideoElement>("video[data-player]");

if (video) {
  const { episodeId, hls, mp4, start, saveUrl } = video.dataset;
  const startAt = Number(start ?? 0);

  function post(report: ProgressReport) {
    if (!saveUrl || !episodeId) return;
    const body = new URLSearchParams({
      episodeId,
      position: report.position.toFixed(2),
      duration: report.duration.toFixed(2),
      viewingStart: report.viewingStart ? "1" : "0",
    });
    if (report.final && navigator.sendBeacon) {
      navigator.sendBeacon(saveUrl, body);
      return;
    }
    fetch(saveUrl, { method: "POST", body, credentials: "same-origin", keepalive: true }).catch(() => {
      // A lost report is replaced by the next one.
    });
  }

  const reporter = new ProgressReporter({ send: post });
  const player = videojs(video, {
    controls: true,
    preload: "metadata",
    fluid: true,
    playbackRates: [0.5, 0.75, 1, 1.25, 1.5, 2],
    html5: { vhs: { overrideNative: true }, nativeTextTracks: false },
  });

  const sources = [];
  if (hls) sources.push({ src: hls, type: "application/x-mpegURL" });
  if (mp4) sources.push({ src: mp4, type: "video/mp4" });
  if (sources.length > 0) player.src(sources);

  let resumed = startAt <= 0;
  player.on("loadedmetadata", () => {
    if (!resumed) {
      resumed = true;
      player.currentTime(startAt);
    }
  });

  const position = () => player.currentTime() ?? 0;
  const duration = () => player.duration() ?? 0;
  player.on("timeupdate", () => {
    if (!player.paused() && !player.seeking()) reporter.timeUpdate(position(), duration());
  });
  player.on("pause", () => {
    if (!player.ended()) reporter.pause(position(), duration());
  });
  player.on("seeked", () => reporter.seeked(position(), duration()));
  player.on("ended", () => reporter.ended(duration()));
  window.addEventListener("pagehide", () => reporter.hide());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") reporter.hide();
  });
}
