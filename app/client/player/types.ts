/** The few video.js shapes the player code uses, typed narrowly. */
import type videojs from "video.js";

export type VjsPlayer = ReturnType<typeof videojs>;

/** One HLS rendition in video.js's built-in quality levels (videojs-contrib-quality-levels). */
export interface QualityLevel {
  id: string;
  width?: number;
  height?: number;
  bitrate?: number;
  enabled: boolean;
}

export interface QualityLevelList {
  readonly length: number;
  readonly selectedIndex: number;
  [index: number]: QualityLevel;
  on(type: string, listener: (event: { qualityLevel?: QualityLevel }) => void): void;
}

export interface TextTrackLike {
  kind: string;
  language: string;
  label: string;
  mode: "disabled" | "hidden" | "showing";
}

export interface TextTrackListLike {
  readonly length: number;
  [index: number]: TextTrackLike;
  addEventListener(type: "change" | "addtrack" | "removetrack", listener: () => void): void;
}

/** VHS's handle on the tech (internal API; every use is guarded). */
export interface VhsHandle {
  playlistController_?: { fastQualityChange_?: () => void };
}

export function qualityLevels(player: VjsPlayer): QualityLevelList | null {
  const plugin = (player as unknown as { qualityLevels?: () => QualityLevelList }).qualityLevels;
  return typeof plugin === "function" ? plugin.call(player) : null;
}

export function vhs(player: VjsPlayer): VhsHandle | null {
  const tech = player.tech(true) as unknown as { vhs?: VhsHandle } | undefined;
  return tech?.vhs ?? null;
}

export function textTracks(player: VjsPlayer): TextTrackListLike {
  return player.textTracks() as unknown as TextTrackListLike;
}

export const HLS_TYPE = "application/x-mpegURL";
export const MP4_TYPE = "video/mp4";
