/**
 * The rows scripts/seed-scale.ts generates, engine-agnostic: times are epoch
 * milliseconds (UTC), booleans are booleans, JSON is an object. A sink per
 * engine (sqlite-sink.ts, postgres-sink.ts) writes them in that engine's
 * formats, a batch per transaction.
 */

export interface UserRow {
  id: string;
  email: string;
  emailVerified: number | null;
  name: string;
  password: string;
  role: "USER" | "ADMIN";
  createdAt: number;
  updatedAt: number;
}

export interface SessionRow {
  id: string;
  sessionToken: string;
  userId: string;
  expires: number;
  createdAt: number;
  lastSeenAt: number;
  userAgent: string;
  ipAddress: string;
}

export interface FavoriteRow {
  id: string;
  userId: string;
  dramaId: string;
  createdAt: number;
}

export interface ProgressRow {
  id: string;
  userId: string;
  episodeId: string;
  dramaId: string;
  currentTime: number;
  duration: number;
  completed: boolean;
  clientSeq: number;
  hiddenAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface HistoryRow {
  id: string;
  userId: string;
  episodeId: string;
  dramaId: string;
  watchedAt: number;
}

export interface AuditRow {
  id: string;
  userId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  /** Always an object (never a bare number: SQLite JSONB, docs/known-upstream-limits.md). */
  metadata: Record<string, string | number> | null;
  ipAddress: string;
  userAgent: string;
  timestamp: number;
}

/** The rows of some users: everything they own, written in one transaction. */
export interface SeedBatch {
  users: UserRow[];
  sessions: SessionRow[];
  favorites: FavoriteRow[];
  progress: ProgressRow[];
  history: HistoryRow[];
  audit: AuditRow[];
}

export function emptyBatch(): SeedBatch {
  return { users: [], sessions: [], favorites: [], progress: [], history: [], audit: [] };
}

/** The tables the seeder fills, in insert order. */
export const SEEDED_TABLES = ["User", "Session", "Favorites", "UserProgress", "WatchHistory", "AuditLog"] as const;

/** Where the generated rows go. Calls come in this order: countUsers, prepare, write..., finish, bytes, close. */
export interface SeedSink {
  /** Users already in the database (the seeder refuses a database that has any). */
  countUsers(): Promise<number>;
  /** Before the first batch: drop the secondary indexes (and whatever else slows a bulk load). */
  prepare(): Promise<void>;
  /**
   * Writes one batch in one transaction. May return before the rows are in
   * (the PostgreSQL sink pipelines: the next batch is generated meanwhile);
   * the returned promise settles when they are.
   */
  write(batch: SeedBatch): Promise<void>;
  /** After the last batch (also after a failure): the indexes back, statistics up to date. */
  finish(onPhase: (phase: "indexes" | "analyze") => void): Promise<void>;
  /** Size of the database on disk. */
  bytes(): Promise<number>;
  close(): Promise<void>;
}
