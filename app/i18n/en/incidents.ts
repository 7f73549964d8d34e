/** English messages: admin incident controls: disabling accounts, signing everyone out, sessions across users (merged into app/i18n/en/index.ts). */
export const incidents = {} as const;
