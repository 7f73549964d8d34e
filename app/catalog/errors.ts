/**
 * Typed catalog failures. `CatalogUnavailableError` means "the upstream could
 * not answer right now" (timeout, refused or reset connection, 5xx, 429, an
 * oversized or invalid payload, an open circuit). "Does not exist" is not an
 * error: providers answer `null` (or leave the id out of a batch).
 */
import type { Drama } from "./types";

export type UnavailableReason =
  "timeout" | "network" | "status" | "rate-limited" | "too-large" | "malformed" | "invalid-shape" | "circuit-open";

export class CatalogUnavailableError extends Error {
  override name = "CatalogUnavailableError";
  readonly reason: UnavailableReason;
  /** HTTP status of the last upstream answer, when there was one. */
  readonly status?: number;
  /** For batch lookups: what could still be resolved (from the cache). */
  readonly partial?: Map<string, Drama>;

  constructor(
    message: string,
    options: { reason: UnavailableReason; status?: number; partial?: Map<string, Drama>; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.reason = options.reason;
    this.status = options.status;
    this.partial = options.partial;
  }
}

export function isCatalogUnavailable(error: unknown): error is CatalogUnavailableError {
  return error instanceof CatalogUnavailableError;
}
