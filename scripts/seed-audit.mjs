// Bulk audit rows for the export benchmark (scripts/bench-export.mjs) and the
// export tests (tests/integration/export-streaming.test.ts): one INSERT ... SELECT
// per 100,000 rows (a recursive CTE on SQLite, generate_series on PostgreSQL), in
// the formats Prisma reads (SQLite DateTime as ISO text with "+00:00", Json as
// text). Rows are oldest first over the year before now, ids "bench" + the row
// number; half of them belong to one of SEED_USERS users (bench-user-<n>,
// created here), so an export joins their emails.
import Database from "better-sqlite3";
import pg from "pg";
import { isPostgresUrl } from "../tests/helpers/pg-databases.mjs";

export const SEED_USERS = 100;
const SEED_CHUNK = 100_000;
const YEAR_S = 365 * 24 * 60 * 60;
const ACTIONS = ["LOGIN_SUCCESS", "LOGIN_FAILURE", "LOGOUT", "PASSWORD_CHANGE", "REGISTER"];
const USER_AGENT =
  "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";

function seedSqlite(file, rows, startS, stepS) {
  const db = new Database(file);
  db.prepare(
    `INSERT INTO "User" ("id","email","name","role","createdAt","updatedAt")
     WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < ?)
     SELECT 'bench-user-' || n, 'bench-' || n || '@example.test', 'Bench ' || n, 'USER',
            strftime('%Y-%m-%dT%H:%M:%f', ?, 'unixepoch') || '+00:00', strftime('%Y-%m-%dT%H:%M:%f', ?, 'unixepoch') || '+00:00'
     FROM seq`,
  ).run(SEED_USERS - 1, startS, startS);
  const actionCase = `CASE n % ${ACTIONS.length} ${ACTIONS.map((a, i) => `WHEN ${i} THEN '${a}'`).join(" ")} END`;
  const insert = db.prepare(
    `INSERT INTO "AuditLog" ("id","userId","action","entityType","entityId","metadata","ipAddress","userAgent","timestamp")
     WITH RECURSIVE seq(n) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT n + 1 FROM seq WHERE n < ?)
     SELECT printf('bench%020d', n),
            CASE WHEN n % 2 = 0 THEN 'bench-user-' || (n % ${SEED_USERS}) END,
            ${actionCase}, 'User', 'bench-user-' || (n % ${SEED_USERS}),
            '{"n":' || n || ',"via":"bench"}',
            '10.' || (n % 256) || '.' || ((n / 256) % 256) || '.' || (n % 7 + 1),
            '${USER_AGENT}',
            strftime('%Y-%m-%dT%H:%M:%f', ? + n * ?, 'unixepoch') || '+00:00'
     FROM seq`,
  );
  for (let from = 0; from < rows; from += SEED_CHUNK) {
    const to = Math.min(rows, from + SEED_CHUNK) - 1;
    db.transaction(() => insert.run(from, to, startS, stepS))();
  }
  db.exec("ANALYZE");
  db.close();
}

async function seedPostgres(url, rows, startS, stepS) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "User" ("id","email","name","role","createdAt","updatedAt")
       SELECT 'bench-user-' || n, 'bench-' || n || '@example.test', 'Bench ' || n, 'USER', to_timestamp($1), to_timestamp($1)
       FROM generate_series(0, $2::int) AS n`,
      [startS, SEED_USERS - 1],
    );
    const actions = `(ARRAY[${ACTIONS.map((a) => `'${a}'`).join(",")}])[n % ${ACTIONS.length} + 1]`;
    for (let from = 0; from < rows; from += SEED_CHUNK) {
      const to = Math.min(rows, from + SEED_CHUNK) - 1;
      await client.query(
        `INSERT INTO "AuditLog" ("id","userId","action","entityType","entityId","metadata","ipAddress","userAgent","timestamp")
         SELECT 'bench' || lpad(n::text, 20, '0'),
                CASE WHEN n % 2 = 0 THEN 'bench-user-' || (n % ${SEED_USERS}) END,
                ${actions}, 'User', 'bench-user-' || (n % ${SEED_USERS}),
                jsonb_build_object('n', n, 'via', 'bench'),
                '10.' || (n % 256) || '.' || ((n / 256) % 256) || '.' || (n % 7 + 1),
                $3,
                to_timestamp($4 + n * $5::float8) AT TIME ZONE 'UTC'
         FROM generate_series($1::int, $2::int) AS n`,
        [from, to, USER_AGENT, startS, stepS],
      );
    }
    await client.query(`VACUUM ANALYZE "AuditLog"`);
  } finally {
    await client.end();
  }
}

/**
 * Adds `rows` audit rows (and the SEED_USERS users) to a migrated database that has none of them yet.
 * @param {{ url: string, rows: number }} options a SQLite `file:` URL or a `postgresql://` URL
 */
export async function seedAuditRows({ url, rows }) {
  const startS = Math.floor(Date.now() / 1000) - YEAR_S;
  const stepS = YEAR_S / rows;
  if (isPostgresUrl(url)) await seedPostgres(url, rows, startS, stepS);
  else seedSqlite(url.slice("file:".length), rows, startS, stepS);
}
