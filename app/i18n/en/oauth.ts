/** English messages: oauth (merged into app/i18n/en.ts). Keys are prefixed by feature. */
export const oauth = {
} as const;
