/** Indonesian messages: the player script's own words (the keys of app/i18n/en/player.ts, `{name}` arguments only). */
import type { player as english } from "../en/player";

export const player = {
  // Quality menu (app/client/player/sources.ts)
  "player.quality": "Kualitas",
  "player.qualityAuto": "Otomatis",
  "player.qualityAutoWith": "Otomatis ({quality})",

  // The link to the caption style settings under the player (app/client/player/toolbar.ts)
  "player.captionStyle": "Gaya subtitel",

  // Up next card (app/client/player/up-next.ts)
  "player.upNext": "Berikutnya",
  "player.upNextEpisode": "Episode {number}",
  "player.upNextEpisodeTitled": "Episode {number}: {title}",
  "player.upNextIn": "Diputar dalam {seconds} dtk",
  "player.upNextInSpoken": "Berikutnya: episode {number} dalam {seconds} detik.",
  "player.upNextSpoken": "Berikutnya: episode {number}.",
  "player.upNextSpokenTitled": "Berikutnya: episode {number}, {title}.",
  "player.upNextCancelled": "Putar otomatis dibatalkan.",
  "player.playNow": "Putar sekarang",
  "player.cancel": "Batal",
  "player.close": "Tutup",

  // Still watching? (app/client/player/still-watching.ts)
  "player.stillWatching": "Masih menonton?",
  "player.stillWatchingBody": "Pemutaran dijeda setelah lama diputar otomatis.",
  "player.stillWatchingSpoken": "Masih menonton? Pemutaran dijeda.",
  "player.continueWatching": "Lanjutkan menonton",
  "player.stop": "Berhenti",

  // The strip under the video (app/client/player/toolbar.ts)
  "player.autoplayNext": "Putar otomatis episode berikutnya",
  "player.settingNotSaved": "Pengaturan tidak bisa disimpan. Pengaturan ini hanya berlaku di halaman ini.",
  "player.shortcuts": "Pintasan keyboard",
  "player.shortcutsHint": "Pintasan ini berfungsi saat pemutar video sedang aktif.",
  // Between two keys for the same action: "J atau Panah kiri".
  "player.shortcutOr": "atau",

  // Key names in the shortcut help (app/lib/shortcuts.ts); letters are shown as they are.
  "player.key.space": "Spasi",
  "player.key.left": "Panah kiri",
  "player.key.right": "Panah kanan",

  // What each shortcut does (app/lib/shortcuts.ts)
  "player.shortcut.togglePlay": "Putar atau jeda",
  "player.shortcut.seekBack": "Mundur {seconds} detik",
  "player.shortcut.seekForward": "Maju {seconds} detik",
  "player.shortcut.toggleMute": "Bisukan atau nyalakan suara",
  "player.shortcut.toggleFullscreen": "Layar penuh atau keluar",
  "player.shortcut.toggleCaptions": "Subtitel nyala atau mati",
  "player.shortcut.nextEpisode": "Episode berikutnya",
  "player.shortcut.showHelp": "Tampilkan pintasan ini",

  // Announcements (the page's polite status region)
  "player.captionsOn": "Subtitel nyala: {label}.",
  "player.captionsOff": "Subtitel mati.",
  "player.noCaptions": "Episode ini tidak punya subtitel.",
  "player.muted": "Suara dibisukan.",
  "player.unmuted": "Suara nyala.",
  "player.noNextEpisode": "Ini episode terakhir.",
  "player.pressPlay": "Browser tidak mengizinkan episode diputar otomatis. Tekan putar untuk memulai.",

  "player.descriptionLabel": "Deskripsi: {text}",
  "player.defaultVoice": "Suara bawaan perangkat",
} satisfies Record<keyof typeof english, string>;
