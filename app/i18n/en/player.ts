/**
 * English messages: the player script's own words (app/client/player/). The
 * watch page hands the current locale's `player.*` templates to the script,
 * which fills them with a tiny `{name}` substitution instead of shipping
 * MessageFormat: so these messages use simple `{name}` arguments only (no
 * plural, select or number formats; numbers arrive already formatted with
 * Intl). tests/unit/player-strings.test.ts holds every locale to that.
 */
export const player = {
  // Quality menu (app/client/player/sources.ts)
  "player.quality": "Quality",
  "player.qualityAuto": "Auto",
  "player.qualityAutoWith": "Auto ({quality})",

  // The link to the caption style settings under the player (app/client/player/toolbar.ts)
  "player.captionStyle": "Caption style",

  // Up next card (app/client/player/up-next.ts)
  "player.upNext": "Up next",
  "player.upNextEpisode": "Episode {number}",
  "player.upNextEpisodeTitled": "Episode {number}: {title}",
  "player.upNextIn": "Playing in {seconds} s",
  "player.upNextInSpoken": "Up next: episode {number} in {seconds} seconds.",
  "player.upNextSpoken": "Up next: episode {number}.",
  "player.upNextSpokenTitled": "Up next: episode {number}, {title}.",
  "player.upNextCancelled": "Autoplay cancelled.",
  "player.playNow": "Play now",
  "player.cancel": "Cancel",
  "player.close": "Close",

  // Still watching? (app/client/player/still-watching.ts)
  "player.stillWatching": "Still watching?",
  "player.stillWatchingBody": "Playback paused after a long stretch of autoplay.",
  "player.stillWatchingSpoken": "Still watching? Playback is paused.",
  "player.continueWatching": "Continue watching",
  "player.stop": "Stop",

  // The strip under the video (app/client/player/toolbar.ts)
  "player.autoplayNext": "Autoplay next episode",
  "player.settingNotSaved": "The setting could not be saved. It applies on this page only.",
  "player.shortcuts": "Keyboard shortcuts",
  "player.shortcutsHint": "These work while the video player has focus.",
  // Between two keys for the same action: "J or Left arrow".
  "player.shortcutOr": "or",

  // Key names in the shortcut help (app/lib/shortcuts.ts); letters are shown as they are.
  "player.key.space": "Space",
  "player.key.left": "Left arrow",
  "player.key.right": "Right arrow",

  // What each shortcut does (app/lib/shortcuts.ts)
  "player.shortcut.togglePlay": "Play or pause",
  "player.shortcut.seekBack": "Back {seconds} seconds",
  "player.shortcut.seekForward": "Forward {seconds} seconds",
  "player.shortcut.toggleMute": "Mute or unmute",
  "player.shortcut.toggleFullscreen": "Full screen on or off",
  "player.shortcut.toggleCaptions": "Captions on or off",
  "player.shortcut.nextEpisode": "Next episode",
  "player.shortcut.showHelp": "Show these shortcuts",

  // Announcements (the page's polite status region)
  "player.captionsOn": "Captions on: {label}.",
  "player.captionsOff": "Captions off.",
  "player.noCaptions": "No captions for this episode.",
  "player.muted": "Muted.",
  "player.unmuted": "Sound on.",
  "player.noNextEpisode": "This is the last episode.",
  "player.pressPlay": "The browser did not let the episode start by itself. Press play to start it.",

  // Audio description (app/client/player/descriptions.ts)
  "player.descriptionLabel": "Description: {text}",
  "player.defaultVoice": "The device's default voice",
} as const;
