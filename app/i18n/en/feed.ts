/** English messages: the binge feed (/drama/:id/feed), one episode per screen. Keys are prefixed by feature. */
export const feed = {
  // The drama page's way in
  "feed.link": "Binge in the feed",
  // The page
  "feed.title": "{title}: binge feed",
  "feed.heading": "Binge: {title}",
  "feed.label": "Episodes of {title}, one per screen",
  "feed.help": "Swipe up or press Page Down for the next episode, Page Up for the one before.",
  // One episode: its region's name, and what moving to it announces
  "feed.position": "Episode {number} of {total}",
  "feed.moved": "Episode {number} of {total}: {title}",
  "feed.previous": "Previous episode",
  "feed.next": "Next episode",
  "feed.openPlayer": "Open in the full player",
  "feed.last": "This is the last episode.",
  "feed.notYet": "That is every episode out so far: episodes {from}–{to} are not available yet.",
  "feed.notYetOne": "That is every episode out so far: episode {number} is not available yet.",
  "feed.empty": "No episode of this drama can be played yet.",
} as const;
