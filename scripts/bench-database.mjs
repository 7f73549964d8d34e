// The database a benchmark's server uses: a fresh SQLite file in `dir`, or,
// with BENCH_DATABASE_URL=postgresql://user:pass@host:5432/db (a role that may
// CREATE DATABASE), a fresh PostgreSQL database `dracin_bench` on that server.
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseUrl, isPostgresUrl, recreateDatabase } from "../tests/helpers/pg-databases.mjs";

/** @param {string} dir @returns {Promise<{ url: string, engine: "sqlite" | "postgresql" }>} */
export async function freshBenchDatabase(dir) {
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) return { url: `file:${path.join(dir, "bench.db")}`, engine: "sqlite" };
  if (!isPostgresUrl(server)) throw new Error("BENCH_DATABASE_URL must be a postgresql:// URL (unset it for SQLite)");
  await recreateDatabase(server, "dracin_bench");
  return { url: databaseUrl(server, "dracin_bench"), engine: "postgresql" };
}

/**
 * Audit rows not sealed into the chain yet: a server started on seeded rows seals them in the background
 * (docs/decisions/023-audit-hash-chain.md); a benchmark waits for 0 before it measures.
 * @param {string} url
 */
export async function unsealedAuditRows(url) {
  if (isPostgresUrl(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return Number((await client.query('SELECT count(*) AS n FROM "AuditLog" WHERE "seq" IS NULL')).rows[0].n);
    } finally {
      await client.end();
    }
  }
  const db = new Database(url.slice("file:".length), { readonly: true });
  try {
    return db.prepare('SELECT count(*) AS n FROM "AuditLog" WHERE "seq" IS NULL').get().n;
  } finally {
    db.close();
  }
}
