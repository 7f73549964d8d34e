/**
 * Audit rows as RFC 5424 syslog messages, without I/O (the shipper in
 * app/models/audit-shipping.server.ts sends them). Facility authpriv (10,
 * security/authorization); severity notice, or warning for refusals and
 * failures. Everything a user can choose (user agent, metadata, entity ids)
 * is escaped so that it can neither close a structured-data element nor start
 * a second log line, and a message fits the size receivers accept by default.
 */
import type { StoredAuditRow } from "~/models/audit-chain";

/** Facility 10: security/authorization messages (authpriv). */
export const FACILITY_AUTHPRIV = 10;
export const SEVERITY_WARNING = 4;
export const SEVERITY_NOTICE = 5;
/** Actions that record a refusal or a failure: sent as warnings. */
export const WARNING_ACTIONS: ReadonlySet<string> = new Set([
  "LOGIN_FAILURE",
  "LOGIN_THROTTLED",
  "AUTHZ_FAILURE",
  "OAUTH_FAILURE",
]);

/**
 * The largest message sent (bytes, framing excluded): under rsyslog's default
 * maximum (8 KiB), and a UDP datagram's payload stays well under 64 KiB.
 */
export const MAX_MESSAGE_BYTES = 8_000;
/** The structured-data element's id: a private one under the documentation enterprise number (RFC 5612). */
export const SD_ID = "audit@32473";
export const APP_NAME = "dracin";

/** An audit row as the shipper reads it (a sealed row). */
export type SyslogAuditRow = Pick<
  StoredAuditRow,
  | "seq"
  | "id"
  | "timestamp"
  | "action"
  | "userId"
  | "actorId"
  | "entityType"
  | "entityId"
  | "metadata"
  | "ipAddress"
  | "userAgent"
  | "hash"
>;

export interface SyslogOrigin {
  hostname: string;
  pid: number;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const ELLIPSIS = "…";

/** Printable US-ASCII (33–126) only, at most `max` characters, or the NILVALUE "-". */
export function headerField(value: string | null | undefined, max: number): string {
  const clean = (value ?? "").replace(/[^\x21-\x7e]/g, "_").slice(0, max);
  return clean === "" ? "-" : clean;
}

/**
 * A structured-data parameter name: printable US-ASCII except `=`, space, `]`
 * and `"`, 1–32 characters (RFC 5424 §6.3.3, SD-NAME).
 */
export function sdName(name: string): string {
  const clean = name.replace(/[^\x21-\x7e]|[="\]]/g, "_").slice(0, 32);
  return clean === "" ? "_" : clean;
}

/**
 * Control characters (C0, DEL, C1) and the Unicode line and paragraph
 * separators spelled out as `\n`, `\r`, `\t` or `\uXXXX`: no value can start
 * a new line in a receiver's file or terminal.
 */
export function escapeControl(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => {
    if (char === "\n") return "\\n";
    if (char === "\r") return "\\r";
    if (char === "\t") return "\\t";
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/** A PARAM-VALUE: control characters spelled out, then `"`, `\` and `]` backslash-escaped (RFC 5424 §6.3.3). */
export function escapeParamValue(value: string): string {
  return escapeControl(value).replace(/["\\\]]/g, (char) => `\\${char}`);
}

/** The longest prefix of `text` that is at most `maxBytes` bytes of UTF-8, never cutting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, "utf8");
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}

/** A Buffer of UTF-8 cut to at most `maxBytes` at a character boundary (never half a character). */
export function truncateUtf8Bytes(buffer: Buffer, maxBytes: number): Buffer {
  if (buffer.length <= maxBytes) return buffer;
  let end = Math.max(0, maxBytes);
  // Step back over continuation bytes (10xxxxxx) to the start of the character that does not fit.
  while (end > 0 && (buffer[end] & 0xc0) === 0x80) end -= 1;
  return buffer.subarray(0, end);
}

/**
 * A value escaped, in at most `maxBytes` bytes: when it does not fit, as many
 * whole characters as fit (each with its escape) and an ellipsis. Cutting
 * before escaping would not do: an escape is up to six bytes per character.
 */
export function escapedWithin(value: string, maxBytes: number): string {
  const full = escapeParamValue(value);
  if (Buffer.byteLength(full, "utf8") <= maxBytes) return full;
  const budget = Math.max(0, maxBytes - Buffer.byteLength(ELLIPSIS));
  let out = "";
  let bytes = 0;
  for (const char of value) {
    const piece = escapeParamValue(char);
    const size = Buffer.byteLength(piece, "utf8");
    if (bytes + size > budget) break;
    out += piece;
    bytes += size;
  }
  return out + ELLIPSIS;
}

function metadataText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** The row's own parameters (nulls left out), then one per metadata field. */
function paramsOf(row: SyslogAuditRow): { own: [string, string][]; meta: [string, string][] } {
  const fixed: [string, string | null][] = [
    ["seq", row.seq === null ? null : String(row.seq)],
    ["id", row.id],
    ["action", row.action],
    ["userId", row.actorId ?? row.userId],
    ["entityType", row.entityType],
    ["entityId", row.entityId],
    ["ip", row.ipAddress],
    ["ua", row.userAgent],
    ["hash", row.hash],
  ];
  const own = fixed.filter((param): param is [string, string] => param[1] !== null);
  const meta: [string, string][] = [];
  const taken = new Set(fixed.map(([name]) => name));
  const metadata = row.metadata;
  if (metadata !== null && typeof metadata === "object" && !Array.isArray(metadata)) {
    for (const [key, value] of Object.entries(metadata as Record<string, unknown>)) {
      let name = sdName(key);
      // A metadata field never passes for one of the row's own fields, or for an earlier one.
      if (taken.has(name)) name = sdName(`meta.${name}`);
      const base = name.slice(0, 26);
      for (let n = 2; taken.has(name); n += 1) name = `${base}~${n}`;
      taken.add(name);
      meta.push([name, metadataText(value)]);
    }
  } else if (metadata !== null && metadata !== undefined) {
    meta.push(["metadata", metadataText(metadata)]);
  }
  return { own, meta };
}

/** The row's structured-data parameters in order: its own fields, then each metadata field. */
export function auditParams(row: SyslogAuditRow): [string, string][] {
  const { own, meta } = paramsOf(row);
  return [...own, ...meta];
}

/** Values that may be cut to fit: the free-form ones. The row's ids, seq, action and hash are never cut. */
const CUTTABLE = new Set(["entityType", "entityId", "ip", "ua"]);

function structuredData(own: readonly [string, string][], meta: readonly [string, string][], cap: number): string {
  const param = ([name, value]: readonly [string, string], cut: boolean) =>
    ` ${name}="${cut ? escapedWithin(value, cap) : escapeParamValue(value)}"`;
  const body = own.map((entry) => param(entry, CUTTABLE.has(entry[0]))).join("");
  return `[${SD_ID}${body}${meta.map((entry) => param(entry, true)).join("")}]`;
}

/** A short human sentence about the row (control characters spelled out). */
export function humanText(row: SyslogAuditRow): string {
  const user = row.actorId ?? row.userId;
  const parts = [row.action];
  if (user) parts.push(`by user ${user}`);
  if (row.entityType || row.entityId) parts.push(`on ${[row.entityType, row.entityId].filter(Boolean).join(" ")}`);
  if (row.ipAddress) parts.push(`from ${row.ipAddress}`);
  return escapeControl(parts.join(" "));
}

export function severityOf(action: string): number {
  return WARNING_ACTIONS.has(action) ? SEVERITY_WARNING : SEVERITY_NOTICE;
}

/**
 * One RFC 5424 message for a row:
 * `<PRI>1 TIMESTAMP HOSTNAME dracin PROCID ACTION [audit@32473 …] BOM text`.
 * At most `maxBytes`: past it the human text is cut first, then the
 * free-form values (to 1 KiB, halving down to 64 bytes, marked with "…"),
 * then metadata fields from the end, then the free-form values further; a
 * cut never splits a UTF-8 character or an escape.
 */
export function formatSyslog(row: SyslogAuditRow, origin: SyslogOrigin, maxBytes = MAX_MESSAGE_BYTES): Buffer {
  const pri = FACILITY_AUTHPRIV * 8 + severityOf(row.action);
  const header = [
    `<${pri}>1`,
    row.timestamp.toISOString(),
    headerField(origin.hostname, 255),
    APP_NAME,
    headerField(String(origin.pid), 128),
    headerField(row.action, 32),
  ].join(" ");
  const { own, meta } = paramsOf(row);
  const text = humanText(row);
  // The fixed part (header, SD, the BOM) must fit; free-form values shrink until it does, then metadata
  // fields go from the end.
  let cap = Number.POSITIVE_INFINITY;
  let kept = meta;
  let sd = structuredData(own, kept, cap);
  const fits = () => Buffer.byteLength(`${header} ${sd} `, "utf8") + BOM.length <= maxBytes;
  while (!fits()) {
    if (cap > 64) cap = cap === Number.POSITIVE_INFINITY ? 1024 : Math.floor(cap / 2);
    else if (kept.length > 0) kept = kept.slice(0, -1);
    else if (cap > 0) cap = Math.floor(cap / 2);
    else break;
    sd = structuredData(own, kept, cap);
  }
  const head = Buffer.from(`${header} ${sd} `, "utf8");
  const room = maxBytes - head.length - BOM.length;
  const message = Buffer.concat([head, BOM, Buffer.from(truncateUtf8(text, Math.max(0, room)), "utf8")]);
  return truncateUtf8Bytes(message, maxBytes);
}

/** TCP framing by octet counting (RFC 6587 §3.4.1): `LEN SP MSG`. */
export function frameOctetCounting(message: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${message.length} `, "ascii"), message]);
}
