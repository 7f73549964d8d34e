/**
 * Writes seeded rows to a (migrated) PostgreSQL database with `pg` directly:
 * one connection, a transaction per batch, multi-row
 * `INSERT ... SELECT FROM unnest($1::text[], ...)` statements of up to
 * CHUNK rows (one round trip and one parse per chunk), the next batch
 * generated while this one is written. Secondary indexes and foreign keys of
 * the filled tables are dropped during the load and recreated from their own
 * definitions at the end (pg_get_indexdef / pg_get_constraintdef), then the
 * tables are vacuumed and analyzed (what autovacuum would do shortly after).
 * While they are dropped, their definitions wait in a table (PENDING): a run
 * killed mid-load leaves them there and the next run puts them back first.
 *
 * Formats are the columns' own: DateTime is `timestamp(3)` without zone holding
 * UTC (the app's pool sets timezone=UTC), Boolean is `boolean`, Json is `jsonb`
 * objects, the role the "Role" enum.
 */
import pg from "pg";
import { SEEDED_TABLES, type SeedBatch, type SeedSink } from "./rows";

/** Rows per INSERT statement. */
const CHUNK = 20_000;

/** A `timestamp(3)` literal of a UTC instant (no zone: the column has none). */
export function postgresTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, -1);
}

const ts = (ms: number | null) => (ms === null ? null : postgresTimestamp(ms));

type Cell = string | number | boolean | null;

/** One table's bulk insert: its columns, their array types, and how a row becomes cells. */
interface Insert<Row> {
  table: string;
  columns: { name: string; type: string }[];
  cells: (row: Row) => Cell[];
}

function insertSql<Row>(insert: Insert<Row>): string {
  const names = insert.columns.map((c) => `"${c.name}"`).join(", ");
  const arrays = insert.columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ");
  return `INSERT INTO "${insert.table}" (${names}) SELECT * FROM unnest(${arrays})`;
}

const col = (name: string, type: string) => ({ name, type });

const USERS: Insert<SeedBatch["users"][number]> = {
  table: "User",
  columns: [
    col("id", "text"),
    col("email", "text"),
    col("emailVerified", "timestamp(3)"),
    col("name", "text"),
    col("password", "text"),
    col("role", `"Role"`),
    col("createdAt", "timestamp(3)"),
    col("updatedAt", "timestamp(3)"),
  ],
  cells: (u) => [u.id, u.email, ts(u.emailVerified), u.name, u.password, u.role, ts(u.createdAt), ts(u.updatedAt)],
};
const SESSIONS: Insert<SeedBatch["sessions"][number]> = {
  table: "Session",
  columns: [
    col("id", "text"),
    col("sessionToken", "text"),
    col("userId", "text"),
    col("expires", "timestamp(3)"),
    col("createdAt", "timestamp(3)"),
    col("lastSeenAt", "timestamp(3)"),
    col("userAgent", "text"),
    col("ipAddress", "text"),
  ],
  cells: (s) => [
    s.id,
    s.sessionToken,
    s.userId,
    ts(s.expires),
    ts(s.createdAt),
    ts(s.lastSeenAt),
    s.userAgent,
    s.ipAddress,
  ],
};
const FAVORITES: Insert<SeedBatch["favorites"][number]> = {
  table: "Favorites",
  columns: [col("id", "text"), col("userId", "text"), col("dramaId", "text"), col("createdAt", "timestamp(3)")],
  cells: (f) => [f.id, f.userId, f.dramaId, ts(f.createdAt)],
};
const PROGRESS: Insert<SeedBatch["progress"][number]> = {
  table: "UserProgress",
  columns: [
    col("id", "text"),
    col("userId", "text"),
    col("episodeId", "text"),
    col("dramaId", "text"),
    col("currentTime", "integer"),
    col("duration", "integer"),
    col("completed", "boolean"),
    col("clientSeq", "double precision"),
    col("hiddenAt", "timestamp(3)"),
    col("createdAt", "timestamp(3)"),
    col("updatedAt", "timestamp(3)"),
  ],
  cells: (p) => [
    p.id,
    p.userId,
    p.episodeId,
    p.dramaId,
    p.currentTime,
    p.duration,
    p.completed,
    p.clientSeq,
    ts(p.hiddenAt),
    ts(p.createdAt),
    ts(p.updatedAt),
  ],
};
const HISTORY: Insert<SeedBatch["history"][number]> = {
  table: "WatchHistory",
  columns: [
    col("id", "text"),
    col("userId", "text"),
    col("episodeId", "text"),
    col("dramaId", "text"),
    col("watchedAt", "timestamp(3)"),
  ],
  cells: (h) => [h.id, h.userId, h.episodeId, h.dramaId, ts(h.watchedAt)],
};
const AUDIT: Insert<SeedBatch["audit"][number]> = {
  table: "AuditLog",
  columns: [
    col("id", "text"),
    col("userId", "text"),
    col("action", "text"),
    col("entityType", "text"),
    col("entityId", "text"),
    col("metadata", "jsonb"),
    col("ipAddress", "text"),
    col("userAgent", "text"),
    col("timestamp", "timestamp(3)"),
  ],
  cells: (a) => [
    a.id,
    a.userId,
    a.action,
    a.entityType,
    a.entityId,
    a.metadata === null ? null : JSON.stringify(a.metadata),
    a.ipAddress,
    a.userAgent,
    ts(a.timestamp),
  ],
};

/** The statements of one table's rows: a column array per parameter, CHUNK rows per statement. */
function statements<Row>(insert: Insert<Row>, rows: Row[]): { text: string; values: Cell[][] }[] {
  const text = insertSql(insert);
  const out: { text: string; values: Cell[][] }[] = [];
  for (let from = 0; from < rows.length; from += CHUNK) {
    const values: Cell[][] = insert.columns.map(() => []);
    for (let r = from; r < Math.min(rows.length, from + CHUNK); r++) {
      const cells = insert.cells(rows[r]);
      for (let c = 0; c < cells.length; c++) values[c].push(cells[c]);
    }
    out.push({ text, values });
  }
  return out;
}

/** Definitions of the dropped indexes and foreign keys, while the load runs. */
const PENDING = "_seed_scale_dropped";

interface Dropped {
  indexes: { name: string; def: string }[];
  foreignKeys: { table: string; name: string; def: string }[];
}

export function postgresSink(url: string): SeedSink {
  // timezone=UTC like the app's pool: timestamps without zone are UTC either way, but now()/casts agree.
  const client = new pg.Client({ connectionString: url, options: "-c timezone=UTC" });
  let connected: Promise<void> | null = null;
  const ready = () => (connected ??= client.connect().then(() => undefined));
  let dropped: Dropped = { indexes: [], foreignKeys: [] };

  /** Creates the indexes and foreign keys of `d` that are missing. */
  async function restore(d: Dropped): Promise<void> {
    for (const index of d.indexes) {
      const { rows } = await client.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [
        `"${index.name}"`,
      ]);
      if (!rows[0].present) await client.query(index.def);
    }
    for (const fk of d.foreignKeys) {
      const { rows } = await client.query<{ present: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE contype = 'f' AND conname = $1 AND connamespace = current_schema()::regnamespace) AS present`,
        [fk.name],
      );
      if (!rows[0].present) await client.query(`ALTER TABLE "${fk.table}" ADD CONSTRAINT "${fk.name}" ${fk.def}`);
    }
  }

  return {
    async countUsers() {
      await ready();
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "User"`);
      return rows[0].n;
    },
    async prepare() {
      await ready();
      // A crash loses at most the last batches, which --force deletes anyway.
      await client.query(`SET synchronous_commit = off`);
      await client.query(`SET maintenance_work_mem = '512MB'`);
      // Definitions a killed run left behind go back first.
      await client.query(
        `CREATE TABLE IF NOT EXISTS "${PENDING}" (kind text NOT NULL, "table" text NOT NULL, name text NOT NULL, def text NOT NULL)`,
      );
      const left = await client.query<{ kind: string; table: string; name: string; def: string }>(
        `SELECT kind, "table", name, def FROM "${PENDING}"`,
      );
      await restore({
        indexes: left.rows.filter((r) => r.kind === "index"),
        foreignKeys: left.rows.filter((r) => r.kind === "fk"),
      });
      await client.query(`DELETE FROM "${PENDING}"`);
      const tables = [...SEEDED_TABLES];
      const indexes = await client.query<{ name: string; def: string }>(
        `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
           FROM pg_index x
           JOIN pg_class i ON i.oid = x.indexrelid
           JOIN pg_class t ON t.oid = x.indrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace
          WHERE n.nspname = current_schema() AND t.relname = ANY($1::text[]) AND NOT x.indisprimary
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
          ORDER BY t.relname, i.relname`,
        [tables],
      );
      const foreignKeys = await client.query<{ table: string; name: string; def: string }>(
        `SELECT t.relname AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def
           FROM pg_constraint c
           JOIN pg_class t ON t.oid = c.conrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace
          WHERE c.contype = 'f' AND n.nspname = current_schema() AND t.relname = ANY($1::text[])
          ORDER BY t.relname, c.conname`,
        [tables],
      );
      dropped = { indexes: indexes.rows, foreignKeys: foreignKeys.rows };
      await client.query("BEGIN");
      for (const index of dropped.indexes)
        await client.query(`INSERT INTO "${PENDING}" VALUES ('index', '', $1, $2)`, [index.name, index.def]);
      for (const fk of dropped.foreignKeys)
        await client.query(`INSERT INTO "${PENDING}" VALUES ('fk', $1, $2, $3)`, [fk.table, fk.name, fk.def]);
      for (const fk of dropped.foreignKeys)
        await client.query(`ALTER TABLE "${fk.table}" DROP CONSTRAINT "${fk.name}"`);
      for (const index of dropped.indexes) await client.query(`DROP INDEX "${index.name}"`);
      await client.query("COMMIT");
    },
    async write(batch) {
      const all = [
        ...statements(USERS, batch.users),
        ...statements(SESSIONS, batch.sessions),
        ...statements(FAVORITES, batch.favorites),
        ...statements(PROGRESS, batch.progress),
        ...statements(HISTORY, batch.history),
        ...statements(AUDIT, batch.audit),
      ];
      // The caller generates the next batch meanwhile (it yields to the event loop every few users).
      await client.query("BEGIN");
      try {
        for (const statement of all) await client.query(statement.text, statement.values);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      }
    },
    async finish(onPhase) {
      onPhase("indexes");
      await restore(dropped);
      await client.query(`DROP TABLE IF EXISTS "${PENDING}"`);
      dropped = { indexes: [], foreignKeys: [] };
      onPhase("analyze");
      // Visibility map and statistics, as autovacuum would leave an insert-only table a little later.
      await client.query(`VACUUM (ANALYZE) ${SEEDED_TABLES.map((t) => `"${t}"`).join(", ")}`);
    },
    async bytes() {
      await ready();
      const { rows } = await client.query<{ n: string }>(`SELECT pg_database_size(current_database())::text AS n`);
      return Number(rows[0].n);
    },
    async close() {
      if (connected) await client.end();
    },
  };
}
