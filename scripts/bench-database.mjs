// The database a benchmark's server uses: a fresh SQLite file in `dir`, or,
// with BENCH_DATABASE_URL=postgresql://user:pass@host:5432/db (a role that may
// CREATE DATABASE), a fresh PostgreSQL database `dracin_bench` on that server.
import path from "node:path";
import { databaseUrl, isPostgresUrl, recreateDatabase } from "../tests/helpers/pg-databases.mjs";

/** @param {string} dir @returns {Promise<{ url: string, engine: "sqlite" | "postgresql" }>} */
export async function freshBenchDatabase(dir) {
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) return { url: `file:${path.join(dir, "bench.db")}`, engine: "sqlite" };
  if (!isPostgresUrl(server)) throw new Error("BENCH_DATABASE_URL must be a postgresql:// URL (unset it for SQLite)");
  await recreateDatabase(server, "dracin_bench");
  return { url: databaseUrl(server, "dracin_bench"), engine: "postgresql" };
}
