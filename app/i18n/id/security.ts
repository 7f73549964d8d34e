/** Indonesian messages: security (the keys of app/i18n/en/security.ts). */
import type { security as english } from "../en/security";

export const security = {
  "security.throttled.login":
    "Too many failed sign-ins from here. For your safety, wait {minutes} minutes and try again, or reset your password.",
  "security.throttled.generic": "Too many attempts. Please wait {minutes} minutes and try again.",
  "security.crossSite": "This request did not come from Dracin and was refused.",
  "http.badRequest": "This address or request is malformed. Check the link and try again.",
  "http.tooLarge": "This request is too large for Dracin to accept.",
  "http.unsupportedType": "Dracin cannot read this request: its type or character set is not supported.",
  "http.serverError": "Something went wrong on our side. Please try again.",
} satisfies Record<keyof typeof english, string>;
