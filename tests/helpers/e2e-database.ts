/**
 * Rows written straight into a browser-test server's database (SQLite file or
 * PostgreSQL, whichever E2E_DATABASE_URL names), stored as the app stores them:
 * each with its MAC under the server's audit key (DATA_DIR/audit-hmac-key), so
 * the server seals them into its chain like its own and the integrity page
 * stays intact.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { rowMac } from "../../app/models/audit-chain";
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

const COLUMNS = '"id", "action", "ipAddress", "userAgent", "entityType", "entityId", "metadata", "timestamp", "mac"';

/** The MAC the server would write the row with (the server generated its key in `dataDir` at its first start). */
function macOf(row: AuditRowInput, dataDir: string): string {
  const key = fs.readFileSync(path.join(dataDir, "audit-hmac-key"), "utf8").trim();
  return rowMac(key, { ...row, actorId: null });
}

/**
 * Inserts audit rows in one transaction (relative file: URLs and `dataDir` are resolved against `root`). The
 * server seals them within seconds (its sweep).
 */
export async function insertAuditRows(
  databaseUrl: string,
  rows: AuditRowInput[],
  root: string,
  dataDir = process.env.E2E_DATA_DIR || "tests/.tmp/e2e-data",
): Promise<void> {
  const macs = rows.map((row) => macOf(row, path.resolve(root, dataDir)));
  if (isPostgresUrl(databaseUrl)) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query("BEGIN");
      for (const row of rows) {
        // timestamp(3) without time zone holds UTC, as Prisma writes it.
        await client.query(
          `INSERT INTO "AuditLog" (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, ($8::timestamptz AT TIME ZONE 'UTC'), $9)`,
          [
            row.id,
            row.action,
            row.ipAddress,
            row.userAgent,
            row.entityType,
            row.entityId,
            JSON.stringify(row.metadata),
            row.timestamp.toISOString(),
            macs[rows.indexOf(row)],
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
    const insert = db.prepare(`INSERT INTO "AuditLog" (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
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
          macs[rows.indexOf(row)],
        );
      }
    })();
  } finally {
    db.close();
  }
}

/**
 * Sets the IP address of the audit row at `seq` by hand, as someone with database access could (the integrity
 * page must then name it); returns what it was, to put it back.
 */
export async function setAuditRowIp(
  databaseUrl: string,
  root: string,
  seq: number,
  ipAddress: string | null,
): Promise<string | null> {
  if (isPostgresUrl(databaseUrl)) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const before = await client.query<{ ipAddress: string | null }>(
        `SELECT "ipAddress" FROM "AuditLog" WHERE "seq" = $1`,
        [seq],
      );
      await client.query(`UPDATE "AuditLog" SET "ipAddress" = $2 WHERE "seq" = $1`, [seq, ipAddress]);
      return before.rows[0]?.ipAddress ?? null;
    } finally {
      await client.end();
    }
  }
  const db = new Database(path.resolve(root, databaseUrl.slice("file:".length)));
  try {
    db.pragma("busy_timeout = 5000");
    const before = db.prepare(`SELECT "ipAddress" FROM "AuditLog" WHERE "seq" = ?`).get(seq) as
      { ipAddress: string | null } | undefined;
    db.prepare(`UPDATE "AuditLog" SET "ipAddress" = ? WHERE "seq" = ?`).run(ipAddress, seq);
    return before?.ipAddress ?? null;
  } finally {
    db.close();
  }
}
