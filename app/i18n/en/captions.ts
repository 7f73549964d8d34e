/**
 * English messages: caption appearance (/settings/captions, app/lib/caption-style.ts)
 * and the links to it from /watch and /account.
 */
export const captions = {
  "captionStyle.title": "Caption style",
  "captionStyle.link": "Caption style",
  "captionStyle.intro": "Choose how captions look on every episode, with or without JavaScript.",
  "captionStyle.savedOnAccount": "Saved on your account: it applies on every device you sign in on.",
  "captionStyle.savedInBrowser": "Saved in this browser. Sign in to keep it on your account.",
  "captionStyle.authoredHint": "“As authored” keeps a setting as the caption file and the player draw it.",
  "captionStyle.back": "Back",
  "captionStyle.invalid":
    "One of those choices is not available, so nothing was changed. Please choose from the lists.",

  // The sample caption (shown in the viewer's captions language, under a line of Chinese dialogue)
  "captionStyle.preview": "Preview",
  // Dialogue in the drama's own language, the same in every catalog (shown with lang="zh-Hans").
  "captionStyle.sampleChinese": "你好，殿下。",
  "captionStyle.sampleLine": "Hello, Your Highness.",

  "captionStyle.authored": "As authored",

  "captionStyle.size": "Text size",
  "captionStyle.size.small": "Small ({percent})",
  "captionStyle.size.standard": "Standard ({percent})",
  "captionStyle.size.large": "Large ({percent})",
  "captionStyle.size.x-large": "Extra large ({percent})",

  "captionStyle.font": "Font",
  "captionStyle.font.sans": "Sans-serif",
  "captionStyle.font.readable": "Sans-serif for easy reading (Verdana)",
  "captionStyle.font.serif": "Serif",
  "captionStyle.font.mono": "Monospace",
  "captionStyle.font.casual": "Casual",
  "captionStyle.font.small-caps": "Small capitals",

  "captionStyle.text": "Text",
  "captionStyle.background": "Text background",
  "captionStyle.backgroundHint": "Right behind the words.",
  "captionStyle.window": "Caption window",
  "captionStyle.windowHint": "The box around the caption lines.",
  "captionStyle.colour": "Colour",
  "captionStyle.opacity": "Opacity",
  "captionStyle.opacity.transparent": "{percent} (transparent)",
  "captionStyle.opacity.solid": "{percent} (solid)",

  "captionStyle.colour.white": "White",
  "captionStyle.colour.yellow": "Yellow",
  "captionStyle.colour.green": "Green",
  "captionStyle.colour.cyan": "Cyan",
  "captionStyle.colour.blue": "Blue",
  "captionStyle.colour.magenta": "Magenta",
  "captionStyle.colour.red": "Red",
  "captionStyle.colour.black": "Black",

  "captionStyle.edge": "Character edge",
  "captionStyle.edge.none": "None",
  "captionStyle.edge.raised": "Raised",
  "captionStyle.edge.depressed": "Depressed",
  "captionStyle.edge.uniform": "Outline",
  "captionStyle.edge.drop-shadow": "Drop shadow",

  "captionStyle.save": "Save caption style",
  "captionStyle.reset": "Reset to as authored",

  // /account
  "captionStyle.account.heading": "Captions",
  "captionStyle.account.hint": "Text size, font, colours and edges of captions.",

  "flash.captionStyleSaved": "Your caption style has been saved.",
  "flash.captionStyleReset": "Captions are back to how they were authored.",
};
