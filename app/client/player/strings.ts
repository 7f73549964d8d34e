/**
 * The player's own words (the page's text comes from app/i18n; the player
 * script does not ship the whole catalog for these few strings).
 */
export const STRINGS = {
  quality: "Quality",
  qualityAuto: "Auto",
  qualityAutoWith: "Auto ({quality})",
  upNext: "Up next",
  upNextEpisode: "Episode {number}",
  upNextIn: "Playing in {seconds} s",
  upNextInSpoken: "Up next: episode {number} in {seconds} seconds.",
  upNextCancelled: "Autoplay cancelled.",
  playNow: "Play now",
  cancel: "Cancel",
  close: "Close",
  stillWatching: "Still watching?",
  stillWatchingBody: "Playback paused after a long stretch of autoplay.",
  stillWatchingSpoken: "Still watching? Playback is paused.",
  continueWatching: "Continue watching",
  stop: "Stop",
  autoplayNext: "Autoplay next episode",
  settingNotSaved: "The setting could not be saved. It applies on this page only.",
  shortcuts: "Keyboard shortcuts",
  shortcutsHint: "These work while the video player has focus.",
  captionsOn: "Captions on: {label}.",
  captionsOff: "Captions off.",
  noCaptions: "No captions for this episode.",
  muted: "Muted.",
  unmuted: "Sound on.",
  noNextEpisode: "This is the last episode.",
  pressPlay: "The browser did not let the episode start by itself. Press play to start it.",
} as const;

export type StringKey = keyof typeof STRINGS;

export function t(key: StringKey, vars: Record<string, string | number> = {}): string {
  return STRINGS[key].replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}
