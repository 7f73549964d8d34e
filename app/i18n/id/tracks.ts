/** Pesan bahasa Indonesia: apa yang dimiliki episode sebuah drama (lencana dan filter). */
export const tracks = {
  "tracks.label": "Aksesibilitas",
  "tracks.subtitles": "Subtitel: {languages}",
  "tracks.subtitlesShort": "CC",
  "tracks.descriptions": "Deskripsi audio: {languages}",
  "tracks.descriptionsShort": "AD",
  "tracks.transcript": "Transkrip",
  "tracks.none": "Belum ada subtitel atau deskripsi audio.",
  "tracks.everyEpisode": "Hanya dicantumkan jika semua episode memilikinya.",

  "tracks.filter.subtitles": "Subtitel",
  "tracks.filter.descriptions": "Deskripsi audio",
} as const;
