/**
 * Upgrades the server-rendered <video data-player> (which already plays
 * without JavaScript) to video.js and wires the player's features together.
 */
import videojs from "video.js";
import { seekTarget, type ShortcutAction } from "~/lib/shortcuts";
import {
  HANDOFF_KEY,
  InteractionClock,
  createHandoff,
  readHandoff,
  shouldAskStillWatching,
} from "~/lib/still-watching";
import { Captions } from "./captions";
import { Describer, wireVoiceSelect } from "./descriptions";
import { readConfig, type CaptionsChoice } from "./config";
import { announce, storage } from "./dom";
import { listenForShortcuts } from "./keyboard";
import { quietMenuSelection } from "./menus";
import { PreferencesClient } from "./preferences";
import { wireProgress } from "./progress";
import { SourceController, addQualityMenu } from "./sources";
import { showStillWatching } from "./still-watching";
import { loadStrings, t } from "./strings";
import { createToolbar } from "./toolbar";
import { startTranscript } from "./transcript";
import type { VjsPlayer } from "./types";
import { UpNextCard } from "./up-next";

const INTERACTIONS = ["keydown", "pointerdown", "mousedown", "touchstart"] as const;

/**
 * video.js's labels for the page's language when video.js ships none
 * (`data-videojs-language`, sent only to viewers who need it); otherwise
 * video.js's own English. Returns the language video.js should use.
 */
function videojsLanguage(video: HTMLVideoElement): string {
  const lang = document.documentElement.lang || "en";
  const json = video.dataset.videojsLanguage;
  if (!json) return lang;
  try {
    const dictionary: unknown = JSON.parse(json);
    if (dictionary && typeof dictionary === "object") videojs.addLanguage(lang, dictionary);
  } catch {
    // Malformed: video.js falls back to its English labels.
  }
  return lang;
}

export function startPlayer(video: HTMLVideoElement): VjsPlayer {
  // First, on the native <video>: the transcript keeps working if video.js fails to start.
  const transcript = startTranscript(video);
  const config = readConfig(video.dataset);
  loadStrings(video.dataset.strings);
  const language = videojsLanguage(video);
  // What the server rendered, before video.js takes the <track>s over.
  const defaultTrack = video.querySelector<HTMLTrackElement>(
    'track[default][kind="captions"], track[default][kind="subtitles"]',
  );
  const initialCaptions: CaptionsChoice = config.captions ?? defaultTrack?.srclang ?? "off";

  // Autoplay chain: was this page reached by autoplay / "Play now", and since when has nobody interacted?
  const session = storage("sessionStorage");
  const now = Date.now();
  const pageStart = readHandoff(session?.getItem(HANDOFF_KEY) ?? null, location.pathname, now);
  session?.removeItem(HANDOFF_KEY);
  const askFirst = shouldAskStillWatching(pageStart, now);
  const interactions = new InteractionClock(pageStart.since);
  for (const type of INTERACTIONS) {
    document.addEventListener(
      type,
      (event) => {
        if (event.isTrusted) interactions.interacted(Date.now());
      },
      { capture: true, passive: true },
    );
  }

  // The markup's MP4 <source> is for playback without JavaScript; the script picks its own sources.
  // Dropping it cuts the browser's own early load of that file short.
  if (video.querySelector("source")) {
    video.querySelectorAll("source").forEach((source) => source.remove());
    video.removeAttribute("src");
    video.load();
  }

  quietMenuSelection();
  const player = videojs(video, {
    language,
    controls: true,
    preload: config.dataSaver ? "none" : "metadata",
    fluid: true,
    // A portrait drama is 9:16 from the first paint (video.js would assume 16:9 until the metadata arrives, and
    // with data saver that is only on play). Landscape keeps video.js's own ratio, read from the video.
    ...(config.orientation === "portrait" ? { aspectRatio: "9:16" } : {}),
    responsive: true,
    playbackRates: [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2],
    // How captions look is set on /settings/captions and drawn by the page's CSS (app/lib/caption-style.ts):
    // video.js's own caption settings dialog would be a second, conflicting source (decision 024).
    textTrackSettings: false,
    controlBar: {
      skipButtons: { backward: 10, forward: 10 },
      pictureInPictureToggle: false,
      // Never shown for a drama episode (no live streams, no chapters), and each costs its share of building the
      // player on a slow phone. Descriptions are ours (./descriptions.ts, the settings under the video): video.js's
      // menu would show them as text in an assertive live region. Audio tracks stay: a catalog's stream may carry several.
      liveDisplay: false,
      seekToLive: false,
      chaptersButton: false,
      descriptionsButton: false,
    },
    html5: {
      vhs: {
        overrideNative: true,
        // Data saver: first segment from the lowest rendition (needs no remembered bandwidth).
        enableLowInitialPlaylist: config.dataSaver,
        useBandwidthFromLocalStorage: !config.dataSaver,
      },
      nativeTextTracks: false,
      // Data saver: only the captions that show are fetched.
      preloadTextTracks: !config.dataSaver,
      nativeAudioTracks: false,
      nativeVideoTracks: false,
    },
  });
  const root = player.el() as HTMLElement;
  transcript?.usePlayer(player);

  const preferences = new PreferencesClient(config.prefsUrl);
  let autoplay = config.autoplay;

  const sources = new SourceController(player, config);
  sources.load();
  addQualityMenu(player, sources);
  const captions = new Captions(player, preferences, initialCaptions, config.captionStyleUrl);
  const liveRegion = document.getElementById("player-descriptions-live");
  if (liveRegion) {
    const describer = new Describer(player, liveRegion, config.descriptions);
    wireVoiceSelect(
      document.querySelector<HTMLSelectElement>("#pref-description-voice"),
      config.descriptions.lang,
      preferences,
      describer,
    );
  }
  wireProgress(player, { ...config, quality: () => sources.reportedQuality() });

  const focusPlayToggle = () => {
    const toggle = player.getChild("ControlBar")?.getChild("PlayToggle");
    player.userActive(true);
    if (toggle) toggle.focus();
    else root.focus();
  };

  function goNext(): void {
    if (!config.nextUrl) return;
    try {
      const to = new URL(config.nextUrl, location.href).pathname;
      const focusInPlayer = root.contains(document.activeElement);
      const handoff = createHandoff(to, interactions.lastInteractionAt, Date.now(), focusInPlayer);
      session?.setItem(HANDOFF_KEY, JSON.stringify(handoff));
    } catch {
      // Storage full: the next page simply waits for a click.
    }
    window.location.assign(config.nextUrl);
  }

  // Up next.
  const upNext = config.nextUrl
    ? new UpNextCard({
        host: root,
        number: config.nextNumber,
        title: config.nextTitle,
        go: goNext,
        fallbackFocus: focusPlayToggle,
      })
    : null;
  if (upNext) {
    player.on("ended", () => upNext.show(autoplay));
    // Replaying or seeking back closes the card.
    player.on(["play", "seeking"], () => {
      if (!player.ended()) upNext.hide();
    });
  }

  // The strip under the video.
  const toolbar = createToolbar({
    autoplay,
    onAutoplayChange: (on) => {
      autoplay = on;
      if (!on) upNext?.stopCounting();
      void preferences.save({ autoplay: on }).then((saved) => {
        if (!saved) announce(t("player.settingNotSaved"));
      });
    },
  });
  const frame = root.closest(".player-frame") ?? root;
  frame.after(toolbar.element);
  // Nobody is carried off to the next episode while reading the help.
  toolbar.onOpen(() => upNext?.stopCounting());

  // Keyboard shortcuts while focus is in the player.
  const run = (action: ShortcutAction) => {
    player.userActive(true);
    switch (action) {
      case "toggle-play":
        if (player.paused()) player.play()?.catch(() => undefined);
        else player.pause();
        break;
      case "seek-back":
      case "seek-forward": {
        const duration = player.duration() ?? config.duration;
        player.currentTime(seekTarget(player.currentTime() ?? 0, duration, action === "seek-back" ? -1 : 1));
        break;
      }
      case "toggle-mute": {
        const muted = !player.muted();
        player.muted(muted);
        announce(muted ? t("player.muted") : t("player.unmuted"));
        break;
      }
      case "toggle-fullscreen":
        if (player.isFullscreen()) void player.exitFullscreen()?.catch(() => undefined);
        else void player.requestFullscreen()?.catch(() => undefined);
        break;
      case "toggle-captions":
        announce(captions.toggle());
        break;
      case "next-episode":
        if (config.nextUrl) goNext();
        else announce(t("player.noNextEpisode"));
        break;
      case "show-help":
        toolbar.openHelp(document.activeElement);
        break;
    }
  };
  listenForShortcuts(root, run);

  // Start: by itself when reached by autoplay, unless it is time to ask.
  if (askFirst) {
    player.ready(() => {
      const close = showStillWatching({
        host: root,
        onContinue: () => {
          interactions.interacted(Date.now());
          // The control bar shows once playback starts: focus its Pause button then.
          player.one("play", () => setTimeout(focusPlayToggle, 0));
          player.play()?.catch(() => undefined);
        },
        onStop: () => {
          const big = player.getChild("BigPlayButton");
          if (big) big.focus();
          else focusPlayToggle();
        },
      });
      // Started another way (big play button, k): the question is answered.
      player.one("play", close);
    });
  } else if (pageStart.autoplay) {
    player.ready(() => {
      // A keyboard viewer who moved on from inside the player carries on from inside this one: on its Pause
      // button once the control bar shows, or on the big play button when the browser refuses to start.
      if (pageStart.focusPlayer) player.one("play", () => setTimeout(focusPlayToggle, 0));
      const started = player.play();
      started?.catch(() => {
        if (pageStart.focusPlayer) player.getChild("BigPlayButton")?.focus();
        announce(t("player.pressPlay"));
      });
    });
  }

  return player;
}
