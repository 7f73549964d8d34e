import { isMessageKey, type Translate } from "~/i18n";

/**
 * An audit action's name for the admin pages ("LOGIN_FAILURE" → "Failed
 * sign-in"); the code itself stays the filter's value and the CSV's column.
 */
export function auditActionLabel(t: Translate, action: string): string {
  const key = `admin.audit.actionName.${action}`;
  return isMessageKey(key) ? t(key) : action;
}
