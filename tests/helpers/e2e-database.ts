/**
 * Rows written straight into a browser-test server's database (SQLite file or
 * PostgreSQL, whichever E2E_DATABASE_URL names), stored as the app stores them.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { isPostgresUrl } from "./pg-databases.mjs";

const root = path.resolve(import.meta.dirname, "..", "..");
/** The browser-test server's database and data folder (playwright.config.ts, tests/e2e/start-server.mjs). */
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL || "file:./tests/.tmp/e2e.db";
const E2E_DATA_DIR = process.env.E2E_DATA_DIR || "tests/.tmp/e2e-data";

/** Runs the bundled role script (`npm run admin:grant` in production) against the server's database; its output. */
export function adminRole(command: "grant" | "revoke", email: string): string {
  return execFileSync(process.execPath, [path.join(root, "build", "admin-role.js"), command, email], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: E2E_DATABASE_URL, DATA_DIR: E2E_DATA_DIR, LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
}

export type AuditRowInput = {
  id: string;
  action: string;
  ipAddress: string;
  userAgent: string;
  entityType: string;
  entityId: string;
  /** Stored as JSON. */
  metadata: Record<string, unknown>;
  timestamp: Date;
};

const COLUMNS = '"id", "action", "ipAddress", "userAgent", "entityType", "entityId", "metadata", "timestamp"';

/** Inserts audit rows in one transaction (relative file: URLs are resolved against `root`). */
export async function insertAuditRows(databaseUrl: string, rows: AuditRowInput[], root: string): Promise<void> {
  if (isPostgresUrl(databaseUrl)) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query("BEGIN");
      for (const row of rows) {
        // timestamp(3) without time zone holds UTC, as Prisma writes it.
        await client.query(
          `INSERT INTO "AuditLog" (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, ($8::timestamptz AT TIME ZONE 'UTC'))`,
          [
            row.id,
            row.action,
            row.ipAddress,
            row.userAgent,
            row.entityType,
            row.entityId,
            JSON.stringify(row.metadata),
            row.timestamp.toISOString(),
          ],
        );
      }
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(path.resolve(root, databaseUrl.slice("file:".length)));
  try {
    db.pragma("busy_timeout = 5000");
    const insert = db.prepare(`INSERT INTO "AuditLog" (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    db.transaction(() => {
      for (const row of rows) {
        // SQLite: ISO text with an explicit offset, as the app's adapter writes DateTime values.
        const at = row.timestamp.toISOString().replace("Z", "+00:00");
        insert.run(
          row.id,
          row.action,
          row.ipAddress,
          row.userAgent,
          row.entityType,
          row.entityId,
          JSON.stringify(row.metadata),
          at,
        );
      }
    })();
  } finally {
    db.close();
  }
}
