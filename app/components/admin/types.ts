/** What the admin views show; dates are ISO-8601 strings (UTC). */
export interface AuditRowView {
  id: string;
  timestamp: string;
  action: string;
  userId: string | null;
  userEmail: string | null;
  /** Whose row: an existing user, a user deleted since, or nobody signed in. */
  who: "user" | "deleted" | "anonymous";
  ipAddress: string | null;
  entityType: string | null;
  entityId: string | null;
}

export interface AuditFilterValues {
  action: string;
  email: string;
  ip: string;
  from: string;
  to: string;
}

export type AuditFilterErrors = Partial<Record<keyof AuditFilterValues | "after", string>>;

export interface ChartDayView {
  day: string;
  success: number;
  failure: number;
}
