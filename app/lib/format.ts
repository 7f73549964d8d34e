/**
 * The clock-style helpers the player and the watch page use, from the one
 * home for formatting (app/i18n/format.ts), which also formats numbers,
 * dates and sizes in the viewer's language.
 */
export { formatDuration, minutesLeft } from "~/i18n/format";
