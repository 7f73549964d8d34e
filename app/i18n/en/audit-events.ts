/** English messages: refused requests and the events the audit trail records about itself (merged into app/i18n/en/index.ts). */
export const auditEvents = {
  // An AUTHZ_FAILURE entry's page (/admin/audit/:id): what was refused, and what was left out before it.
  "auditEvents.refusal.heading": "What was refused",
  "auditEvents.refusal.kind.admin":
    "A signed-in user who is not an administrator opened an admin page, download or action.",
  "auditEvents.refusal.kind.ownership": "A user tried to change another user’s data.",
  "auditEvents.refusal.kind.csrf":
    "A change that did not come from a Dracin page: it was sent from another site, or without a valid form token.",
  "auditEvents.refusal.kind.throttle": "A request over its limit, answered “Too many requests”.",
  "auditEvents.refusal.suppressed":
    "{count, plural, one {Before this entry, # more refusal of this kind from this IP address was not recorded.} other {Before this entry, # more refusals of this kind from this IP address were not recorded.}}",
  "auditEvents.refusal.suppressedAll":
    "{count, plural, one {In all, # refused request was not recorded on this server between its previous refusal entry and this one.} other {In all, # refused requests were not recorded on this server between its previous refusal entry and this one.}}",
  "auditEvents.refusal.limits":
    "Refused requests are recorded {perSource, plural, one {at most once} other {at most # times}} a minute per kind and IP address, and at most {perInstance, number} times a minute per server.",
} as const;
