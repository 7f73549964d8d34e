/** Indonesian messages: the transcript under the player (the keys of app/i18n/en/transcript.ts). */
import type { transcript as english } from "../en/transcript";

export const transcript = {
  "transcript.summary": "Transkrip",
  "transcript.heading": "Transkrip episode {number}",
  "transcript.languages": "Bahasa transkrip",
  "transcript.searchLabel": "Cari di transkrip",
  "transcript.searchSubmit": "Cari",
  "transcript.searchClear": "Hapus pencarian",
  "transcript.matches": "{count, plural, other {# baris cocok}}",
  "transcript.noMatches": "Tidak ada baris yang cocok.",
  "transcript.playFrom": "Putar dari {time}",
  "transcript.description": "Deskripsi",
  "transcript.followAlong": "Ikuti pemutaran",
  "transcript.lines": "Baris transkrip",
  "transcript.unavailable": "Transkrip sedang tidak tersedia. Coba lagi nanti.",
  "transcript.descriptionsUnavailable": "Deskripsi sedang tidak tersedia, jadi transkrip hanya menampilkan subtitel.",
  "transcript.none": "Episode ini tidak punya transkrip.",
  "transcript.seeked": "Diputar dari {time}.",
} satisfies Record<keyof typeof english, string>;
