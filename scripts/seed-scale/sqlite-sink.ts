/**
 * Writes seeded rows to a (migrated) SQLite file with better-sqlite3 directly:
 * prepared statements, a transaction per batch, the journal in memory, in
 * exactly the formats Prisma's better-sqlite3 adapter uses here: DateTime as
 * ISO text "2026-01-02T03:04:05.678+00:00", Boolean as 0/1, Json as JSON text.
 */
import fs from "node:fs";
import Database from "better-sqlite3";
import { SEEDED_TABLES, type SeedBatch, type SeedSink } from "./rows";

/** Prisma's DateTime text in this database. */
export function sqliteDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, -1)}+00:00`;
}

const date = (ms: number | null) => (ms === null ? null : sqliteDate(ms));

export function sqliteSink(file: string): SeedSink {
  const db = new Database(file);
  let indexSql: { name: string; sql: string }[] = [];

  const insertUser = db.prepare(
    `INSERT INTO "User" ("id","email","emailVerified","name","password","image","role","createdAt","updatedAt") VALUES (?,?,?,?,?,NULL,?,?,?)`,
  );
  const insertSession = db.prepare(
    `INSERT INTO "Session" ("id","sessionToken","userId","expires","createdAt","lastSeenAt","userAgent","ipAddress") VALUES (?,?,?,?,?,?,?,?)`,
  );
  const insertFavorite = db.prepare(`INSERT INTO "Favorites" ("id","userId","dramaId","createdAt") VALUES (?,?,?,?)`);
  const insertProgress = db.prepare(
    `INSERT INTO "UserProgress" ("id","userId","episodeId","dramaId","currentTime","duration","completed","clientSeq","hiddenAt","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insertHistory = db.prepare(
    `INSERT INTO "WatchHistory" ("id","userId","episodeId","dramaId","watchedAt") VALUES (?,?,?,?,?)`,
  );
  const insertAudit = db.prepare(
    `INSERT INTO "AuditLog" ("id","userId","action","entityType","entityId","metadata","ipAddress","userAgent","timestamp") VALUES (?,?,?,?,?,?,?,?,?)`,
  );

  const writeBatch = db.transaction((batch: SeedBatch) => {
    for (const u of batch.users) {
      insertUser.run(
        u.id,
        u.email,
        date(u.emailVerified),
        u.name,
        u.password,
        u.role,
        sqliteDate(u.createdAt),
        sqliteDate(u.updatedAt),
      );
    }
    for (const s of batch.sessions) {
      insertSession.run(
        s.id,
        s.sessionToken,
        s.userId,
        sqliteDate(s.expires),
        sqliteDate(s.createdAt),
        sqliteDate(s.lastSeenAt),
        s.userAgent,
        s.ipAddress,
      );
    }
    for (const f of batch.favorites) insertFavorite.run(f.id, f.userId, f.dramaId, sqliteDate(f.createdAt));
    for (const p of batch.progress) {
      insertProgress.run(
        p.id,
        p.userId,
        p.episodeId,
        p.dramaId,
        p.currentTime,
        p.duration,
        p.completed ? 1 : 0,
        p.clientSeq,
        date(p.hiddenAt),
        sqliteDate(p.createdAt),
        sqliteDate(p.updatedAt),
      );
    }
    for (const h of batch.history) insertHistory.run(h.id, h.userId, h.episodeId, h.dramaId, sqliteDate(h.watchedAt));
    for (const a of batch.audit) {
      insertAudit.run(
        a.id,
        a.userId,
        a.action,
        a.entityType,
        a.entityId,
        a.metadata === null ? null : JSON.stringify(a.metadata),
        a.ipAddress,
        a.userAgent,
        sqliteDate(a.timestamp),
      );
    }
  });

  return {
    async countUsers() {
      return (db.prepare(`SELECT count(*) AS n FROM "User"`).get() as { n: number }).n;
    },
    async prepare() {
      db.pragma("synchronous = OFF");
      db.pragma("cache_size = -262144");
      db.pragma("temp_store = MEMORY");
      // The rollback journal in memory for the bulk load (better-sqlite3 refuses journal_mode=OFF in its defensive
      // mode). Leaving WAL needs the only connection: with another one open (a test's Prisma client) it stays WAL.
      db.pragma("journal_mode = DELETE");
      db.pragma("journal_mode = MEMORY");
      // Explicit indexes are dropped while rows go in and recreated from their own CREATE statements at the end
      // (much faster than keeping seven AuditLog indexes up to date row by row).
      indexSql = db
        .prepare(
          `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${SEEDED_TABLES.map(() => "?").join(",")})`,
        )
        .all(...SEEDED_TABLES) as { name: string; sql: string }[];
      for (const index of indexSql) db.exec(`DROP INDEX IF EXISTS "${index.name}"`);
    },
    async write(batch) {
      writeBatch(batch);
    },
    async finish(onPhase) {
      onPhase("indexes");
      for (const index of indexSql) db.exec(index.sql);
      try {
        db.pragma("journal_mode = WAL");
      } catch {
        // already WAL
      }
    },
    async bytes() {
      return fs.statSync(file).size;
    },
    async close() {
      db.close();
    },
  };
}
