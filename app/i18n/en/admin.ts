/** English messages: admin (merged into app/i18n/en.ts). Keys are prefixed by feature. */
export const admin = {
} as const;
