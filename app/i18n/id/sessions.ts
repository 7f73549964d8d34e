/** Indonesian messages: sessions (the keys of app/i18n/en/sessions.ts). */
import type { sessions as english } from "../en/sessions";

export const sessions = {
  // Device descriptions (app/utils/user-agent.server.ts)
  "sessions.device.browserVersion": "{browser} {version}",
  "sessions.device.browserOnOs": "{browser} on {os}",
  "sessions.device.unknownOnOs": "Unknown browser on {os}",
  "sessions.device.unknown": "Unknown browser",

  // /account (links)
  "sessions.account.heading": "Security",
  "sessions.account.devicesLink": "Signed-in devices",
  "sessions.account.devicesHint": "See where you are signed in and sign out other browsers.",
  "sessions.account.deleteHeading": "Delete account",
  "sessions.account.deleteHint": "Remove your account and everything saved with it.",
  "sessions.account.deleteLink": "Delete account",

  // /account/sessions
  "sessions.title": "Signed-in devices",
  "sessions.intro":
    "These browsers and devices are signed in to your account. If you do not recognise one, end it and change your password.",
  "sessions.back": "Back to your account",
  "sessions.listHeading": "Active sessions",
  "sessions.count": "{count, plural, one {# active session} other {# active sessions}}",
  "sessions.thisSession": "This session",
  "sessions.ipAddress": "IP address",
  "sessions.ipUnknown": "Unknown",
  "sessions.signedIn": "Signed in",
  "sessions.lastSeen": "Last active",
  "sessions.end": "End session",
  "sessions.endCurrent": "Sign out of this session",
  "sessions.endNamed": "End session: {device}",
  "sessions.endCurrentNamed": "Sign out of this session: {device}",
  "sessions.othersHeading": "End all other sessions",
  "sessions.othersIntro": "Signs out every browser and device except this one.",
  "sessions.othersNone": "This is your only signed-in session.",
  "sessions.othersSubmit": "End all other sessions",
  "sessions.timeoutsNote":
    "A session ends after {idleDays} days without use, and {maxDays} days after signing in at the latest.",

  // Re-authentication (ending other sessions, deleting the account)
  "sessions.reauth.passwordRequired": "Enter your current password.",
  "sessions.reauth.passwordWrong": "The password is not right.",
  // 10 minutes = FRESH_SIGN_IN_MS in app/models/users.server.ts.
  "sessions.reauth.freshHint":
    "Your account has no password: you signed in within the last 10 minutes, which confirms it is you.",
  "sessions.reauth.stale":
    "Your account has no password. To confirm it is you, sign out, sign in again, and come back to this page within 10 minutes.",
  "sessions.notFound": "That session was not found. It may have ended already.",
  "sessions.unknownAction": "That action is not available. Please use the buttons on this page.",

  // Notices after a redirect
  "sessions.flash.ended": "The session has ended. That browser is signed out.",
  "sessions.flash.othersEnded": "All your other sessions have ended.",
  "sessions.flash.noOthers": "There were no other sessions to end.",
  "sessions.flash.accountDeleted": "Your account has been deleted.",

  // /account/delete
  "sessions.delete.title": "Delete account",
  "sessions.delete.intro": "Deleting your account is permanent and cannot be undone. We delete:",
  "sessions.delete.itemProfile": "your profile, email address and password",
  "sessions.delete.itemProviders": "the Google or GitHub sign-ins connected to it",
  "sessions.delete.itemSessions": "every signed-in session: all your browsers and devices are signed out",
  "sessions.delete.itemProgress": "your watch progress and Continue Watching",
  "sessions.delete.itemHistory": "your watch history",
  "sessions.delete.itemFavorites": "My List",
  "sessions.delete.auditNote":
    "Our security log keeps its records of this account's sign-ins and changes, and of the deletion, with the IP addresses and browsers they came from, but without your name or email address.",
  "sessions.delete.confirmHeading": "Confirm",
  "sessions.delete.passwordLabel": "Current password",
  "sessions.delete.submit": "Delete my account",
  "sessions.delete.wrongPassword": "The password is not right. Your account has not been deleted.",
  "sessions.delete.cancel": "Keep my account",
} satisfies Record<keyof typeof english, string>;
