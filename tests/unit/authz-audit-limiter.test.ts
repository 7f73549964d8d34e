/**
 * The limiter that keeps refused requests from filling the audit table: one row per kind and IP per
 * window, a cap per instance, and the next row carries how many were left out.
 */
import { describe, expect, it } from "vitest";
import {
  AUTHZ_AUDIT_PER_INSTANCE,
  AUTHZ_AUDIT_PER_SOURCE,
  AUTHZ_AUDIT_WINDOW_MS,
  RefusalLimiter,
} from "~/models/authz-audit.server";

const T0 = 1_000_000;

describe("RefusalLimiter", () => {
  it("uses the documented defaults: one row per source and 60 per instance each minute", () => {
    expect(AUTHZ_AUDIT_WINDOW_MS).toBe(60_000);
    expect(AUTHZ_AUDIT_PER_SOURCE).toBe(1);
    expect(AUTHZ_AUDIT_PER_INSTANCE).toBe(60);
    const limiter = new RefusalLimiter();
    expect(limiter.admit("csrf 10.0.0.1", T0)).toEqual({ write: true, suppressed: 0, suppressedAll: 0 });
    expect(limiter.admit("csrf 10.0.0.1", T0 + 1)).toEqual({ write: false });
  });

  it("writes one row per source per window and counts the rest into that source's next row", () => {
    const limiter = new RefusalLimiter({ windowMs: 1000, perSource: 1, perInstance: 100 });
    expect(limiter.admit("admin 1.1.1.1", T0)).toMatchObject({ write: true, suppressed: 0 });
    for (let i = 1; i <= 9; i++) expect(limiter.admit("admin 1.1.1.1", T0 + i * 100).write).toBe(false);
    // Another source is not held back by the first.
    expect(limiter.admit("admin 2.2.2.2", T0 + 500)).toEqual({ write: true, suppressed: 0, suppressedAll: 9 });
    // The window of the first source ended: its next row says 9 were left out, and the totals start again.
    expect(limiter.admit("admin 1.1.1.1", T0 + 1000)).toEqual({ write: true, suppressed: 9, suppressedAll: 0 });
    expect(limiter.admit("admin 1.1.1.1", T0 + 1999).write).toBe(false);
    expect(limiter.admit("admin 1.1.1.1", T0 + 2000)).toEqual({ write: true, suppressed: 1, suppressedAll: 1 });
  });

  it("keeps kinds apart for the same IP", () => {
    const limiter = new RefusalLimiter({ windowMs: 1000 });
    expect(limiter.admit("csrf 1.1.1.1", T0).write).toBe(true);
    expect(limiter.admit("throttle 1.1.1.1", T0).write).toBe(true);
    expect(limiter.admit("csrf 1.1.1.1", T0).write).toBe(false);
  });

  it("caps the rows of the whole instance per window, whatever the sources", () => {
    const limiter = new RefusalLimiter({ windowMs: 1000, perSource: 1, perInstance: 5 });
    const written = Array.from({ length: 50 }, (_, i) => limiter.admit(`csrf 10.0.0.${i}`, T0 + i)).filter(
      (admission) => admission.write,
    );
    expect(written).toHaveLength(5);
    // The next window: a source refused by the cap carries its own count, and the instance's total.
    expect(limiter.admit("csrf 10.0.0.49", T0 + 1000)).toEqual({ write: true, suppressed: 1, suppressedAll: 45 });
    expect(limiter.admit("csrf 10.0.0.48", T0 + 1001)).toEqual({ write: true, suppressed: 1, suppressedAll: 0 });
  });

  it("allows more than one row per source when told to", () => {
    const limiter = new RefusalLimiter({ windowMs: 1000, perSource: 3, perInstance: 100 });
    const writes = Array.from({ length: 10 }, () => limiter.admit("throttle 1.1.1.1", T0).write);
    expect(writes.filter(Boolean)).toHaveLength(3);
  });

  it("remembers a bounded number of sources, forgetting ended windows first, then the oldest", () => {
    const limiter = new RefusalLimiter({ windowMs: 1000, perSource: 1, perInstance: 1_000_000, maxSources: 100 });
    for (let i = 0; i < 100; i++) limiter.admit(`csrf old-${i}`, T0);
    expect(limiter.sources).toBe(100);
    // All 100 windows have ended: they are dropped to make room.
    limiter.admit("csrf new", T0 + 1000);
    expect(limiter.sources).toBe(1);
    // 10,000 sources inside one window: never more than 100 kept.
    for (let i = 0; i < 10_000; i++) limiter.admit(`csrf flood-${i}`, T0 + 2000);
    expect(limiter.sources).toBe(100);
  });

  it("keeps a forgotten source's left-out refusals in the instance's total", () => {
    const limiter = new RefusalLimiter({ windowMs: 1000, perSource: 1, perInstance: 2, maxSources: 2 });
    expect(limiter.admit("csrf a", T0).write).toBe(true);
    expect(limiter.admit("csrf b", T0).write).toBe(true);
    for (let i = 0; i < 3; i++) expect(limiter.admit("csrf a", T0).write).toBe(false);
    // Two new sources push a and b out (the instance is full, so neither is written).
    expect(limiter.admit("csrf c", T0).write).toBe(false);
    expect(limiter.admit("csrf d", T0).write).toBe(false);
    expect(limiter.admit("csrf a", T0 + 1000)).toEqual({ write: true, suppressed: 0, suppressedAll: 5 });
  });

  it("forgets everything on reset", () => {
    const limiter = new RefusalLimiter();
    limiter.admit("csrf 1.1.1.1", T0);
    limiter.admit("csrf 1.1.1.1", T0);
    limiter.reset();
    expect(limiter.sources).toBe(0);
    expect(limiter.admit("csrf 1.1.1.1", T0)).toEqual({ write: true, suppressed: 0, suppressedAll: 0 });
  });
});
