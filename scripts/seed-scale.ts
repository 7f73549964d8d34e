/**
 * Fills a SQLite or PostgreSQL database with realistic volumes of user data, to
 * measure Dracin at scale (docs/PERFORMANCE.md, "Data at scale"):
 *
 *   npm run db:seed:scale -- --users 1000          # quick run (~15 s)
 *   npm run db:seed:scale -- --users 100000        # the scale the benchmarks target (tens of GB: use a file under /tmp)
 *   DATABASE_URL=file:/tmp/scale.db npm run db:seed:scale -- --users 10000 --force
 *   DATABASE_URL=postgresql://dracin:dracin@127.0.0.1:5432/scale npm run db:seed:scale -- --users 10000
 *
 * Per user: tens of favorites, hundreds of progress rows, about a thousand
 * watch-history rows (a few thousand for heavy viewers), 1-3 sessions and
 * audit rows (register, sign-ins, failures, logouts, ...) over the last year;
 * millions of audit rows overall at 100,000 users. Drama and episode ids come
 * from the local demo catalog. Every user's password is SEED_PASSWORD (one
 * bcrypt hash, computed once); the first user is an ADMIN (admin@scale.example).
 *
 * Uses DATABASE_URL like the app (default file:./data/dracin.db) and migrates
 * it first. Refuses a database that already has users unless --force.
 * Generation is engine-agnostic (seed-scale/rows.ts); a sink per engine writes
 * the rows in that engine's formats, one transaction per batch of users
 * (seed-scale/sqlite-sink.ts, seed-scale/postgres-sink.ts). The same --seed
 * gives the same rows on both engines (ids included).
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import bcrypt from "bcryptjs";
import pg from "pg";
import { DEMO_DRAMAS } from "../app/catalog/demo-data";
import { createLocalCatalog } from "../app/catalog/local.server";
import { databaseEngine, getEnv, sqliteFilePath } from "../app/utils/env.server";
import { emptyBatch, type SeedBatch, type SeedSink } from "./seed-scale/rows";
import { postgresSink } from "./seed-scale/postgres-sink";
import { sqliteSink } from "./seed-scale/sqlite-sink";

export { sqliteDate } from "./seed-scale/sqlite-sink";
export { postgresTimestamp } from "./seed-scale/postgres-sink";

export const SEED_PASSWORD = "scale lantern river 7 tiger";
export const ADMIN_EMAIL = "admin@scale.example";

const DAY = 24 * 60 * 60 * 1000;
const YEAR = 365 * DAY;

export interface SeedOptions {
  /** The (already migrated) database: a SQLite `file:` URL or a `postgresql://` URL, as DATABASE_URL. */
  url: string;
  users: number;
  /** Seed of the pseudo-random generator: the same seed gives the same data. */
  seed?: number;
  /** Mean history rows per user (default 1,200). */
  historyPerUser?: number;
  /** "now" of the generated data (default Date.now()). */
  now?: number;
  /** Secret of subjectKey() for failed sign-ins (default: the app's SESSION_SECRET). */
  sessionSecret?: string;
  bcryptCost?: number;
  /** Users per transaction (default 250). */
  batch?: number;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  users: number;
  rows: number;
  phase: "rows" | "indexes" | "analyze" | "done";
}

export interface SeedTotals {
  users: number;
  sessions: number;
  favorites: number;
  progress: number;
  history: number;
  audit: number;
  rows: number;
  ms: number;
  /** Size of the database afterwards (the SQLite file, or pg_database_size). */
  bytes: number;
}

export class SeedRefused extends Error {
  override name = "SeedRefused";
}

/** mulberry32: small, fast, deterministic. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  /** Roughly log-normal around `median`, clamped. */
  const skewed = (median: number, spread: number, min: number, max: number) => {
    const gauss = (next() + next() + next() + next() - 2) * 1.7;
    return Math.max(min, Math.min(max, Math.round(median * Math.exp(gauss * spread))));
  };
  return { next, int, pick, skewed };
}

const FIRST_NAMES = [
  "Wei",
  "Mei",
  "Jun",
  "Lan",
  "Hao",
  "Xin",
  "Yu",
  "Ling",
  "Ayu",
  "Budi",
  "Sari",
  "Rina",
  "Dewi",
  "Putri",
  "Chen",
  "Ming",
  "Tuan",
  "Linh",
  "Maria",
  "Ana",
];
const LAST_NAMES = [
  "Wang",
  "Li",
  "Zhang",
  "Liu",
  "Chen",
  "Santoso",
  "Wijaya",
  "Halim",
  "Nguyen",
  "Tran",
  "Lim",
  "Tan",
  "Reyes",
  "Cruz",
  "Putra",
];
const USER_AGENTS = [
  "Mozilla/5.0 (Linux; Android 13; SM-A146P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (Linux; Android 11; Redmi 9A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
  "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
  "Mozilla/5.0 (Linux; Android 10; KAIOS) Gecko/48.0 Firefox/48.0 KAIOS/3.0",
];

/** The sink of a DATABASE_URL-style URL. */
function sinkFor(url: string): SeedSink {
  return databaseEngine(url) === "postgresql" ? postgresSink(url) : sqliteSink(sqliteFilePath(url));
}

/**
 * Seeds `options.url`: generates a batch of users with everything they own,
 * hands it to the engine's sink (one transaction), and generates the next one
 * while the sink writes (PostgreSQL). Secondary indexes are dropped during the
 * load and recreated at the end, also after a failure.
 */
export async function seedScale(options: SeedOptions): Promise<SeedTotals> {
  const started = Date.now();
  const now = options.now ?? Date.now();
  const rand = generator(options.seed ?? 20261127);
  const batchSize = options.batch ?? 250;
  const historyMedian = options.historyPerUser ?? 1200;
  const secret = options.sessionSecret ?? getEnv().SESSION_SECRET;
  const passwordHash = bcrypt.hashSync(SEED_PASSWORD, options.bcryptCost ?? 10);

  // The catalog: dramas weighted by popularity, their episodes with durations.
  const catalog = createLocalCatalog();
  const dramas = await Promise.all(
    DEMO_DRAMAS.map(async (drama) => ({
      id: drama.id,
      weight: drama.popularity,
      episodes: (await catalog.getEpisodes(drama.id)).map((e) => ({ id: e.id, duration: e.duration })),
    })),
  );
  const totalWeight = dramas.reduce((sum, d) => sum + d.weight, 0);
  /** Dramas in a popularity-weighted random order (no repeats). */
  const dramaOrder = () => {
    const keyed = dramas.map((d) => ({ d, key: Math.pow(rand.next(), totalWeight / d.weight / dramas.length) }));
    return keyed.sort((a, b) => b.key - a.key).map((k) => k.d);
  };

  // cuid-like ids: "c", 8 base36 time chars, a per-run counter, random tail. Increasing, so primary-key inserts append.
  const idPrefix = `c${now.toString(36).padStart(8, "0").slice(-8)}`;
  let counter = 0;
  const newId = () =>
    `${idPrefix}${(counter++).toString(36).padStart(8, "0")}${Math.floor(rand.next() * 2821109907456)
      .toString(36)
      .padStart(8, "0")}`;

  const subjectKey = (email: string) =>
    crypto.createHmac("sha256", secret).update(`subject:${email.trim().toLowerCase()}`).digest("hex").slice(0, 32);

  const totals: SeedTotals = {
    users: 0,
    sessions: 0,
    favorites: 0,
    progress: 0,
    history: 0,
    audit: 0,
    rows: 0,
    ms: 0,
    bytes: 0,
  };
  const report = (phase: SeedProgress["phase"]) =>
    options.onProgress?.({ users: totals.users, rows: totals.rows, phase });

  function seedUser(n: number, out: SeedBatch) {
    const userId = newId();
    const admin = n === 0;
    const first = rand.pick(FIRST_NAMES);
    const last = rand.pick(LAST_NAMES);
    const email = admin ? ADMIN_EMAIL : `${first}.${last}.${n}@scale.example`.toLowerCase();
    // Accounts created over the last year; everything they did lies between then and now.
    const created = now - Math.floor(rand.next() * YEAR);
    const span = now - created;
    const at = () => created + Math.floor(rand.next() * span);
    const ips = Array.from(
      { length: rand.int(1, 3) },
      () => `${rand.int(1, 223)}.${rand.int(0, 255)}.${rand.int(0, 255)}.${rand.int(1, 254)}`,
    );
    const agent = rand.pick(USER_AGENTS);
    const verified = rand.next() < 0.8 ? created + rand.int(60_000, DAY) : null;
    out.users.push({
      id: userId,
      email,
      emailVerified: verified ? Math.min(verified, now) : null,
      name: `${first} ${last}`,
      password: passwordHash,
      role: admin ? "ADMIN" : "USER",
      createdAt: created,
      updatedAt: at(),
    });

    for (let s = rand.int(1, 3); s > 0; s--) {
      const signedIn = now - Math.floor(rand.next() * Math.min(span, 30 * DAY));
      const token = crypto.createHash("sha256").update(`${userId}:${s}:${rand.next()}`).digest("hex");
      const id = newId();
      const lastSeenAt = signedIn + Math.floor(rand.next() * (now - signedIn));
      out.sessions.push({
        id,
        sessionToken: token,
        userId,
        expires: signedIn + 30 * DAY,
        createdAt: signedIn,
        lastSeenAt,
        userAgent: agent,
        ipAddress: rand.pick(ips),
      });
      totals.sessions++;
    }

    const favorites = dramaOrder().slice(0, rand.skewed(15, 0.5, 3, dramas.length));
    for (const drama of favorites) out.favorites.push({ id: newId(), userId, dramaId: drama.id, createdAt: at() });
    totals.favorites += favorites.length;

    // Progress: whole dramas in a popularity-weighted order, the last one part-way.
    const target = rand.skewed(150, 0.45, 20, 400);
    const watched: { id: string; dramaId: string; duration: number }[] = [];
    for (const drama of dramaOrder()) {
      if (watched.length >= target) break;
      const upTo = Math.min(drama.episodes.length, target - watched.length);
      drama.episodes.slice(0, upTo).forEach((episode, index) => {
        const completed = index < upTo - 1 || rand.next() < 0.6;
        const updated = at();
        const position = completed ? episode.duration : rand.int(1, Math.max(1, episode.duration - 1));
        const hiddenAt = !completed && rand.next() < 0.05 ? Math.min(now, updated + DAY) : null;
        out.progress.push({
          id: newId(),
          userId,
          episodeId: episode.id,
          dramaId: drama.id,
          currentTime: position,
          duration: episode.duration,
          completed,
          clientSeq: updated,
          hiddenAt,
          createdAt: Math.max(created, updated - rand.int(0, 7 * DAY)),
          updatedAt: updated,
        });
        watched.push({ id: episode.id, dramaId: drama.id, duration: episode.duration });
      });
    }
    totals.progress += watched.length;

    // History: viewings of those episodes (rewatches included), at random times.
    const viewings = rand.skewed(historyMedian, 0.6, 50, historyMedian * 5);
    for (let v = 0; v < viewings; v++) {
      const episode = watched[Math.floor(rand.next() * watched.length)];
      out.history.push({ id: newId(), userId, episodeId: episode.id, dramaId: episode.dramaId, watchedAt: at() });
    }
    totals.history += viewings;

    // Audit: register, verification, sign-ins (about weekly), failures, sign-outs, the odd change.
    let audit = 0;
    const write = (
      action: string,
      time: number,
      metadata: Record<string, string | number> | null,
      entity: "User" | "Subject" = "User",
    ) => {
      const subject = entity === "Subject";
      out.audit.push({
        id: newId(),
        userId: subject ? null : userId,
        action,
        entityType: entity,
        entityId: subject ? subjectKey(email) : userId,
        metadata,
        ipAddress: rand.pick(ips),
        userAgent: agent,
        timestamp: time,
      });
      audit++;
    };
    write("REGISTER", created, null);
    if (verified) write("EMAIL_VERIFIED", Math.min(verified, now), null);
    const signIns = Math.round((span / (7 * DAY)) * (0.5 + rand.next() * 1.5));
    for (let i = 0; i < signIns; i++) {
      const time = at();
      if (rand.next() < 0.12)
        write("LOGIN_FAILURE", time - rand.int(5_000, 120_000), { reason: "invalid_credentials" }, "Subject");
      write("LOGIN_SUCCESS", time, null);
      if (rand.next() < 0.3) write("LOGOUT", Math.min(now, time + rand.int(60_000, 3 * 3_600_000)), null);
    }
    if (rand.next() < 0.1) write("PASSWORD_CHANGE", at(), { endedSessions: 1 });
    if (rand.next() < 0.1) write("PROFILE_UPDATE", at(), null);
    if (rand.next() < 0.05) write("SESSION_REVOKED", at(), null);
    totals.audit += audit;

    totals.users++;
    totals.rows += 1 + favorites.length + watched.length + viewings + audit;
  }

  const sink = sinkFor(options.url);
  try {
    const existing = await sink.countUsers();
    if (existing > 0) throw new SeedRefused(`the database already has ${existing} users`);
    await sink.prepare();
    try {
      // The batch being written; the next one is generated meanwhile.
      let writing: Promise<void> | null = null;
      for (let from = 0; from < options.users; from += batchSize) {
        const batch = emptyBatch();
        const to = Math.min(options.users, from + batchSize);
        for (let n = from; n < to; n++) {
          seedUser(n, batch);
          // Let the database connection, the progress bar's timer and signals run.
          if (n % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
        }
        if (writing) await writing;
        report("rows");
        writing = sink.write(batch);
        // Handled when awaited; until then a failure must not count as an unhandled rejection.
        writing.catch(() => undefined);
      }
      if (writing) await writing;
      report("rows");
    } finally {
      await sink.finish((phase) => report(phase));
    }
    totals.rows += totals.sessions;
    totals.bytes = await sink.bytes();
  } finally {
    await sink.close();
  }
  totals.ms = Date.now() - started;
  report("done");
  return totals;
}

// ---------------------------------------------------------------------------
// Command line

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      users: { type: "string", default: "1000" },
      force: { type: "boolean", default: false },
      seed: { type: "string", default: "20261127" },
      history: { type: "string", default: "1200" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write("Usage: npm run db:seed:scale -- --users 100000 [--force] [--seed N] [--history 1200]\n");
    return 0;
  }
  const users = Number(values.users);
  if (!Number.isInteger(users) || users < 1) {
    process.stderr.write("--users must be a whole number ≥ 1\n");
    return 2;
  }
  const url = process.env.DATABASE_URL?.trim() || "file:./data/dracin.db";
  const postgres = databaseEngine(url) === "postgresql";
  const shown = redactPassword(url);
  const root = path.resolve(import.meta.dirname, "..");
  let migrateUrl = url;
  if (postgres) {
    // --force starts from an empty schema (faster than deleting millions of rows; also heals an interrupted load).
    if (values.force) await recreatePublicSchema(url);
  } else {
    const file = sqliteFilePath(url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // --force starts from an empty file (faster than deleting millions of rows).
    if (values.force)
      for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
    migrateUrl = `file:${file}`;
  }
  execFileSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: migrateUrl },
    stdio: "pipe",
  });

  // Expected rows per user, for the bar's percentage (the rows themselves are random).
  const started = Date.now();
  let last: SeedProgress = { users: 0, rows: 0, phase: "rows" };
  const draw = () => {
    const fraction = last.users / users;
    const elapsed = Date.now() - started;
    const width = 30;
    const filled = Math.round(fraction * width);
    const rate = last.rows / Math.max(0.001, elapsed / 1000);
    const eta = fraction > 0 ? (elapsed / fraction) * (1 - fraction) : 0;
    const tail =
      last.phase === "indexes"
        ? "building indexes…"
        : last.phase === "analyze"
          ? "vacuum and analyze…"
          : `ETA ${formatDuration(eta)}`;
    process.stderr.write(
      `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${(fraction * 100).toFixed(1)}%  ${last.users.toLocaleString("en")}/${users.toLocaleString("en")} users  ${last.rows.toLocaleString("en")} rows  ${Math.round(rate).toLocaleString("en")} rows/s  ${tail}   `,
    );
  };
  const timer = setInterval(draw, 500);
  let totals: SeedTotals;
  try {
    totals = await seedScale({
      url: migrateUrl,
      users,
      seed: Number(values.seed),
      historyPerUser: Number(values.history),
      onProgress: (progress) => {
        last = progress;
        if (progress.phase === "indexes" || progress.phase === "analyze") draw();
      },
    });
  } catch (error) {
    clearInterval(timer);
    if (error instanceof SeedRefused) {
      process.stderr.write(
        `\nRefused: ${error.message} (${shown}). Use --force to ${postgres ? "drop the schema" : "delete the file"} and start again.\n`,
      );
      return 1;
    }
    throw error;
  }
  clearInterval(timer);
  draw();
  const n = (value: number) => value.toLocaleString("en");
  process.stderr.write("\n");
  process.stdout.write(
    [
      `Seeded ${shown} in ${formatDuration(totals.ms)} (${n(Math.round(totals.rows / (totals.ms / 1000)))} rows/s):`,
      `  users        ${n(totals.users)}   (password "${SEED_PASSWORD}"; ${ADMIN_EMAIL} is an admin)`,
      `  sessions     ${n(totals.sessions)}`,
      `  favorites    ${n(totals.favorites)}`,
      `  progress     ${n(totals.progress)}`,
      `  history      ${n(totals.history)}`,
      `  audit        ${n(totals.audit)}`,
      `  total rows   ${n(totals.rows)}`,
      `  ${postgres ? "database size" : "file size   "} ${(totals.bytes / 2 ** 30).toFixed(2)} GiB`,
      "",
    ].join("\n"),
  );
  return 0;
}

/** The URL for printing: a PostgreSQL URL's password as "***". */
function redactPassword(url: string): string {
  if (databaseEngine(url) !== "postgresql") return url;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/** `DROP SCHEMA public CASCADE` and an empty one in its place: every table, index and migration record goes. */
async function recreatePublicSchema(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS public CASCADE`);
    await client.query(`CREATE SCHEMA public`);
  } finally {
    await client.end();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.exitCode = await main();
}
