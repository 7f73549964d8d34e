/** English messages: the audit trail: verification, retention, legal hold and shipping (merged into app/i18n/en/index.ts). */
export const auditTrail = {
  "audit.nav.integrity": "Integrity and retention",
  "audit.verify.title": "Audit trail integrity",
  "audit.verify.intro":
    "Every audit entry is sealed with a keyed hash that also covers the entry before it, so an entry edited, deleted or added in the database by hand breaks the chain.",
  "audit.verify.heading": "Verify the audit trail",
  "audit.verify.explain":
    "Checks every entry's seal in order and reports the first place the chain breaks. Each check is itself recorded in the audit trail.",
  "audit.verify.submit": "Verify the audit trail",
  "audit.verify.invalidForm": "Invalid request: use the buttons on the integrity page.",
  "audit.verify.intact": "The audit trail is intact.",
  "audit.verify.intactDetail":
    "{rows, plural, one {# entry} other {# entries}} checked (positions {first}–{last}) in {duration}.",
  "audit.verify.pending":
    "{count, plural, one {# entry was} other {# entries were}} written in the last moments and will be sealed shortly; their own seals hold.",
  "audit.verify.checkedBefore":
    "{rows, plural, one {# entry} other {# entries}} before that point hold. Checked in {duration}.",
  "audit.verify.openEntry": "Open the entry where it breaks",
  "audit.verify.kind.changed": "The audit trail is broken: an entry was changed.",
  "audit.verify.kind.missing": "The audit trail is broken: entries are missing.",
  "audit.verify.kind.inserted": "The audit trail is broken: an entry was inserted.",
  "audit.verify.reason.gap": "Entries at positions {seq}–{through} were deleted.",
  "audit.verify.reason.duplicate": "A second entry claims position {seq}.",
  "audit.verify.reason.fields": "The entry at position {seq} differs from what was recorded.",
  "audit.verify.reason.user": "The entry at position {seq} names another user than the one it was recorded for.",
  "audit.verify.reason.seal": "The seal of the entry at position {seq} was altered, or entries were moved.",
  "audit.verify.reason.order": "The entry at position {seq} does not follow the entry before it.",
  "audit.verify.reason.start":
    "The oldest entries, up to position {seq}, were removed without the retention job's record of it.",
  "audit.verify.reason.forged": "An entry that Dracin did not write was added to the database.",
  "audit.verify.reason.tail": "The newest entries, positions {seq}–{through}, were deleted.",
  "audit.verify.reason.head": "The chain's record of its newest entry (position {seq}) was altered.",
  "audit.entry.position": "Position in the chain",
  "audit.entry.pending": "Not sealed yet (written moments ago)",
  "audit.entry.seal": "Seal (HMAC-SHA-256)",
  "audit.retention.heading": "Retention",
  "audit.retention.policy": "Policy",
  "audit.retention.policyValue":
    "Entries are kept for {days, plural, one {# day} other {# days}}; older ones are removed by a daily job that records what it removed.",
  "audit.retention.oldest": "Oldest entry kept",
  "audit.retention.none": "No entries yet",
  "audit.retention.rows": "Entries in the chain",
  "audit.retention.lastPrune": "Last removal run",
  "audit.retention.never": "Never",
  "audit.retention.lastPruneFailed": "stopped: the chain is broken in the part due for removal, so it was kept",
  "audit.retention.summary":
    "Entries are kept for {days, plural, one {# day} other {# days}}; the oldest kept is from {oldest}.",
  "audit.retention.summaryHeld": "A legal hold is on: no entries are removed.",
  "audit.retention.verifyLink": "Integrity and retention",
  "audit.hold.label": "Legal hold",
  "audit.hold.on": "On: nothing is removed",
  "audit.hold.off": "Off",
  "audit.hold.explain":
    "A legal hold stops the removal of old entries, for example during an investigation. Turning it on or off is recorded in the audit trail.",
  "audit.hold.turnOn": "Turn the legal hold on",
  "audit.hold.turnOff": "Turn the legal hold off",
  "audit.hold.turnedOn": "Legal hold is on: no audit entries will be removed.",
  "audit.hold.turnedOff": "Legal hold is off: entries older than the retention period will be removed.",
} as const;
