// Driver adapters for the Prisma CLI only (migrate deploy/status/dev/diff),
// with the workarounds Prisma 6.19's JS schema engine needs (docs/known-upstream-limits.md).
// The app builds its own adapters in app/utils/db.server.ts.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

/**
 * The schema engine reads PostgreSQL's catalog, whose columns use types the
 * adapter cannot deserialize (`name`, `"char"`, `oid`, ...; on 6.19 `migrate` fails with "Column type 'name' could not be deserialized"):
 * report them as text (arrays of them as text[]) so `migrate` works.
 */
const CATALOG_TYPE_AS_TEXT = new Map<number, number>([
  [18, 25],
  [19, 25],
  [22, 25],
  [24, 25],
  [28, 25],
  [30, 25],
  [194, 25],
  [2205, 25],
  [2206, 25],
  [1002, 1009],
  [1003, 1009],
]);

type QueryResult = { fields?: { dataTypeID: number }[] };

function asText<T>(result: T): T {
  for (const field of (result as QueryResult | undefined)?.fields ?? []) {
    field.dataTypeID = CATALOG_TYPE_AS_TEXT.get(field.dataTypeID) ?? field.dataTypeID;
  }
  return result;
}

type Query = (...args: unknown[]) => unknown;

function patchQuery(target: { query: Query }): void {
  const query = target.query.bind(target);
  target.query = (...args: unknown[]) => {
    const result = query(...args);
    return result instanceof Promise ? result.then(asText) : result;
  };
}

class CatalogTextPool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    // The CLI never ends the pool: idle connections must not keep it running.
    super({ ...config, allowExitOnIdle: true });
    patchQuery(this);
    this.on("connect", (client) => patchQuery(client as unknown as { query: Query }));
  }
}

/** A PrismaPg for the CLI: patched pools, and a shadow database that is really separate. */
export function cliPostgresAdapter(url: string): PrismaPg {
  const factory = new PrismaPg(new CatalogTextPool({ connectionString: url }), { disposeExternalPool: true });
  factory.connectToShadowDb = async () => {
    const name = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const shadowUrl = new URL(url);
    shadowUrl.pathname = `/${name}`;
    const shadow = new PrismaPg(new CatalogTextPool({ connectionString: shadowUrl.href }), {
      disposeExternalPool: true,
    });
    const adapter = await shadow.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.end();
    };
    return adapter;
  };
  return factory;
}

/** SQLite for the CLI: the shadow database replays a migration as one script (better-sqlite3 `exec`). */
export function cliSqliteAdapter(file: string): PrismaBetterSQLite3 {
  const factory = new PrismaBetterSQLite3({ url: `file:${file}` });
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const adapter = await connectToShadowDb();
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      if (query.args.length > 0) return executeRaw(query);
      await adapter.executeScript(query.sql);
      return 0;
    };
    return adapter;
  };
  return factory;
}
