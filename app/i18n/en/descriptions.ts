/** English messages: audio description and screen-reader settings under the player. Keys are prefixed by feature. */
export const descriptions = {
  "descriptions.legend": "Audio description and screen readers",
  "descriptions.mode": "Audio description",
  "descriptions.mode.off": "Off",
  "descriptions.mode.speech": "Read aloud",
  "descriptions.mode.screenReader": "Send to my screen reader",
  "descriptions.modeHint": "Describes what is seen on screen, from the episode's description track.",
  "descriptions.unavailable": "This episode has no audio description yet.",
  "descriptions.extended": "Pause the video while a description is read",
  "descriptions.rate": "Speaking rate",
  "descriptions.rateValue": "{rate, number}×",
  "descriptions.voice": "Voice",
  "descriptions.voiceHint": "The voices come from your device; with JavaScript off, its default voice is used.",
  "descriptions.readCaptions": "Read captions to my screen reader",
  "descriptions.readCaptionsHint":
    "Each caption line is also announced, without interrupting what your screen reader is saying.",
} as const;
