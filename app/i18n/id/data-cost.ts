/** Pesan bahasa Indonesia: berapa kuota data yang dipakai untuk menonton, disebut sebelum video diputar. */
export const dataCost = {
  "dataCost.size": "≈ {size} · {quality}",
  "dataCost.quality": "{quality} · ≈ {size}",
  "dataCost.toFinish": "Kuota sampai tamat",
  "dataCost.allEpisodes": "Kuota semua episode",
  "dataCost.atQuality": "≈ {size} untuk {quality}",
  "dataCost.method": "Perkiraan dari bit rate dan durasi tiap video.",
} as const;
