/** English messages: email (merged into app/i18n/en.ts). Keys are prefixed by feature. */
export const email = {
} as const;
