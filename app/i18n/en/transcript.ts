/** English messages: the transcript under the player (app/components/transcript.tsx, app/client/player/transcript.ts). */
export const transcript = {
  "transcript.summary": "Transcript",
  "transcript.heading": "Transcript of episode {number}",
  "transcript.languages": "Transcript language",
  "transcript.searchLabel": "Search the transcript",
  "transcript.searchSubmit": "Search",
  "transcript.searchClear": "Clear search",
  "transcript.matches": "{count, plural, one {# line matches} other {# lines match}}",
  "transcript.noMatches": "No lines match.",
  "transcript.playFrom": "Play from {time}",
  "transcript.description": "Description",
  "transcript.followAlong": "Follow along",
  "transcript.lines": "Transcript lines",
  "transcript.unavailable": "The transcript is unavailable right now. Please try again later.",
  "transcript.descriptionsUnavailable":
    "The descriptions are unavailable right now; the transcript shows the captions only.",
  "transcript.none": "This episode has no transcript.",
  "transcript.seeked": "Playing from {time}.",
};
