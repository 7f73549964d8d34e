/** Indonesian messages: refused requests and the events the audit trail records about itself (the keys of app/i18n/en/audit-events.ts). */
import type { auditEvents as english } from "../en/audit-events";

export const auditEvents = {} satisfies Record<keyof typeof english, string>;
