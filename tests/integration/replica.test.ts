/**
 * DATABASE_REPLICA_URL (app/utils/db.server.ts, read-your-writes.server.ts):
 * list pages read the replica, except for a browser that wrote in the last
 * few seconds, which reads the primary and sees its own write.
 *
 * The "replica" here is a copy of this file's database taken before the
 * test writes anything and never updated: a replica lagging forever, so
 * every read shows where it went.
 */
import fs from "node:fs";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { getRequest } from "../helpers/requests";
import { callRoute } from "../helpers/route";

type Modules = {
  db: typeof import("~/utils/db.server");
  ryw: typeof import("~/utils/read-your-writes.server");
  favorites: typeof import("~/models/favorites.server");
  history: typeof import("~/models/history.server");
  users: typeof import("../helpers/users");
  myList: typeof import("~/routes/my-list");
  historyRoute: typeof import("~/routes/history");
  viewerState: typeof import("~/models/viewer-state.server");
};
let m: Modules;

/** A copy of the (still empty, migrated) database of this test file, same engine. */
async function staleCopy(databaseUrl: string): Promise<string> {
  if (databaseUrl.startsWith("file:")) {
    const file = databaseUrl.slice("file:".length);
    fs.copyFileSync(file, `${file}-replica`);
    return `file:${file}-replica`;
  }
  const url = new URL(databaseUrl);
  const name = `${url.pathname.slice(1)}_replica`;
  const client = new pg.Client({ connectionString: databaseUrl.replace(/\/[^/?]+(\?|$)/, "/postgres$1") });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}"`);
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${url.pathname.slice(1)}"`);
  } finally {
    await client.end();
  }
  url.pathname = `/${name}`;
  return url.href;
}

beforeAll(async () => {
  // Before any app module reads the configuration (it is cached on first use).
  process.env.DATABASE_REPLICA_URL = await staleCopy(process.env.DATABASE_URL ?? "");
  m = {
    db: await import("~/utils/db.server"),
    ryw: await import("~/utils/read-your-writes.server"),
    favorites: await import("~/models/favorites.server"),
    history: await import("~/models/history.server"),
    users: await import("../helpers/users"),
    myList: await import("~/routes/my-list"),
    historyRoute: await import("~/routes/history"),
    viewerState: await import("~/models/viewer-state.server"),
  };
});

const PRIMARY_COOKIE = "dracin_primary=1";

describe("read replica", () => {
  it("sends reads to the replica, and a browser that just wrote to the primary", async () => {
    const viewer = await m.users.createUser();
    await m.favorites.addFavorite(viewer.id, "drama-replica-1");

    const fromReplica = await callRoute(m.myList.loader, getRequest("/my-list", { cookie: viewer.cookie }));
    expect(fromReplica.status).toBe(200);
    expect(fromReplica.data?.items).toEqual([]);

    const afterWrite = await callRoute(
      m.myList.loader,
      getRequest("/my-list", { cookie: `${viewer.cookie}; ${PRIMARY_COOKIE}` }),
    );
    expect(afterWrite.data?.items.map((item) => item.dramaId)).toEqual(["drama-replica-1"]);
  });

  it("keeps sessions on the primary: a session the replica lacks still signs the viewer in", async () => {
    const viewer = await m.users.createUser();
    await m.history.recordViewing(viewer.id, { episodeId: "drama-replica-2-e1", dramaId: "drama-replica-2" });

    // Not a redirect to /login: the session was found on the primary; the list came from the replica.
    const fromReplica = await callRoute(m.historyRoute.loader, getRequest("/history", { cookie: viewer.cookie }));
    expect(fromReplica.status).toBe(200);
    expect(fromReplica.data?.total).toBe(0);

    const afterWrite = await callRoute(
      m.historyRoute.loader,
      getRequest("/history", { cookie: `${viewer.cookie}; ${PRIMARY_COOKIE}` }),
    );
    expect(afterWrite.data?.total).toBe(1);
  });

  it("reads the signed-in page cache's fingerprint where the page's lists are read", async () => {
    const viewer = await m.users.createUser();
    // The replica (copied before this user existed) does not know them yet; the primary does.
    expect(
      await m.viewerState.viewerFingerprint(viewer.id, ["account", "progress", "favorites"], m.db.readReplica()),
    ).toBeNull();
    expect(await m.viewerState.viewerFingerprint(viewer.id, ["account", "progress", "favorites"])).not.toBeNull();
  });

  it("marks writes, and only writes, with the short-lived cookie", () => {
    const header = m.ryw.readPrimaryCookie("POST");
    expect(header).toMatch(/^dracin_primary=1; Max-Age=10; Path=\/; HttpOnly; SameSite=Lax/);
    expect(m.ryw.readPrimaryCookie("DELETE")).not.toBeNull();
    expect(m.ryw.readPrimaryCookie("GET")).toBeNull();
    expect(m.ryw.readPrimaryCookie("HEAD")).toBeNull();
  });

  it("tells a write's cookie apart from others", () => {
    const request = (cookie: string) => new Request("http://127.0.0.1/", { headers: { cookie } });
    expect(m.ryw.wroteRecently(request("a=1; dracin_primary=1"))).toBe(true);
    expect(m.ryw.wroteRecently(request("dracin_primary=1"))).toBe(true);
    expect(m.ryw.wroteRecently(request("not_dracin_primary=1"))).toBe(false);
    expect(m.ryw.wroteRecently(new Request("http://127.0.0.1/"))).toBe(false);
    expect(m.db.readDb(request("dracin_primary=1"))).toBe(m.db.prisma);
    expect(m.db.readDb(request("a=1"))).not.toBe(m.db.prisma);
  });
});
