/** "2026-11-27 10:31:05 UTC" from an ISO-8601 string: exact to the second, the same on every server. */
export function formatAuditTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
