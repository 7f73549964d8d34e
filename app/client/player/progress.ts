/**
 * Progress reports from the player to POST /resources/progress: the pure
 * reporter decides when, the sender delivers (fetch, or a beacon as the page
 * goes away) and keeps failed saves in localStorage until the network is back.
 */
import { ProgressReporter, type ProgressReport } from "~/lib/progress-reporter";
import { AUTO } from "~/lib/quality";
import { ProgressSender, SAVE_QUEUE_KEY, SaveQueue, type PendingSave } from "~/lib/save-queue";
import { withCsrf } from "../csrf";
import type { PlayerConfig } from "./config";
import { storage } from "./dom";

function body(save: PendingSave): URLSearchParams {
  return withCsrf(
    new URLSearchParams({
      episodeId: save.episodeId,
      position: save.position.toFixed(2),
      duration: save.duration.toFixed(2),
      viewingStart: save.viewingStart ? "1" : "0",
      seq: String(save.seq),
      ...(save.quality ? { quality: save.quality } : {}),
    }),
  );
}

/**
 * The page's one sender: it sends the saves kept from an earlier page or a lost connection now, and again
 * whenever the browser is back online.
 */
export function createSender(saveUrl: string, viewer: string): ProgressSender {
  const queue = new SaveQueue(storage("localStorage"), {
    key: viewer ? `${SAVE_QUEUE_KEY}:${viewer}` : SAVE_QUEUE_KEY,
  });
  const sender = new ProgressSender({
    queue,
    transport: async (save) => {
      try {
        const response = await fetch(saveUrl, {
          method: "POST",
          body: body(save),
          credentials: "same-origin",
          // Survives the page going away right after (end of episode, then "Play now").
          keepalive: true,
        });
        return response.status;
      } catch {
        return null;
      }
    },
    beacon: (save) => typeof navigator.sendBeacon === "function" && navigator.sendBeacon(saveUrl, body(save)),
    isOnline: () => navigator.onLine !== false,
  });
  window.addEventListener("online", () => void sender.flush());
  if (navigator.onLine !== false) void sender.flush();
  return sender;
}

/** What reporting progress needs of a player: video.js's, or a plain <video> through nativeMedia. */
export interface ProgressMedia {
  currentTime(): number | undefined;
  duration(): number | undefined;
  paused(): boolean;
  seeking(): boolean;
  ended(): boolean;
  on(event: "timeupdate" | "pause" | "seeked" | "ended", listener: () => void): void;
}

/** A native <video> as a ProgressMedia (the binge feed plays without video.js). */
export function nativeMedia(video: HTMLVideoElement): ProgressMedia {
  return {
    currentTime: () => video.currentTime,
    duration: () => video.duration,
    paused: () => video.paused,
    seeking: () => video.seeking,
    ended: () => video.ended,
    on: (event, listener) => video.addEventListener(event, listener),
  };
}

/**
 * `config.quality` names the rendition playing at each report, for the data meter (docs/progress.md); without it
 * the saves say "auto" (priced at the episode's highest rendition).
 */
export function wireProgress(
  player: ProgressMedia,
  config: Pick<PlayerConfig, "episodeId" | "duration" | "saveUrl" | "viewer"> & { quality?: () => string },
  sender: ProgressSender = createSender(config.saveUrl, config.viewer),
): ProgressReporter | null {
  if (!config.episodeId) return null;

  const toSave = (report: ProgressReport): PendingSave => ({
    episodeId: config.episodeId,
    position: report.position,
    duration: report.duration,
    viewingStart: report.viewingStart,
    seq: report.seq,
    quality: config.quality?.() ?? AUTO,
  });
  const reporter = new ProgressReporter({
    send: (report) => {
      if (report.final) sender.sendFinal(toSave(report));
      else void sender.send(toSave(report));
    },
  });

  const position = () => player.currentTime() ?? 0;
  const duration = () => {
    const fromPlayer = player.duration();
    return typeof fromPlayer === "number" && Number.isFinite(fromPlayer) && fromPlayer > 0
      ? fromPlayer
      : config.duration;
  };
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
  return reporter;
}
