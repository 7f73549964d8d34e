/** English messages: security (merged into app/i18n/en.ts). Keys are prefixed by feature. */
export const security = {
} as const;
