/** English messages: refused requests and the events the audit trail records about itself (merged into app/i18n/en/index.ts). */
export const auditEvents = {} as const;
