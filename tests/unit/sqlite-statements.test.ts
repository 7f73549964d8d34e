import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  cachingDatabase,
  hotStatement,
  withStatementCache,
  type AdapterStatement,
} from "~/utils/sqlite-statements.server";

describe("cachingDatabase", () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(":memory:");
    db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)`);
  });
  afterEach(() => db.close());

  function prepare(cached: Database.Database, sql: string): AdapterStatement {
    return (cached.prepare as unknown as (sql: string) => AdapterStatement)(sql);
  }

  it("prepares each SQL text once and binds fresh arguments on every use", () => {
    const spy = vi.spyOn(db, "prepare");
    const cached = cachingDatabase(db);
    for (const [id, name] of [
      [1, "a"],
      [2, "b"],
      [3, "c"],
    ] as const) {
      expect(prepare(cached, "INSERT INTO t (id, name) VALUES (?, ?)").bind([id, name]).run().changes).toBe(1);
    }
    const select = prepare(cached, "SELECT id, name FROM t WHERE id >= ? ORDER BY id");
    expect(select.reader).toBe(true);
    const view = select.bind([2]);
    expect(view.columns().map((column) => column.name)).toEqual(["id", "name"]);
    expect(view.raw().all()).toEqual([
      [2, "b"],
      [3, "c"],
    ]);
    expect(prepare(cached, "SELECT id, name FROM t WHERE id >= ? ORDER BY id").bind([3]).raw().all()).toEqual([
      [3, "c"],
    ]);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it("runs argument-less statements such as BEGIN and COMMIT", () => {
    const cached = cachingDatabase(db);
    prepare(cached, "BEGIN").run();
    prepare(cached, "INSERT INTO t (id, name) VALUES (?, ?)").bind([9, "z"]).run();
    prepare(cached, "ROLLBACK").run();
    prepare(cached, "BEGIN").run();
    prepare(cached, "COMMIT").run();
    expect(db.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 0 });
  });

  it("opens transactions with BEGIN IMMEDIATE, so another process waits for the write lock instead of failing", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "dracin-begin-"));
    const file = path.join(dir, "two.db");
    const first = new Database(file);
    const second = new Database(file, { timeout: 0 });
    try {
      first.pragma("journal_mode = WAL");
      first.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)`);
      const cached = cachingDatabase(first);
      prepare(cached, "BEGIN").run();
      // The check of a check-then-write transaction, before its write.
      expect(prepare(cached, "SELECT count(*) FROM t").bind([]).raw().all()).toEqual([[0]]);
      // Another process cannot write under it (with a busy timeout it would wait)...
      expect(() => second.prepare("INSERT INTO t (id, name) VALUES (1, 'other')").run()).toThrow(/locked|busy/i);
      // ...so the transaction's own write, on what it read, goes through.
      prepare(cached, "INSERT INTO t (id, name) VALUES (?, ?)").bind([2, "mine"]).run();
      prepare(cached, "COMMIT").run();
      expect(second.prepare("SELECT name FROM t").all()).toEqual([{ name: "mine" }]);
    } finally {
      first.close();
      second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps at most the given number of statements", () => {
    const spy = vi.spyOn(db, "prepare");
    const cached = cachingDatabase(db, 2);
    for (const sql of ["SELECT 1", "SELECT 2", "SELECT 3", "SELECT 1"]) prepare(cached, sql).bind([]).raw().all();
    // "SELECT 1" was evicted by "SELECT 3" and prepared again.
    expect(spy).toHaveBeenCalledTimes(4);
  });

  it("passes every other property through to the database", () => {
    const cached = cachingDatabase(db);
    cached.exec("INSERT INTO t (id, name) VALUES (5, 'e')");
    expect(cached.open).toBe(true);
    expect(cached.inTransaction).toBe(false);
  });

  it("reports SQL errors as the database does", () => {
    const cached = cachingDatabase(db);
    expect(() => prepare(cached, "SELECT nope FROM t")).toThrow(/no such column/);
    prepare(cached, "INSERT INTO t (id, name) VALUES (?, ?)").bind([1, "a"]).run();
    expect(() => prepare(cached, "INSERT INTO t (id, name) VALUES (?, ?)").bind([1, "a"]).run()).toThrow(/UNIQUE/);
  });
});

describe("withStatementCache", () => {
  it("wraps the connection of each adapter the factory opens", async () => {
    const db = new Database(":memory:");
    const adapter = { client: db };
    const factory = withStatementCache({ connect: async () => adapter });
    const connected = await factory.connect();
    expect(connected).toBe(adapter);
    expect(adapter.client).not.toBe(db);
    expect(adapter.client.prepare).not.toBe(db.prepare);
    db.close();
  });

  it("hands the connection itself (not the caching view) to onConnect", async () => {
    const db = new Database(":memory:");
    const seen: Database.Database[] = [];
    const factory = withStatementCache({ connect: async () => ({ client: db }) }, (connection) =>
      seen.push(connection),
    );
    await factory.connect();
    expect(seen).toEqual([db]);
    db.close();
  });

  it("leaves an adapter without a client field as it is", async () => {
    const adapter = { other: true };
    const factory = withStatementCache({ connect: async () => adapter });
    expect(await factory.connect()).toEqual({ other: true });
  });
});

describe("hotStatement", () => {
  it("prepares a statement once per connection and SQL text", () => {
    const one = new Database(":memory:");
    const two = new Database(":memory:");
    for (const db of [one, two])
      db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL); INSERT INTO t VALUES (1, 'a')`);
    const spy = vi.spyOn(one, "prepare");
    const sql = "SELECT name FROM t WHERE id = ?";
    expect(hotStatement(one, sql).get(1)).toEqual({ name: "a" });
    expect(hotStatement(one, sql)).toBe(hotStatement(one, sql));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(hotStatement(two, sql)).not.toBe(hotStatement(one, sql));
    expect(hotStatement(one, "SELECT id FROM t")).not.toBe(hotStatement(one, sql));
    one.close();
    two.close();
  });
});
