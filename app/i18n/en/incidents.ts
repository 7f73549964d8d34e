/** English messages: admin incident controls: disabling accounts, signing everyone out, sessions across users (merged into app/i18n/en/index.ts). */
export const incidents = {
  // Admin navigation
  "incidents.nav.sessions": "Sessions",

  // /admin/users/:userId: disabling and enabling the account
  "incidents.user.status": "Status",
  "incidents.user.enabled": "Active",
  "incidents.user.disabled": "Disabled",
  "incidents.user.disabledAt": "Disabled at",
  "incidents.user.access": "Account access",
  "incidents.user.disableHint": "Signs this user out everywhere and stops them from signing in. Their data stays.",
  "incidents.user.enableHint": "Lets this user sign in again.",
  "incidents.user.disable": "Disable account",
  "incidents.user.enable": "Enable account",
  "incidents.user.selfNote": "You cannot disable your own account.",
  "incidents.user.self": "You cannot disable your own account. Ask another admin if it has to be disabled.",
  "incidents.user.lastAdmin":
    "This is the last enabled admin, so the account stays enabled. Make another account an admin first.",

  // /admin/sessions
  "incidents.sessions.title": "Active sessions",
  "incidents.sessions.intro": "Every signed-in session of every user, most recently seen first. Times are in UTC.",
  "incidents.sessions.filters": "Filter sessions",
  "incidents.sessions.email": "Email contains",
  "incidents.sessions.emailHint": "Part of an email address.",
  "incidents.sessions.ip": "IP address",
  "incidents.sessions.ipHint": "The exact address, for example 203.0.113.7 or 2001:db8::1.",
  "incidents.sessions.user": "User ID",
  "incidents.sessions.results": "Sessions",
  "incidents.sessions.caption": "Active sessions, most recently seen first",
  "incidents.sessions.captionOlder": "Active sessions, older page",
  "incidents.sessions.count": "{count, plural, one {Showing # session.} other {Showing # sessions.}}",
  "incidents.sessions.countMore":
    "{count, plural, one {Showing # session; older ones follow.} other {Showing # sessions; older ones follow.}}",
  "incidents.sessions.none": "No active sessions match these filters.",
  "incidents.sessions.col.user": "User",
  "incidents.sessions.col.device": "Device",
  "incidents.sessions.col.ip": "IP address",
  "incidents.sessions.col.signedIn": "Signed in",
  "incidents.sessions.col.lastSeen": "Last seen",
  "incidents.sessions.col.action": "Action",
  "incidents.sessions.end": "End session",
  "incidents.sessions.endNamed": "End session: {device}, {email}",
  "incidents.sessions.pages": "Session pages",
  "incidents.sessions.newest": "Most recent",
  "incidents.sessions.older": "Older sessions",
  "incidents.sessions.error.user": "A user ID has only letters, digits, hyphens and underscores.",
  "incidents.sessions.error.cursor": "This page link is not valid. Start again from the most recent sessions.",

  // Sign everyone out
  "incidents.endAll.heading": "Sign everyone out",
  "incidents.endAll.intro":
    "Ends every session of every user at once, yours included: everyone has to sign in again. Use it when sessions may have been stolen.",
  "incidents.endAll.submit": "Sign everyone out",

  // Notices after a redirect
  "incidents.flash.disabled": "The account is disabled and all its sessions have ended.",
  "incidents.flash.enabled": "The account is enabled. The user can sign in again.",
  "incidents.flash.alreadyDisabled": "The account was already disabled; nothing changed.",
  "incidents.flash.alreadyEnabled": "The account was already enabled; nothing changed.",
  "incidents.flash.everyoneSignedOut": "Everyone has been signed out, you too. Sign in again to continue.",
} as const;
