/**
 * Audio description and captions for screen readers. The episode's
 * descriptions track stays "hidden" in video.js (its cues fire, nothing is
 * drawn), so video.js never makes its caption display an assertive live
 * region (it does for a showing descriptions track, interrupting screen
 * readers). Each description is instead read aloud with the Web Speech API,
 * in the viewer's voice and rate, or written to the page's polite live
 * region for the viewer's own screen reader. Extended description pauses the
 * video while a description is read and resumes it after, unless the viewer
 * paused or moved it meanwhile. Captions can go to the same polite region
 * (off by default).
 */
import { plainCueText, readingTimeMs, type DescriptionMode } from "~/lib/descriptions";
import type { PreferencesClient } from "./preferences";
import { t } from "./strings";
import { textTracks, type VjsPlayer } from "./types";

export interface DescriptionSettings {
  mode: DescriptionMode;
  /** The language of the descriptions track to read ("" = none). */
  lang: string;
  extended: boolean;
  rate: number;
  /** A voice name of this device, "" = its default for the language. */
  voice: string;
  readCaptions: boolean;
}

interface CueLike {
  id: string;
  startTime: number;
  text: string;
}

interface CueTrack {
  kind: string;
  language: string;
  mode: "disabled" | "hidden" | "showing";
  activeCues: ArrayLike<CueLike> | null;
  addEventListener(type: "cuechange", listener: () => void): void;
}

function speechAvailable(): boolean {
  return typeof window.speechSynthesis !== "undefined" && typeof window.SpeechSynthesisUtterance === "function";
}

/** The live region's text, replaced so a repeated line is announced again. */
function say(region: HTMLElement, text: string): void {
  region.textContent = "";
  window.setTimeout(() => {
    region.textContent = text;
  }, 50);
}

export class Describer {
  private readonly player: VjsPlayer;
  private readonly region: HTMLElement;
  private settings: DescriptionSettings;
  /** Cues already delivered (a cue stays active for seconds; it is read once). */
  private readonly delivered = new Set<string>();
  /** The video was paused by a description (extended), not by the viewer. */
  private pausedForDescription = false;
  private resumeTimer: number | undefined;

  constructor(player: VjsPlayer, region: HTMLElement, settings: DescriptionSettings) {
    this.player = player;
    this.region = region;
    this.settings = settings;
    player.ready(() => this.attach());
    // Seeking or the viewer's own pause ends a description's hold on the video.
    player.on("seeking", () => this.interrupt());
    player.on("pause", () => {
      if (!this.pausedForDescription) this.cancelResume();
    });
    player.on("play", () => {
      this.pausedForDescription = false;
    });
  }

  update(change: Partial<DescriptionSettings>): void {
    this.settings = { ...this.settings, ...change };
    if (this.settings.mode === "off") this.interrupt();
  }

  private tracks(): CueTrack[] {
    const list = textTracks(this.player) as unknown as ArrayLike<CueTrack>;
    return Array.from(list);
  }

  private attach(): void {
    const followed: (() => void)[] = [];
    for (const track of this.tracks()) {
      let check: (() => void) | null = null;
      if (track.kind === "descriptions") {
        // Only the viewer's language is loaded and followed; video.js draws none of them.
        track.mode = track.language === this.settings.lang ? "hidden" : "disabled";
        if (track.mode === "hidden") check = () => this.onDescription(track);
      } else if (track.kind === "captions" || track.kind === "subtitles") {
        check = () => this.onCaption(track);
      }
      if (check) {
        track.addEventListener("cuechange", check);
        followed.push(check);
      }
    }
    // A cue already active before playback (the first, at 0:00, when the track loads) is read once it starts.
    this.player.on("playing", () => followed.forEach((check) => check()));
  }

  private fresh(track: CueTrack): string[] {
    const texts: string[] = [];
    const cues = track.activeCues;
    for (let i = 0; cues && i < cues.length; i += 1) {
      const cue = cues[i];
      const key = `${track.kind}:${track.language}:${cue.id}:${cue.startTime}`;
      if (this.delivered.has(key)) continue;
      this.delivered.add(key);
      const text = plainCueText(cue.text);
      if (text) texts.push(text);
    }
    return texts;
  }

  private onCaption(track: CueTrack): void {
    if (!this.settings.readCaptions || track.mode !== "showing" || this.player.paused()) return;
    const texts = this.fresh(track);
    if (texts.length > 0) say(this.region, texts.join(" "));
  }

  private onDescription(track: CueTrack): void {
    if (this.settings.mode === "off" || this.player.paused()) return;
    const texts = this.fresh(track);
    if (texts.length === 0) return;
    const text = texts.join(" ");
    if (this.settings.extended && !this.player.paused()) {
      this.pausedForDescription = true;
      this.player.pause();
    }
    if (this.settings.mode === "speech" && speechAvailable()) this.speak(text);
    else {
      say(this.region, t("player.descriptionLabel", { text }));
      if (this.pausedForDescription) {
        this.resumeTimer = window.setTimeout(() => this.resume(), readingTimeMs(text, this.settings.rate));
      }
    }
  }

  private speak(text: string): void {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = this.settings.lang;
    utterance.rate = this.settings.rate;
    const voice = window.speechSynthesis.getVoices().find((candidate) => candidate.name === this.settings.voice);
    if (voice) utterance.voice = voice;
    const done = () => {
      if (this.pausedForDescription && !window.speechSynthesis.speaking) this.resume();
    };
    utterance.addEventListener("end", done);
    utterance.addEventListener("error", done);
    window.speechSynthesis.speak(utterance);
  }

  private resume(): void {
    this.cancelResume();
    if (!this.pausedForDescription) return;
    this.pausedForDescription = false;
    if (this.player.paused()) this.player.play()?.catch(() => undefined);
  }

  private cancelResume(): void {
    window.clearTimeout(this.resumeTimer);
    this.resumeTimer = undefined;
  }

  /** Stops what is being read and forgets what was read, so a seek back reads it again. */
  private interrupt(): void {
    this.cancelResume();
    this.pausedForDescription = false;
    if (speechAvailable()) window.speechSynthesis.cancel();
    this.delivered.clear();
  }
}

/**
 * The settings form's voice list: this device's voices for the description
 * language, enabled now that a script can fill it. Changes are saved like the
 * player's other settings and applied at once.
 */
export function wireVoiceSelect(
  select: HTMLSelectElement | null,
  lang: string,
  preferences: PreferencesClient,
  describer: Describer,
): void {
  if (!select || !speechAvailable()) return;
  const saved = select.dataset.voice ?? "";
  const fill = () => {
    const voices = window.speechSynthesis
      .getVoices()
      .filter((voice) => !lang || voice.lang.toLowerCase().startsWith(lang.toLowerCase()));
    const current = select.value || saved;
    select.replaceChildren(select.options[0] ?? new Option(t("player.defaultVoice"), ""));
    for (const voice of voices) select.append(new Option(voice.name, voice.name, false, voice.name === current));
    select.disabled = false;
  };
  fill();
  window.speechSynthesis.addEventListener("voiceschanged", fill);
  select.addEventListener("change", () => {
    describer.update({ voice: select.value });
    void preferences.save({ descriptionVoice: select.value });
  });
}
