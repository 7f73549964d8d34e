/** Indonesian messages: the audit trail: verification, retention, legal hold and shipping (the keys of app/i18n/en/audit-trail.ts). */
import type { auditTrail as english } from "../en/audit-trail";

export const auditTrail = {} satisfies Record<keyof typeof english, string>;
