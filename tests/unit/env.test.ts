import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, databaseEngine, loadOrCreateSecret, parseEnv, sqliteFilePath } from "~/utils/env.server";

/** An environment with only these variables (ProcessEnv's typings insist on NODE_ENV). */
function source(values: Record<string, string> = {}): NodeJS.ProcessEnv {
  return values as NodeJS.ProcessEnv;
}

function configError(values: Record<string, string>): ConfigError {
  try {
    parseEnv(source(values));
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("parseEnv accepted the configuration");
}

describe("parseEnv", () => {
  it("fills in defaults for an empty environment", () => {
    expect(parseEnv(source({}))).toEqual({
      NODE_ENV: "development",
      PORT: 3000,
      HOST: "127.0.0.1",
      DATA_DIR: "./data",
      DATABASE_URL: "file:./data/dracin.db",
      DATABASE_POOL_SIZE: 10,
      SESSION_MAX_AGE_DAYS: 30,
      SESSION_IDLE_DAYS: 7,
      MAIL_FROM: "Dracin <no-reply@dracin.localhost>",
      REGISTER_LIMIT_PER_HOUR: 10,
      AUDIT_RETENTION_DAYS: 365,
      BCRYPT_COST: 12,
      CATALOG_PROVIDER: "local",
      TRUST_PROXY: false,
      LOG_LEVEL: "info",
      HTTP_HEADERS_TIMEOUT_MS: 20_000,
      HTTP_REQUEST_TIMEOUT_MS: 60_000,
      HTTP_KEEP_ALIVE_TIMEOUT_MS: 65_000,
      DEFAULT_LOCALE: "id",
    });
  });

  it("takes the HTTP timeouts in ms, the headers' no longer than the whole request's", () => {
    expect(parseEnv(source({ HTTP_HEADERS_TIMEOUT_MS: "500", HTTP_REQUEST_TIMEOUT_MS: "1000" }))).toMatchObject({
      HTTP_HEADERS_TIMEOUT_MS: 500,
      HTTP_REQUEST_TIMEOUT_MS: 1000,
    });
    expect(configError({ HTTP_HEADERS_TIMEOUT_MS: "2000", HTTP_REQUEST_TIMEOUT_MS: "1000" }).message).toContain(
      "HTTP_HEADERS_TIMEOUT_MS",
    );
    expect(configError({ HTTP_KEEP_ALIVE_TIMEOUT_MS: "soon" }).message).toContain("HTTP_KEEP_ALIVE_TIMEOUT_MS");
    expect(configError({ HTTP_REQUEST_TIMEOUT_MS: "0" }).message).toContain("HTTP_REQUEST_TIMEOUT_MS");
  });

  it("takes a supported DEFAULT_LOCALE and refuses any other", () => {
    expect(parseEnv(source({ DEFAULT_LOCALE: "en" })).DEFAULT_LOCALE).toBe("en");
    expect(() => parseEnv(source({ DEFAULT_LOCALE: "fr" }))).toThrow(/DEFAULT_LOCALE/);
  });

  it("coerces numbers and the TRUST_PROXY flag", () => {
    const parsed = parseEnv(source({ PORT: "8080", BCRYPT_COST: "10", TRUST_PROXY: "1", SESSION_MAX_AGE_DAYS: "7" }));
    expect(parsed).toMatchObject({ PORT: 8080, BCRYPT_COST: 10, TRUST_PROXY: true, SESSION_MAX_AGE_DAYS: 7 });
  });

  it("refuses an idle timeout longer than the absolute lifetime", () => {
    expect(configError({ SESSION_MAX_AGE_DAYS: "5", SESSION_IDLE_DAYS: "6" }).message).toContain("SESSION_IDLE_DAYS");
    expect(parseEnv(source({ SESSION_MAX_AGE_DAYS: "5", SESSION_IDLE_DAYS: "5" }))).toMatchObject({
      SESSION_IDLE_DAYS: 5,
    });
  });

  it("names the variable when PORT is not a port number", () => {
    expect(configError({ PORT: "eighty" }).message).toMatch(/^Invalid configuration:\n\s+PORT: /);
    expect(configError({ PORT: "70000" }).message).toContain("PORT");
    expect(configError({ PORT: "80.5" }).message).toContain("PORT");
  });

  it("refuses a SESSION_SECRET shorter than 32 characters", () => {
    const error = configError({ SESSION_SECRET: "too-short-secret" });
    expect(error.name).toBe("ConfigError");
    expect(error.message).toContain("SESSION_SECRET");
    expect(error.message).toContain("at least 32 characters");
    expect(error.message).not.toContain("too-short-secret");
    expect(parseEnv(source({ SESSION_SECRET: "s".repeat(32) })).SESSION_SECRET).toBe("s".repeat(32));
  });

  it("treats empty strings as unset", () => {
    const parsed = parseEnv(source({ PORT: "", SESSION_SECRET: "", LOG_LEVEL: "", DATABASE_URL: "" }));
    expect(parsed.PORT).toBe(3000);
    expect(parsed.SESSION_SECRET).toBeUndefined();
    expect(parsed.LOG_LEVEL).toBe("info");
    expect(parsed.DATABASE_URL).toBe("file:./data/dracin.db");
  });

  it("takes a SQLite file: URL or a PostgreSQL URL, and nothing else", () => {
    expect(parseEnv(source({ DATABASE_URL: "postgresql://u:p@db:5432/dracin" })).DATABASE_URL).toBe(
      "postgresql://u:p@db:5432/dracin",
    );
    expect(parseEnv(source({ DATABASE_URL: "postgres://db/dracin" })).DATABASE_URL).toBe("postgres://db/dracin");
    for (const url of ["mysql://admin:hunter2@db/dracin", "./data/other.db", "sqlite:other.db"]) {
      const message = configError({ DATABASE_URL: url }).message;
      expect(message).toContain("DATABASE_URL");
      // The value (which may hold a password) is never echoed.
      expect(message).not.toContain(url);
    }
  });

  it("wants the replica on the same engine as the primary", () => {
    expect(configError({ DATABASE_REPLICA_URL: "postgresql://db-replica/dracin" }).message).toContain(
      "DATABASE_REPLICA_URL",
    );
    const parsed = parseEnv(
      source({ DATABASE_URL: "postgresql://db/dracin", DATABASE_REPLICA_URL: "postgresql://replica/dracin" }),
    );
    expect(parsed.DATABASE_REPLICA_URL).toBe("postgresql://replica/dracin");
  });

  it("lists every bad variable at once", () => {
    const message = configError({ PORT: "x", BCRYPT_COST: "4", LOG_LEVEL: "loud" }).message;
    expect(message).toContain("PORT");
    expect(message).toContain("BCRYPT_COST");
    expect(message).toContain("LOG_LEVEL");
  });
});

describe("databaseEngine", () => {
  it("is PostgreSQL for postgres(ql):// URLs and SQLite otherwise", () => {
    expect(databaseEngine("postgresql://u@h/db")).toBe("postgresql");
    expect(databaseEngine("postgres://u@h/db")).toBe("postgresql");
    expect(databaseEngine("file:./data/dracin.db")).toBe("sqlite");
  });
});

describe("sqliteFilePath", () => {
  it("resolves a relative file: URL against the working directory", () => {
    expect(sqliteFilePath("file:./data/x.db")).toBe(path.resolve(process.cwd(), "data/x.db"));
    expect(sqliteFilePath("file:/tmp/y.db")).toBe("/tmp/y.db");
  });
});

describe("loadOrCreateSecret", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("creates a 0600 secret file in a new folder and returns the same secret next time", () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "dracin-secret-"));
    dirs.push(base);
    const dataDir = path.join(base, "nested", "data");

    const first = loadOrCreateSecret(dataDir);
    const file = path.join(dataDir, "session-secret");
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, "utf8").trim()).toBe(first);

    expect(loadOrCreateSecret(dataDir)).toBe(first);
  });

  it("generates a different secret for a different data folder", () => {
    const a = fs.mkdtempSync(path.join(os.tmpdir(), "dracin-secret-"));
    const b = fs.mkdtempSync(path.join(os.tmpdir(), "dracin-secret-"));
    dirs.push(a, b);
    expect(loadOrCreateSecret(a)).not.toBe(loadOrCreateSecret(b));
  });
});
