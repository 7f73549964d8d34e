/** English messages: security (merged into app/i18n/en.ts). Keys are prefixed by feature. */
export const security = {
  "security.throttled.login":
    "Too many failed sign-ins from here. For your safety, wait {minutes} minutes and try again, or reset your password.",
  "security.throttled.generic": "Too many attempts. Please wait {minutes} minutes and try again.",
  "security.crossSite": "This request did not come from Dracin and was refused.",
  "http.badRequest": "This address or request is malformed. Check the link and try again.",
  "http.methodNotAllowed": "Dracin does not answer this kind of request (its HTTP method).",
  "http.tooLarge": "This request is too large for Dracin to accept.",
  "http.unsupportedType": "Dracin cannot read this request: its type or character set is not supported.",
  "http.serverError": "Something went wrong on our side. Please try again.",
} as const;
