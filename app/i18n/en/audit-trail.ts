/** English messages: the audit trail: verification, retention, legal hold and shipping (merged into app/i18n/en/index.ts). */
export const auditTrail = {} as const;
