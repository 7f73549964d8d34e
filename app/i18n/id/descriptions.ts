/** Pesan bahasa Indonesia: deskripsi audio dan pengaturan pembaca layar di bawah pemutar. */
export const descriptions = {
  "descriptions.legend": "Deskripsi audio dan pembaca layar",
  "descriptions.mode": "Deskripsi audio",
  "descriptions.mode.off": "Nonaktif",
  "descriptions.mode.speech": "Bacakan",
  "descriptions.mode.screenReader": "Kirim ke pembaca layarku",
  "descriptions.modeHint": "Menjelaskan apa yang terlihat di layar, dari trek deskripsi episode.",
  "descriptions.unavailable": "Episode ini belum punya deskripsi audio.",
  "descriptions.extended": "Jeda video saat deskripsi dibacakan",
  "descriptions.rate": "Kecepatan bicara",
  "descriptions.rateValue": "{rate, number}×",
  "descriptions.voice": "Suara",
  "descriptions.voiceHint": "Pilihan suara berasal dari perangkatmu; tanpa JavaScript, suara bawaannya yang dipakai.",
  "descriptions.readCaptions": "Bacakan subtitel ke pembaca layarku",
  "descriptions.readCaptionsHint":
    "Setiap baris subtitel juga dibacakan, tanpa memotong yang sedang diucapkan pembaca layarmu.",
} as const;
