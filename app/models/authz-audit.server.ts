/**
 * AUTHZ_FAILURE rows: requests Dracin refused (OWASP ASVS 5.0 V16). Four kinds:
 *
 * - `admin`: a signed-in user who is not an admin opened an admin page, export or action (requireAdmin);
 * - `ownership`: a viewer tried to change another viewer's data (ending someone else's session);
 * - `csrf`: a cross-site or unproven state change (the HTTP server's Origin / Sec-Fetch-Site check,
 *   readForm's token check, the progress beacon's);
 * - `throttle`: a throttled request other than a sign-in (which writes LOGIN_THROTTLED itself, through
 *   `throttledSignIns`, a limiter of its own with the same limits).
 *
 * Anyone can send refused requests as fast as they like, so the rows are rate-limited per instance
 * (docs/limits.md, "Audit rows of refused requests"): at most AUTHZ_AUDIT_PER_SOURCE rows per kind and
 * client IP per AUTHZ_AUDIT_WINDOW_MS, and AUTHZ_AUDIT_PER_INSTANCE rows in all per window. A refusal
 * that is not written is counted, and the next row written carries the counts: `suppressed` (the same
 * kind and IP since that source's previous row) and `suppressedAll` (every refusal this instance left
 * out since its previous row).
 *
 * Recording a refusal never changes it: auditRefusal never throws (a failed write is logged), and the
 * caller answers exactly as before.
 */
import { z } from "zod";
import { writeAudit } from "~/models/audit.server";
import { log } from "~/utils/log.server";
import type { RequestInfo } from "~/utils/request.server";

export const REFUSAL_KINDS = ["admin", "ownership", "csrf", "throttle"] as const;
export type RefusalKind = (typeof REFUSAL_KINDS)[number];

/** The window the limits count in. */
export const AUTHZ_AUDIT_WINDOW_MS = 60_000;
/** Rows per window for one kind of refusal from one client IP. */
export const AUTHZ_AUDIT_PER_SOURCE = 1;
/** Rows per window for all refusals together, per instance. */
export const AUTHZ_AUDIT_PER_INSTANCE = 60;
/** Sources (kind + IP) whose window is remembered; past it the oldest are forgotten (their counts stay in suppressedAll). */
export const AUTHZ_AUDIT_MAX_SOURCES = 10_000;
/** Longest text of one metadata value (an Origin header or a path is the sender's to choose). */
const MAX_DETAIL_LENGTH = 200;

export interface RefusalLimits {
  windowMs: number;
  perSource: number;
  perInstance: number;
  maxSources: number;
}

export type Admission = { write: true; suppressed: number; suppressedAll: number } | { write: false };

interface Window {
  start: number;
  written: number;
}

/**
 * Decides which refusals become rows, in fixed windows that start with the first refusal after the
 * previous window ended. Synchronous, so two requests never take the same place.
 */
export class RefusalLimiter {
  readonly #limits: RefusalLimits;
  readonly #sources = new Map<string, Window & { suppressed: number }>();
  #instance: Window = { start: -Infinity, written: 0 };
  #suppressedAll = 0;

  constructor(limits: Partial<RefusalLimits> = {}) {
    this.#limits = {
      windowMs: AUTHZ_AUDIT_WINDOW_MS,
      perSource: AUTHZ_AUDIT_PER_SOURCE,
      perInstance: AUTHZ_AUDIT_PER_INSTANCE,
      maxSources: AUTHZ_AUDIT_MAX_SOURCES,
      ...limits,
    };
  }

  /** Whether this refusal from `source` is written now, and if so the counts its row carries. */
  admit(source: string, now = Date.now()): Admission {
    const { windowMs, perSource, perInstance } = this.#limits;
    let entry = this.#sources.get(source);
    if (!entry) {
      entry = { start: now, written: 0, suppressed: 0 };
      this.#remember(source, entry, now);
    } else if (now - entry.start >= windowMs) {
      entry.start = now;
      entry.written = 0;
      // Re-inserted: the map stays ordered by window start, oldest first.
      this.#sources.delete(source);
      this.#remember(source, entry, now);
    }
    if (now - this.#instance.start >= windowMs) this.#instance = { start: now, written: 0 };
    if (entry.written >= perSource || this.#instance.written >= perInstance) {
      entry.suppressed += 1;
      this.#suppressedAll += 1;
      return { write: false };
    }
    entry.written += 1;
    this.#instance.written += 1;
    const admission = { write: true as const, suppressed: entry.suppressed, suppressedAll: this.#suppressedAll };
    entry.suppressed = 0;
    this.#suppressedAll = 0;
    return admission;
  }

  /** How many sources are remembered (for tests). */
  get sources(): number {
    return this.#sources.size;
  }

  /** Forgets every window and count (tests). */
  reset(): void {
    this.#sources.clear();
    this.#instance = { start: -Infinity, written: 0 };
    this.#suppressedAll = 0;
  }

  #remember(source: string, entry: Window & { suppressed: number }, now: number): void {
    const { maxSources, windowMs } = this.#limits;
    if (this.#sources.size >= maxSources) {
      // Ended windows first; then the oldest, however much they still count.
      for (const [key, old] of this.#sources) {
        if (now - old.start >= windowMs) this.#sources.delete(key);
        else break;
      }
      while (this.#sources.size >= maxSources) {
        const oldest = this.#sources.keys().next();
        if (oldest.done) break;
        this.#sources.delete(oldest.value);
      }
    }
    this.#sources.set(source, entry);
  }
}

/** This instance's limiter. */
export const refusalLimiter = new RefusalLimiter();

/** The same limits for throttled sign-ins (LOGIN_THROTTLED rows, written by the sign-in form). */
export const throttledSignIns = new RefusalLimiter();

export interface Refusal {
  kind: RefusalKind;
  info: RequestInfo;
  /** The signed-in user, or a function that reads it (called only when the row is written). */
  userId?: string | null | (() => Promise<string | null>);
  /** What the refused request named, when it named one (the session it tried to end). */
  entityType?: string;
  entityId?: string;
  /** What was refused and why: method, path, reason, rule… (no secrets, no query strings). */
  details: Record<string, string | number | null>;
}

function clip(value: string | number | null): string | number | null {
  return typeof value === "string" && value.length > MAX_DETAIL_LENGTH ? value.slice(0, MAX_DETAIL_LENGTH) : value;
}

async function resolveUserId(userId: Refusal["userId"]): Promise<string | null> {
  if (typeof userId !== "function") return userId ?? null;
  try {
    return await userId();
  } catch {
    return null;
  }
}

/**
 * Writes the AUTHZ_FAILURE row of a refusal, unless the limits leave it out (it is then counted).
 * Never throws: the refusal goes out as it would have without the row.
 */
export async function auditRefusal(refusal: Refusal, limiter: RefusalLimiter = refusalLimiter): Promise<void> {
  const admission = limiter.admit(`${refusal.kind} ${refusal.info.ipAddress ?? "-"}`);
  if (!admission.write) return;
  const metadata: Record<string, string | number | null> = {};
  for (const [key, value] of Object.entries(refusal.details)) metadata[key] = clip(value);
  try {
    await writeAudit({
      action: "AUTHZ_FAILURE",
      userId: await resolveUserId(refusal.userId),
      entityType: refusal.entityType,
      entityId: refusal.entityId ? String(clip(refusal.entityId)) : undefined,
      metadata: {
        ...metadata,
        kind: refusal.kind,
        suppressed: admission.suppressed,
        suppressedAll: admission.suppressedAll,
      },
      info: refusal.info,
    });
  } catch (error) {
    log.error("audit row of a refused request not written", {
      kind: refusal.kind,
      suppressed: admission.suppressed,
      suppressedAll: admission.suppressedAll,
      error,
    });
  }
}

const RefusalSummarySchema = z.object({
  kind: z.enum(REFUSAL_KINDS),
  suppressed: z.number().int().nonnegative().catch(0),
  suppressedAll: z.number().int().nonnegative().catch(0),
});

/** What an AUTHZ_FAILURE row's metadata says was refused (for its entry's page), or null when it says nothing we know. */
export function refusalSummary(metadata: unknown): z.infer<typeof RefusalSummarySchema> | null {
  const parsed = RefusalSummarySchema.safeParse(metadata);
  return parsed.success ? parsed.data : null;
}

/** The path of a request for a refusal's details: never the query string (filters may hold an email). */
export function refusedPath(request: Request): string {
  return new URL(request.url).pathname;
}
