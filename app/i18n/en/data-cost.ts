/** English messages: what watching costs in mobile data, said before anything plays. Keys are prefixed by feature. */
export const dataCost = {
  // An episode's size in one quality: an episode link, a download link, the player's quality menu
  "dataCost.size": "≈ {size} · {quality}",
  // The drama page's facts: what the rest of the series costs, per quality
  "dataCost.quality": "{quality} · ≈ {size}",
  "dataCost.toFinish": "Data to finish",
  "dataCost.allEpisodes": "Data for every episode",
  "dataCost.atQuality": "≈ {size} at {quality}",
  "dataCost.method": "Estimated from each video's bit rate and length.",
} as const;
