/**
 * Rows written straight into a browser-test server's database (SQLite file or
 * PostgreSQL, whichever E2E_DATABASE_URL names), stored as the app stores them.
 */
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { isPostgresUrl } from "./pg-databases.mjs";

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
