/** Pesan bahasa Indonesia: mode maraton (/drama/:id/feed), satu episode per layar. */
export const feed = {
  "feed.link": "Tonton maraton",
  "feed.title": "{title}: mode maraton",
  "feed.heading": "Maraton: {title}",
  "feed.label": "Semua episode {title}, satu per layar",
  "feed.help": "Geser ke atas atau tekan Page Down untuk episode berikutnya, Page Up untuk yang sebelumnya.",
  "feed.position": "Episode {number} dari {total}",
  "feed.moved": "Episode {number} dari {total}: {title}",
  "feed.previous": "Episode sebelumnya",
  "feed.next": "Episode berikutnya",
  "feed.openPlayer": "Buka di pemutar lengkap",
  "feed.last": "Ini episode terakhir.",
  "feed.notYet": "Itu semua episode yang sudah tayang: episode {from}–{to} belum tersedia.",
  "feed.notYetOne": "Itu semua episode yang sudah tayang: episode {number} belum tersedia.",
  "feed.empty": "Belum ada episode drama ini yang bisa diputar.",
} as const;
