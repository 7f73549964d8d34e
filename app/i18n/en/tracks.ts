/** English messages: what a drama's episodes carry (badges and filters). Keys are prefixed by feature. */
export const tracks = {
  // The badges on cards and drama pages (app/components/track-badges.tsx)
  "tracks.label": "Accessibility",
  "tracks.subtitles": "Subtitles: {languages}",
  "tracks.subtitlesShort": "CC",
  "tracks.descriptions": "Audio description: {languages}",
  "tracks.descriptionsShort": "AD",
  "tracks.transcript": "Transcript",
  "tracks.none": "No subtitles or audio description yet.",
  "tracks.everyEpisode": "Listed only when every episode has it.",

  // The filters on /browse and /search
  "tracks.filter.subtitles": "Subtitles",
  "tracks.filter.descriptions": "Audio description",
} as const;
