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
  // The data meter on /account: this calendar month's video, estimated from the viewer's own progress
  "dataCost.meter.heading": "Data used",
  "dataCost.meter.thisMonth": "≈ {size} this month",
  "dataCost.meter.method":
    "Estimated from how far you got in each episode you played this month, at the quality it played in, or at its highest quality when the player could not tell.",
  "dataCost.meter.none": "No video watched this month.",
  "dataCost.meter.unavailable": "The estimate is not available right now. Please try again later.",
} as const;
