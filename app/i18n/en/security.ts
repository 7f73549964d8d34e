/** English messages: security (merged into app/i18n/en.ts). Keys are prefixed by feature. */
export const security = {
  "security.throttled.login": "Too many failed sign-ins from here. For your safety, wait {minutes} minutes and try again, or reset your password.",
  "security.throttled.generic": "Too many attempts. Please wait {minutes} minutes and try again.",
} as const;
