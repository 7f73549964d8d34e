/**
 * Configuration, validated with zod once at boot. A bad value stops the
 * server with a message naming the variable. When SESSION_SECRET is unset,
 * a random secret is generated on first start and kept in DATA_DIR (mode 0600)
 * so sessions survive restarts.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
// Relative: the Prisma config and scripts load this file without the "~" alias.
import { LOCALE_CODES, type Locale } from "../i18n/catalog";

export type DatabaseEngine = "sqlite" | "postgresql";

/** `postgres://` or `postgresql://` selects PostgreSQL; `file:` selects SQLite. */
export function databaseEngine(databaseUrl: string): DatabaseEngine {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? "postgresql" : "sqlite";
}

function isDatabaseUrl(url: string): boolean {
  return url.startsWith("file:") || databaseEngine(url) === "postgresql";
}

const DATABASE_URL_MESSAGE =
  'must be a SQLite "file:" URL (e.g. file:./data/dracin.db) or a PostgreSQL URL (postgresql://user:password@host:5432/db)';

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().trim().min(1).default("127.0.0.1"),
    DATA_DIR: z.string().trim().min(1).default("./data"),
    DATABASE_URL: z
      .string()
      .trim()
      .default("file:./data/dracin.db")
      .refine(isDatabaseUrl, { message: DATABASE_URL_MESSAGE }),
    /**
     * Optional read replica of DATABASE_URL (same engine) for read-only queries that may lag the primary
     * (app/utils/db.server.ts: `readDb`). Unset: everything reads the primary.
     */
    DATABASE_REPLICA_URL: z.string().trim().min(1).refine(isDatabaseUrl, { message: DATABASE_URL_MESSAGE }).optional(),
    /** PostgreSQL: connections per pool of this process (primary and replica each). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    SESSION_SECRET: z
      .string()
      .min(32, { message: "must be at least 32 characters (or unset it to have one generated)" })
      .optional(),
    /**
     * Keys the audit trail's hash chain (docs/decisions/023-audit-hash-chain.md); unset: generated into
     * DATA_DIR/audit-hmac-key. Several instances must share one.
     */
    AUDIT_HMAC_KEY: z
      .string()
      .min(32, { message: "must be at least 32 characters (or unset it to have one generated)" })
      .optional(),
    /** Audit rows older than this many days are pruned daily (unless a legal hold is on). */
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
    /** Every audit row is also sent here as RFC 5424 syslog: tcp://host:port or udp://host:port. */
    AUDIT_SYSLOG_URL: z
      .url({ protocol: /^(tcp|udp)$/, message: "must be a tcp:// or udp:// URL, e.g. udp://127.0.0.1:514" })
      .optional(),
    /** Absolute lifetime of a session from sign-in, in days. */
    SESSION_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** A session unused for this many days ends. */
    SESSION_IDLE_DAYS: z.coerce.number().int().min(1).max(365).default(7),
    /** The site's public origin, for links in emails and OAuth callbacks (default: from the request). */
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, message: "must be an http(s) URL, e.g. https://dracin.example" })
      .optional(),
    /** Outgoing mail, e.g. smtp://user:pass@mail.example:587 or smtps://...; unset: mail goes to MAIL_OUTBOX_DIR and the log. */
    SMTP_URL: z.url({ protocol: /^smtps?$/, message: "must be an smtp:// or smtps:// URL" }).optional(),
    MAIL_FROM: z.string().trim().min(3).default("Dracin <no-reply@dracin.localhost>"),
    /** Where mail is written when SMTP_URL is unset (default DATA_DIR/outbox). */
    MAIL_OUTBOX_DIR: z.string().trim().min(1).optional(),
    /**
     * New accounts allowed per client IP per hour (app/models/throttle.server.ts). Raise it when many
     * people sign up from one address (a campus behind NAT); the browser tests and benchmarks raise it.
     */
    REGISTER_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(10),
    // OAuth providers (OAUTH_*): parsed in app/auth/oauth-config.server.ts.
    BCRYPT_COST: z.coerce.number().int().min(10).max(15).default(12),
    CATALOG_PROVIDER: z
      .enum(["local", "http"], { message: 'must be "local" (the bundled demo catalog) or "http" (a catalog API)' })
      .default("local"),
    /** Base URL of the catalog API for CATALOG_PROVIDER=http (docs/catalog-api.md). */
    CATALOG_API_URL: z
      .url({ protocol: /^https?$/, message: "must be an http(s) URL, e.g. http://127.0.0.1:4000" })
      .optional(),
    /** Sent as `Authorization: Bearer <key>` to the catalog API. */
    CATALOG_API_KEY: z.string().trim().min(1).optional(),
    /** Connect timeout and total time of one catalog call (retries included), in ms (default 2000). */
    CATALOG_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).optional(),
    /** Trust X-Forwarded-For from a reverse proxy for client IPs. */
    TRUST_PROXY: z
      .enum(["true", "false", "1", "0"])
      .default("false")
      .transform((value) => value === "true" || value === "1"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    /**
     * Slow senders (docs/limits.md): a client has this long to send a request's headers, and
     * HTTP_REQUEST_TIMEOUT_MS for the whole request, body included (else 408 and the connection closes);
     * an idle kept-alive connection closes after HTTP_KEEP_ALIVE_TIMEOUT_MS.
     */
    HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(65_000),
    /** The language of a visitor whose browser asks for none we speak (app/i18n/negotiate.ts). */
    DEFAULT_LOCALE: z.enum(LOCALE_CODES as [Locale, ...Locale[]]).default("id"),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_REPLICA_URL && databaseEngine(env.DATABASE_REPLICA_URL) !== databaseEngine(env.DATABASE_URL)) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_REPLICA_URL"],
        message: "must use the same engine as DATABASE_URL",
      });
    }
    if (env.SESSION_IDLE_DAYS > env.SESSION_MAX_AGE_DAYS) {
      ctx.addIssue({ code: "custom", path: ["SESSION_IDLE_DAYS"], message: "must not exceed SESSION_MAX_AGE_DAYS" });
    }
    if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({
        code: "custom",
        path: ["HTTP_HEADERS_TIMEOUT_MS"],
        message: "must not exceed HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request)",
      });
    }
    if (env.CATALOG_PROVIDER === "http" && !env.CATALOG_API_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["CATALOG_API_URL"],
        message: "is required when CATALOG_PROVIDER=http (the catalog API's base URL, e.g. http://127.0.0.1:4000)",
      });
    }
  });

export type Env = z.infer<typeof EnvSchema> & { SESSION_SECRET: string; AUDIT_HMAC_KEY: string };

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseEnv(source: NodeJS.ProcessEnv): z.infer<typeof EnvSchema> {
  // Treat empty (or blank) values as unset, as shells and .env files often leave them.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(environment)"}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** Reads DATA_DIR/<name> (session-secret by default), creating it (0600) with 48 random bytes if absent. */
export function loadOrCreateSecret(dataDir: string, name = "session-secret"): string {
  const file = path.join(dataDir, name);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const secret = crypto.randomBytes(48).toString("base64url");
  try {
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      return fs.readFileSync(file, "utf8").trim();
    }
    throw error;
  }
}

let cached: Env | undefined;

export function getEnv(): Env {
  if (!cached) {
    const parsed = parseEnv(process.env);
    cached = {
      ...parsed,
      SESSION_SECRET: parsed.SESSION_SECRET ?? loadOrCreateSecret(path.resolve(parsed.DATA_DIR)),
      AUDIT_HMAC_KEY: parsed.AUDIT_HMAC_KEY ?? loadOrCreateSecret(path.resolve(parsed.DATA_DIR), "audit-hmac-key"),
    };
  }
  return cached;
}

/** Absolute path of the SQLite file named by a file: URL (relative to the working directory). */
export function sqliteFilePath(databaseUrl: string): string {
  return path.resolve(process.cwd(), databaseUrl.slice("file:".length));
}
