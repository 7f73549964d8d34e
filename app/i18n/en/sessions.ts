/** English messages: sessions (merged into app/i18n/en.ts). Keys are prefixed by feature. */
export const sessions = {
} as const;
