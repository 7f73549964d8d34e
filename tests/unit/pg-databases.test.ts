import { describe, expect, it } from "vitest";
import {
  VITEST_PREFIX,
  databaseName,
  databaseUrl,
  isPostgresUrl,
  newRunId,
  testPostgresUrl,
  vitestDatabasesToDrop,
} from "../helpers/pg-databases.mjs";

const HOUR = 60 * 60 * 1000;

describe("the test suite's PostgreSQL databases (tests/helpers/pg-databases.mjs)", () => {
  it("selects PostgreSQL only for a postgres(ql):// TEST_DATABASE_URL", () => {
    expect(testPostgresUrl({})).toBeUndefined();
    expect(testPostgresUrl({ TEST_DATABASE_URL: "" })).toBeUndefined();
    expect(testPostgresUrl({ TEST_DATABASE_URL: "postgres://u:p@db:5432/x" })).toBe("postgres://u:p@db:5432/x");
    expect(() => testPostgresUrl({ TEST_DATABASE_URL: "file:./x.db" })).toThrow(
      /TEST_DATABASE_URL must be a postgresql:\/\/ URL/,
    );
    expect(isPostgresUrl("postgresql://h/x")).toBe(true);
    expect(isPostgresUrl("file:./postgresql.db")).toBe(false);
    expect(isPostgresUrl(undefined)).toBe(false);
  });

  it("names another database on the same server, keeping the role, password and parameters", () => {
    const url = databaseUrl("postgresql://dracin:s%40cret@127.0.0.1:5433/dracin?sslmode=disable", "dracin_e2e_3271");
    expect(url).toBe("postgresql://dracin:s%40cret@127.0.0.1:5433/dracin_e2e_3271?sslmode=disable");
    expect(databaseName(url)).toBe("dracin_e2e_3271");
    expect(() => databaseUrl("postgresql://h/x", 'x"; DROP DATABASE y; --')).toThrow(/unexpected database name/);
    expect(() => databaseUrl("postgresql://h/x", "a".repeat(64))).toThrow(/unexpected database name/);
  });

  it("drops its own run's databases and those of runs started over an hour ago, nothing else", () => {
    const now = Date.UTC(2026, 10, 27, 16, 0, 0);
    const own = newRunId(now - 5 * 60 * 1000);
    const recentOther = newRunId(now - 30 * 60 * 1000);
    const crashed = newRunId(now - 2 * HOUR);
    const names = [
      `${VITEST_PREFIX}${own}_tpl`,
      `${VITEST_PREFIX}${own}_w1_123`,
      `${VITEST_PREFIX}${recentOther}_tpl`,
      `${VITEST_PREFIX}${crashed}_tpl`,
      `${VITEST_PREFIX}${crashed}_w2_456`,
      "dracin",
      "dracin_e2e_3271",
      `${VITEST_PREFIX}not-a-run`,
    ];
    expect(vitestDatabasesToDrop(names, { runId: own, now })).toEqual([
      `${VITEST_PREFIX}${own}_tpl`,
      `${VITEST_PREFIX}${own}_w1_123`,
      `${VITEST_PREFIX}${crashed}_tpl`,
      `${VITEST_PREFIX}${crashed}_w2_456`,
    ]);
    expect(newRunId(now)).toMatch(/^[0-9a-z]+_[0-9a-f]{4}$/);
  });
});
