/** Pesan bahasa Indonesia: berapa kuota data yang dipakai untuk menonton, disebut sebelum video diputar. */
export const dataCost = {
  "dataCost.size": "≈ {size} · {quality}",
  "dataCost.quality": "{quality} · ≈ {size}",
  "dataCost.toFinish": "Kuota sampai tamat",
  "dataCost.allEpisodes": "Kuota semua episode",
  "dataCost.atQuality": "≈ {size} untuk {quality}",
  "dataCost.method": "Perkiraan dari bit rate dan durasi tiap video.",
  "dataCost.meter.heading": "Kuota terpakai",
  "dataCost.meter.thisMonth": "≈ {size} bulan ini",
  "dataCost.meter.method":
    "Perkiraan dari sejauh mana kamu menonton tiap episode yang kamu putar bulan ini, dengan kualitas saat diputar, atau kualitas tertingginya kalau pemutar tidak bisa mengetahuinya.",
  "dataCost.meter.none": "Belum ada video yang kamu tonton bulan ini.",
  "dataCost.meter.unavailable": "Perkiraan ini belum bisa ditampilkan sekarang. Coba lagi nanti.",
} as const;
