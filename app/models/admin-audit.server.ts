/**
 * Reading the audit log for /admin/audit: filters, keyset pagination, the CSV
 * export and the 30-day sign-in chart. Admin-only: routes call requireAdmin
 * first. Every query is served by one of AuditLog's indexes
 * (docs/admin.md, "Performance").
 */
import net from "node:net";
import { z } from "zod";
import type { Prisma } from "~/generated/sqlite/client";
import { msg, type MessageKey } from "~/i18n";
import { AUDIT_ACTIONS, type AuditAction } from "~/models/audit.server";
import { subjectKey } from "~/models/throttle.server";
import { engine, prisma, readReplica, type PrismaClient } from "~/utils/db.server";
import { redact } from "~/utils/log.server";
import { nextTurn } from "~/utils/event-loop";

export const AUDIT_PAGE_SIZE = 50;
export const EXPORT_BATCH_SIZE = 200;
export const CHART_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------
// Filters

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** An optional trimmed filter value of at most `max` characters; empty means not set. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: msg("admin.audit.error.tooLong") })
    .transform((value) => (value === "" ? undefined : value))
    .optional();

export const AuditFilterSchema = z
  .object({
    action: z
      .string()
      .trim()
      .optional()
      .transform((value) => (value === "" || value === "any" ? undefined : value))
      .refine((value) => value === undefined || (AUDIT_ACTIONS as readonly string[]).includes(value), {
        message: msg("admin.audit.error.action"),
      })
      .transform((value) => value as AuditAction | undefined),
    email: optionalText(254)
      .transform((value) => value?.toLowerCase())
      .refine((value) => value === undefined || z.email().safeParse(value).success, {
        message: msg("admin.audit.error.email"),
      }),
    ip: optionalText(64).refine((value) => value === undefined || net.isIP(value) !== 0, {
      message: msg("admin.audit.error.ip"),
    }),
    from: optionalText(10).refine((value) => value === undefined || isRealDate(value), {
      message: msg("admin.audit.error.date"),
    }),
    to: optionalText(10).refine((value) => value === undefined || isRealDate(value), {
      message: msg("admin.audit.error.date"),
    }),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.from > value.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: msg("admin.audit.error.range") });
    }
  });

export interface AuditFilters {
  action?: AuditAction;
  /** Lower-cased. */
  email?: string;
  ip?: string;
  /** YYYY-MM-DD, UTC, inclusive. */
  from?: string;
  to?: string;
}
export type AuditFilterField = "action" | "email" | "ip" | "from" | "to";
export const AUDIT_FILTER_FIELDS: readonly AuditFilterField[] = ["action", "email", "ip", "from", "to"];

/** The raw filter values of a URL (first value per name, at most 254 characters each), for re-rendering the form. */
export function rawFilters(params: URLSearchParams): Record<AuditFilterField, string> {
  const out = {} as Record<AuditFilterField, string>;
  for (const field of AUDIT_FILTER_FIELDS) out[field] = (params.get(field) ?? "").slice(0, 254);
  return out;
}

export type FilterParse =
  | { ok: true; filters: AuditFilters; cursor: Cursor | null }
  | { ok: false; errors: Partial<Record<AuditFilterField | "after", MessageKey>> };

/** Filters and cursor of a /admin/audit URL; message keys per field when something is wrong. */
export function parseAuditQuery(params: URLSearchParams): FilterParse {
  const raw: Record<string, string> = {};
  for (const field of AUDIT_FILTER_FIELDS) {
    const value = params.get(field);
    if (value !== null) raw[field] = value;
  }
  const errors: Partial<Record<AuditFilterField | "after", MessageKey>> = {};
  const parsed = AuditFilterSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "action") as AuditFilterField;
      errors[field] ??= issue.message as MessageKey;
    }
  }
  const after = params.get("after");
  const cursor = after === null || after === "" ? null : decodeCursor(after);
  if (cursor === undefined) errors.after = "admin.audit.error.cursor";
  if (!parsed.success || cursor === undefined) return { ok: false, errors };
  const filters: AuditFilters = parsed.data;
  return { ok: true, filters, cursor };
}

/** The query string of a set of filters (only the ones set), plus an optional cursor. */
export function filterQuery(filters: AuditFilters, after?: string | null): string {
  const params = new URLSearchParams();
  if (filters.action) params.set("action", filters.action);
  if (filters.email) params.set("email", filters.email);
  if (filters.ip) params.set("ip", filters.ip);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (after) params.set("after", after);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/**
 * The filters as audit metadata (what an export contained). The email filter
 * is recorded as the user id it names, or, when no account has it, as its
 * subjectKey hash: audit rows never hold a raw unknown email.
 */
export async function filtersMetadata(filters: AuditFilters): Promise<Record<string, string | null>> {
  let user: Record<string, string | null> = { filterUserId: null };
  if (filters.email) {
    const userId = await userIdForEmail(filters.email, prisma);
    user = userId ? { filterUserId: userId } : { filterUserId: null, filterEmailKey: subjectKey(filters.email) };
  }
  return {
    action: filters.action ?? null,
    ...user,
    ip: filters.ip ?? null,
    from: filters.from ?? null,
    to: filters.to ?? null,
  };
}

// ---------------------------------------------------------------------------
// Keyset cursor: the (timestamp, id) of the last row shown, opaque to clients.

export interface Cursor {
  /** Milliseconds since the epoch. */
  t: number;
  id: string;
}

const CursorSchema = z.object({
  t: z.number().int().min(0).max(8_640_000_000_000_000),
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ t: cursor.t, id: cursor.id }), "utf8").toString("base64url");
}

/** The cursor, or undefined when the value was not made by encodeCursor (tampered or truncated). */
export function decodeCursor(value: string): Cursor | undefined {
  if (value.length > 200 || !/^[A-Za-z0-9_-]+$/.test(value)) return undefined;
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// Queries

export interface AuditRow {
  id: string;
  timestamp: Date;
  action: string;
  userId: string | null;
  userEmail: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  entityType: string | null;
  entityId: string | null;
  metadata: Prisma.JsonValue | null;
}

const ROW_SELECT = {
  id: true,
  timestamp: true,
  action: true,
  userId: true,
  ipAddress: true,
  userAgent: true,
  entityType: true,
  entityId: true,
  metadata: true,
  user: { select: { email: true } },
} as const satisfies Prisma.AuditLogSelect;

type SelectedRow = Prisma.AuditLogGetPayload<{ select: typeof ROW_SELECT }>;

function toAuditRow(row: SelectedRow): AuditRow {
  const { user, ...rest } = row;
  return { ...rest, userEmail: user?.email ?? null };
}

function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/**
 * The WHERE clause of a filter. `userId` is the id the email filter resolved
 * to. Every filter is an equality on the first column of an index whose
 * second column is the timestamp, so the keyset range stays an index range.
 */
function whereFor(filters: AuditFilters, userId: string | null, cursor: Cursor | null): Prisma.AuditLogWhereInput {
  const and: Prisma.AuditLogWhereInput[] = [];
  if (filters.action) and.push({ action: filters.action });
  if (userId) and.push({ userId });
  if (filters.ip) and.push({ ipAddress: filters.ip });
  if (filters.from) and.push({ timestamp: { gte: dayStart(filters.from) } });
  if (filters.to) and.push({ timestamp: { lt: new Date(dayStart(filters.to).getTime() + DAY_MS) } });
  if (cursor) {
    const at = new Date(cursor.t);
    // timestamp <= t bounds the index range; the OR breaks ties on id.
    and.push({ timestamp: { lte: at } }, { OR: [{ timestamp: { lt: at } }, { id: { lt: cursor.id } }] });
  }
  return { AND: and };
}

/** The user id an email filter names: null when no user has that email. */
async function userIdForEmail(email: string, db: PrismaClient): Promise<string | null> {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } });
  return user?.id ?? null;
}

export interface AuditPage {
  rows: AuditRow[];
  /** Cursor for "Older entries", or null on the last page. */
  next: string | null;
  /** The email filter matched no user (the page is empty). */
  unknownEmail: boolean;
}

async function fetchBatch(
  filters: AuditFilters,
  userId: string | null,
  cursor: Cursor | null,
  take: number,
  db: PrismaClient,
) {
  const rows = await db.auditLog.findMany({
    where: whereFor(filters, userId, cursor),
    orderBy: [{ timestamp: "desc" }, { id: "desc" }],
    take,
    select: ROW_SELECT,
  });
  return rows.map(toAuditRow);
}

/** One page, newest first, after the cursor. */
export async function listAudit(
  filters: AuditFilters,
  cursor: Cursor | null,
  pageSize = AUDIT_PAGE_SIZE,
  db: PrismaClient = prisma,
): Promise<AuditPage> {
  let userId: string | null = null;
  if (filters.email) {
    userId = await userIdForEmail(filters.email, db);
    if (!userId) return { rows: [], next: null, unknownEmail: true };
  }
  const rows = await fetchBatch(filters, userId, cursor, pageSize + 1, db);
  const hasMore = rows.length > pageSize;
  const shown = hasMore ? rows.slice(0, pageSize) : rows;
  const last = shown[shown.length - 1];
  return {
    rows: shown,
    next: hasMore && last ? encodeCursor({ t: last.timestamp.getTime(), id: last.id }) : null,
    unknownEmail: false,
  };
}

/** One row with everything it holds (metadata redacted again, in case an old row holds a secret). */
export async function getAuditEntry(id: string): Promise<AuditRow | null> {
  if (id.length > 64) return null;
  const row = await prisma.auditLog.findUnique({ where: { id }, select: ROW_SELECT });
  if (!row) return null;
  const entry = toAuditRow(row);
  return { ...entry, metadata: entry.metadata === null ? null : (redact(entry.metadata) as Prisma.JsonValue) };
}

/** The 20 newest rows by or about a user (userId, or entityId for rows an admin wrote about them). */
export async function recentAuditForUser(userId: string, take = 20): Promise<AuditRow[]> {
  const rows = await prisma.auditLog.findMany({
    where: { OR: [{ userId }, { entityId: userId }] },
    orderBy: [{ timestamp: "desc" }, { id: "desc" }],
    take,
    select: ROW_SELECT,
  });
  return rows.map(toAuditRow);
}

/**
 * Who a row is about when it has no user: "deleted" when it names a user (entityType User)
 * that no longer exists, else "anonymous" (e.g. a failed sign-in for an unknown email).
 */
export async function deletedUserRows(rows: AuditRow[], db: PrismaClient = prisma): Promise<Set<string>> {
  const candidates = rows.filter((row) => !row.userId && row.entityType === "User" && row.entityId);
  if (candidates.length === 0) return new Set();
  const ids = [...new Set(candidates.map((row) => row.entityId as string))];
  const existing = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true } });
  const alive = new Set(existing.map((user) => user.id));
  return new Set(candidates.filter((row) => !alive.has(row.entityId as string)).map((row) => row.id));
}

// ---------------------------------------------------------------------------
// CSV export

export const CSV_COLUMNS = [
  "id",
  "timestamp",
  "action",
  "userId",
  "userEmail",
  "ipAddress",
  "userAgent",
  "entityType",
  "entityId",
  "metadata",
] as const;

/**
 * One CSV cell: always quoted (RFC 4180, quotes doubled), and a cell that a
 * spreadsheet would run as a formula (= + - @ tab CR at the start) gets a
 * leading apostrophe (OWASP "CSV injection").
 */
export function csvCell(value: string | null | undefined): string {
  let text = value ?? "";
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvLine(cells: (string | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

function csvRow(row: AuditRow): string {
  return csvLine([
    row.id,
    row.timestamp.toISOString(),
    row.action,
    row.userId,
    row.userEmail,
    row.ipAddress,
    row.userAgent,
    row.entityType,
    row.entityId,
    row.metadata === null ? "" : JSON.stringify(redact(row.metadata)),
  ]);
}

/** How many CSV exports one admin may have running at once (the next one is answered 429). */
export const EXPORTS_PER_ADMIN = 2;
const runningExports = new Map<string, number>();

/**
 * A place for one more export by this admin: a function that gives it back
 * (calling it again does nothing), or null when EXPORTS_PER_ADMIN of theirs
 * are already running in this process.
 */
export function claimExportSlot(adminId: string): (() => void) | null {
  const running = runningExports.get(adminId) ?? 0;
  if (running >= EXPORTS_PER_ADMIN) return null;
  runningExports.set(adminId, running + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (runningExports.get(adminId) ?? 1) - 1;
    if (left > 0) runningExports.set(adminId, left);
    else runningExports.delete(adminId);
  };
}

/** How an export stream ended: every row written, stopped early (client gone, shutdown), or a query failed. */
export interface ExportEnd {
  outcome: "complete" | "cancelled" | "failed";
  rows: number;
}

export interface CsvStreamOptions {
  /** Aborted when the response is gone: no further batch is read. */
  signal?: AbortSignal;
  /** Called once when the stream ends, however it ends. */
  onEnd?: (end: ExportEnd) => void;
}

/**
 * The CSV of a filter as a stream: the header, then batches of
 * EXPORT_BATCH_SIZE rows fetched with the keyset query. Nothing is read
 * ahead: a batch is fetched only when the consumer asks for the next chunk
 * (highWaterMark 0), so a client that reads slowly holds at most one batch
 * in memory, and each batch starts on a new turn of the event loop, so other
 * requests are answered between batches. Cancelling the stream (or aborting
 * `signal`) stops the reads.
 */
export function auditCsvStream(
  filters: AuditFilters,
  batchSize = EXPORT_BATCH_SIZE,
  db: PrismaClient = readReplica(),
  { signal, onEnd }: CsvStreamOptions = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: Cursor | null = null;
  let userId: string | null | undefined;
  let started = false;
  let rowsWritten = 0;
  let ended = false;
  const end = (outcome: ExportEnd["outcome"]) => {
    if (ended) return;
    ended = true;
    onEnd?.({ outcome, rows: rowsWritten });
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!started) {
            started = true;
            controller.enqueue(encoder.encode(csvLine([...CSV_COLUMNS])));
            userId = filters.email ? await userIdForEmail(filters.email, db) : null;
            if (filters.email && !userId) {
              controller.close();
              end("complete");
            }
            return;
          }
          await nextTurn();
          if (signal?.aborted) {
            end("cancelled");
            controller.close();
            return;
          }
          const rows = await fetchBatch(filters, userId ?? null, cursor, batchSize, db);
          if (rows.length > 0) {
            controller.enqueue(encoder.encode(rows.map(csvRow).join("")));
            rowsWritten += rows.length;
          }
          if (rows.length < batchSize) {
            controller.close();
            end("complete");
            return;
          }
          const last = rows[rows.length - 1];
          cursor = { t: last.timestamp.getTime(), id: last.id };
        } catch (error) {
          end("failed");
          controller.error(error);
        }
      },
      cancel() {
        end("cancelled");
      },
    },
    { highWaterMark: 0 },
  );
}

// ---------------------------------------------------------------------------
// Chart: sign-ins and failures per UTC day

export interface ChartDay {
  /** YYYY-MM-DD (UTC). */
  day: string;
  success: number;
  failure: number;
}

/** The last CHART_DAYS UTC days, oldest first, ending with today. */
export function chartDays(now: Date, days = CHART_DAYS): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, index) =>
    new Date(today - (days - 1 - index) * DAY_MS).toISOString().slice(0, 10),
  );
}

/**
 * Counts LOGIN_SUCCESS and LOGIN_FAILURE per UTC day in one grouped query
 * over the (action, timestamp) index. Prisma's SQLite adapter stores
 * DateTime as ISO-8601 text ("2026-11-27T10:57:07.185+00:00"), so the first
 * ten characters are the UTC day, and a bare "YYYY-MM-DD" sorts before every
 * timestamp of that day. PostgreSQL stores timestamp(3) in UTC: to_char gives the day.
 */
export async function loginChart(
  now = new Date(),
  days = CHART_DAYS,
  db: PrismaClient = readReplica(),
): Promise<ChartDay[]> {
  const range = chartDays(now, days);
  type Row = { day: string; action: string; n: number | bigint | string };
  const rows =
    engine === "postgresql"
      ? await db.$queryRaw<Row[]>`
      SELECT to_char("timestamp", 'YYYY-MM-DD') AS "day", "action", COUNT(*) AS "n"
      FROM "AuditLog"
      WHERE "action" IN ('LOGIN_SUCCESS', 'LOGIN_FAILURE') AND "timestamp" >= ${new Date(`${range[0]}T00:00:00Z`)}
      GROUP BY "day", "action"`
      : await db.$queryRaw<Row[]>`
      SELECT substr("timestamp", 1, 10) AS "day", "action", COUNT(*) AS "n"
      FROM "AuditLog"
      WHERE "action" IN ('LOGIN_SUCCESS', 'LOGIN_FAILURE') AND "timestamp" >= ${range[0]}
      GROUP BY "day", "action"`;
  const byDay = new Map(range.map((day) => [day, { day, success: 0, failure: 0 }]));
  for (const row of rows) {
    const entry = byDay.get(row.day);
    if (!entry) continue;
    if (row.action === "LOGIN_SUCCESS") entry.success = Number(row.n);
    else entry.failure = Number(row.n);
  }
  return [...byDay.values()];
}

/** How long one instance reuses the audit page's chart. */
export const CHART_CACHE_MS = 60_000;
let chartCache: { at: number; value: Promise<ChartDay[]> } | null = null;

/**
 * The chart for /admin/audit, computed at most once a minute per app
 * instance: it counts every sign-in of the last 30 days, so its cost grows
 * with traffic, not with the page (docs/PERFORMANCE.md, data at scale). A
 * chart up to a minute old is fine for a trend; the table below it is live.
 */
export function recentLoginChart(now = Date.now()): Promise<ChartDay[]> {
  if (!chartCache || now - chartCache.at >= CHART_CACHE_MS || now < chartCache.at) {
    const value = loginChart(new Date(now));
    const entry = { at: now, value };
    chartCache = entry;
    // A failed count is not kept: the next page asks again.
    value.catch(() => {
      if (chartCache === entry) chartCache = null;
    });
  }
  return chartCache.value;
}

// ---------------------------------------------------------------------------
// Views (what app/components/admin/ renders; dates are ISO-8601 strings, UTC)

/** One audit row as the admin views show it. */
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

/** The filter form's values as submitted (re-rendered as typed). */
export interface AuditFilterValues {
  action: string;
  email: string;
  ip: string;
  from: string;
  to: string;
}

/** A message key per filter field (and the cursor, `after`) that is not valid. */
export type AuditFilterErrors = Partial<Record<keyof AuditFilterValues | "after", string>>;

/** Rows as the admin views show them (dates as ISO strings, who the row is about). */
export async function toRowViews(rows: AuditRow[], db: PrismaClient = prisma): Promise<AuditRowView[]> {
  const deleted = await deletedUserRows(rows, db);
  return rows.map((row) => ({
    id: row.id,
    timestamp: row.timestamp.toISOString(),
    action: row.action,
    userId: row.userId,
    userEmail: row.userEmail,
    who: row.userId ? "user" : deleted.has(row.id) ? "deleted" : "anonymous",
    ipAddress: row.ipAddress,
    entityType: row.entityType,
    entityId: row.entityId,
  }));
}

export interface AuditPageView {
  values: AuditFilterValues;
  errors: AuditFilterErrors;
  rows: AuditRowView[];
  query: string;
  olderHref: string | null;
  paged: boolean;
  unknownEmail: string | null;
}

/**
 * Everything the results region needs for a /admin/audit URL (the page and
 * the htmx fragment share it). `ok` is false when a filter or the cursor is
 * not valid: the caller answers 400 and shows the messages.
 */
export async function auditPageFor(
  url: URL,
  db: PrismaClient = prisma,
): Promise<{ ok: boolean; view: AuditPageView; filters: AuditFilters | null }> {
  const values = rawFilters(url.searchParams);
  const parsed = parseAuditQuery(url.searchParams);
  if (!parsed.ok) {
    return {
      ok: false,
      filters: null,
      view: { values, errors: parsed.errors, rows: [], query: "", olderHref: null, paged: false, unknownEmail: null },
    };
  }
  const { filters, cursor } = parsed;
  const page = await listAudit(filters, cursor, AUDIT_PAGE_SIZE, db);
  const query = filterQuery(filters);
  return {
    ok: true,
    filters,
    view: {
      values,
      errors: {},
      rows: await toRowViews(page.rows, db),
      query,
      olderHref: page.next ? `/admin/audit${filterQuery(filters, page.next)}` : null,
      paged: cursor !== null,
      unknownEmail: page.unknownEmail ? (filters.email ?? null) : null,
    },
  };
}
