/**
 * Server time of the user and admin pages on a seeded database, in process
 * (loaders only: no HTTP, no rendering), and the query plan of every SQL
 * statement they issue. Used for docs/PERFORMANCE.md, "Data at scale":
 *
 *   DATABASE_URL=file:/tmp/small.db npm run db:seed:scale -- --users 100
 *   DATABASE_URL=file:/tmp/large.db npm run db:seed:scale -- --users 10000
 *   npx tsx scripts/scale-queries.ts file:/tmp/small.db file:/tmp/large.db     # ITERATIONS=40 ROUNDS=3
 *   npx tsx scripts/scale-queries.ts postgresql://u:p@127.0.0.1:5432/small postgresql://u:p@127.0.0.1:5432/large
 *
 * Same --seed, so user n has the same data in both databases: the pages are
 * timed for the same viewer (the median user by history rows of the small
 * database) and for admin@scale.example. Prints a markdown table and the plans
 * of the last database: SQLite's EXPLAIN QUERY PLAN (statements captured from
 * better-sqlite3's prepare), or PostgreSQL's EXPLAIN (ANALYZE) with the values
 * the loaders sent (captured from pg's Client.query; writes are only planned).
 */
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";

const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url);
const urls = process.argv.slice(2).filter((arg) => arg.startsWith("file:") || isPostgres(arg));
/** How a database is named in the output (never a password). */
const label = (url: string) => path.basename(isPostgres(url) ? new URL(url).pathname : url);
const iterations = Number(process.env.ITERATIONS ?? 40);
const rounds = Number(process.env.ROUNDS ?? 3);
if (urls.length === 0 && !process.env.SCALE_QUERIES_CHILD) {
  console.error(
    "Usage: npx tsx scripts/scale-queries.ts file:/tmp/small.db|postgresql://... [file:/tmp/large.db|postgresql://... ...]",
  );
  process.exit(2);
}

/** A statement the loaders sent: its SQL and (PostgreSQL) the first values it was sent with. */
interface Statement {
  sql: string;
  values: unknown[];
}

// Every SQL text the loaders run, per scenario: Prisma's SQLite adapter prepares through better-sqlite3,
// its PostgreSQL adapter queries through pg's Client.
const seen = new Map<string, Statement>();
const prototype = BetterSqlite3.prototype as unknown as { prepare: (this: unknown, sql: string) => unknown };
const originalPrepare = prototype.prepare;
prototype.prepare = function (this: unknown, sql: string) {
  if (!seen.has(sql)) seen.set(sql, { sql, values: [] });
  return originalPrepare.call(this, sql);
};
type Query = (this: unknown, config: unknown, ...rest: unknown[]) => unknown;
const pgPrototype = pg.Client.prototype as unknown as { query: Query };
const originalQuery = pgPrototype.query;
pgPrototype.query = function (this: unknown, config: unknown, ...rest: unknown[]) {
  const sql = typeof config === "string" ? config : (config as { text?: string } | null)?.text;
  const args =
    typeof config === "object" && config !== null && "values" in config
      ? (config as { values?: unknown }).values
      : rest[0];
  if (typeof sql === "string" && !seen.has(sql)) seen.set(sql, { sql, values: Array.isArray(args) ? args : [] });
  return originalQuery.call(this, config, ...rest);
};

interface Scenario {
  name: string;
  path: string;
  who: "viewer" | "admin";
  load: (request: Request) => Promise<unknown>;
}

interface Measured {
  median: number;
  p90: number;
  sql: Statement[];
}

async function measureDatabase(url: string, viewerEmail: string | null) {
  // Each database in a fresh child process: the app reads its configuration once.
  Object.assign(process.env, {
    DATABASE_URL: url,
    NODE_ENV: "production",
    LOG_LEVEL: "silent",
    DATA_DIR: path.join("/tmp", "dracin-scale-queries"),
    SESSION_SECRET: "scale-queries-session-secret-0123456789abcdef",
  });
  const { disconnectDatabases, prisma } = await import("~/utils/db.server");
  const { createSession } = await import("~/models/sessions.server");
  const { sessionCookie } = await import("~/utils/session.server");
  const { encodeCursor, loginChart, auditPageFor } = await import("~/models/admin-audit.server");
  const home = await import("~/routes/_index");
  const history = await import("~/routes/history");
  const myList = await import("~/routes/my-list");
  const audit = await import("~/routes/admin.audit._index");
  const { handleProgressReport } = await import("~/models/progress-report.server");
  const { viewerFingerprint } = await import("~/models/viewer-state.server");
  const { getUserIdFromCookieHeader } = await import("~/utils/session.server");

  const cookieFor = async (userId: string) => {
    const { token } = await createSession(userId, 24 * 60 * 60 * 1000);
    return (await sessionCookie().serialize(token)).split(";")[0];
  };
  const viewer = viewerEmail
    ? await prisma.user.findUniqueOrThrow({ where: { email: viewerEmail }, select: { id: true, email: true } })
    : await medianViewer();
  async function medianViewer() {
    const rows = await prisma.$queryRawUnsafe<{ userId: string; n: number }[]>(
      `SELECT "userId", count(*) AS n FROM "WatchHistory" GROUP BY "userId" ORDER BY n`,
    );
    const id = rows[Math.floor(rows.length / 2)].userId;
    return prisma.user.findUniqueOrThrow({ where: { id }, select: { id: true, email: true } });
  }
  const admin = await prisma.user.findUniqueOrThrow({ where: { email: "admin@scale.example" }, select: { id: true } });
  const viewerCookie = await cookieFor(viewer.id);
  const adminCookie = await cookieFor(admin.id);
  const historyRows = await prisma.watchHistory.count({ where: { userId: viewer.id } });
  const lastPage = Math.max(1, Math.ceil(historyRows / 20));
  const ip = (await prisma.auditLog.findFirstOrThrow({ where: { userId: viewer.id }, select: { ipAddress: true } }))
    .ipAddress!;
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const deepCursor = encodeCursor({ t: Date.now() - 180 * 86_400_000, id: "czzzzzzzzzzzzzzzzzzzzzzzz" });

  const watched = await prisma.userProgress.findFirstOrThrow({
    where: { userId: viewer.id },
    select: { episodeId: true },
  });
  const args = (request: Request) => ({ request, params: {}, context: {} });
  const scenarios: Scenario[] = [
    { name: "signed-in home", path: "/", who: "viewer", load: (r) => home.loader(args(r)) },
    {
      // What a kept signed-in home costs before it is sent (decision 016): the session lookup and the viewer's fingerprint.
      name: "signed-in home, kept: session + fingerprint",
      path: "/",
      who: "viewer",
      load: async (r) => {
        const userId = await getUserIdFromCookieHeader(r.headers.get("Cookie"));
        if (!userId || !(await viewerFingerprint(userId, ["account", "progress", "favorites"])))
          throw new Error("no viewer");
      },
    },
    { name: "/history (page 1)", path: "/history", who: "viewer", load: (r) => history.loader(args(r)) },
    {
      name: "/history (last page)",
      path: `/history?page=${lastPage}`,
      who: "viewer",
      load: (r) => history.loader(args(r)),
    },
    { name: "/my-list", path: "/my-list", who: "viewer", load: (r) => myList.loader(args(r)) },
    {
      // The player's first save of a viewing: the progress upsert, then recordViewing (is there a viewing of this episode in the last 30 minutes?).
      name: "progress save, viewing start",
      path: "/resources/progress",
      who: "viewer",
      load: async () => {
        const outcome = await handleProgressReport(viewer.id, {
          episodeId: watched.episodeId,
          position: "3",
          viewingStart: "1",
          seq: String(Date.now()),
        });
        if (outcome.status !== 204) throw new Error(`progress save: ${outcome.status}`);
      },
    },
    { name: "/admin/audit", path: "/admin/audit", who: "admin", load: (r) => audit.loader(args(r)) },
    {
      name: "  of which: the 30-day sign-in chart (loginChart)",
      path: "/admin/audit",
      who: "admin",
      load: () => loginChart(),
    },
    {
      name: "  of which: the list (auditPageFor)",
      path: "/admin/audit",
      who: "admin",
      load: () => auditPageFor(new URL("http://localhost/admin/audit")),
    },
    {
      name: "/admin/audit 6 months back (cursor)",
      path: `/admin/audit?after=${deepCursor}`,
      who: "admin",
      load: (r) => audit.loader(args(r)),
    },
    {
      name: "/admin/audit action=LOGIN_FAILURE",
      path: "/admin/audit?action=LOGIN_FAILURE",
      who: "admin",
      load: (r) => audit.loader(args(r)),
    },
    {
      name: "/admin/audit action=PASSWORD_CHANGE",
      path: "/admin/audit?action=PASSWORD_CHANGE",
      who: "admin",
      load: (r) => audit.loader(args(r)),
    },
    {
      name: "/admin/audit email=viewer",
      path: `/admin/audit?email=${encodeURIComponent(viewer.email)}`,
      who: "admin",
      load: (r) => audit.loader(args(r)),
    },
    {
      name: "/admin/audit ip=viewer's",
      path: `/admin/audit?ip=${ip}`,
      who: "admin",
      load: (r) => audit.loader(args(r)),
    },
    {
      name: "/admin/audit from/to (one month, 2 months ago)",
      path: `/admin/audit?from=${day(90)}&to=${day(60)}`,
      who: "admin",
      load: (r) => audit.loader(args(r)),
    },
    {
      name: "/admin/audit action=LOGOUT & email",
      path: `/admin/audit?action=LOGOUT&email=${encodeURIComponent(viewer.email)}`,
      who: "admin",
      load: (r) => audit.loader(args(r)),
    },
    {
      name: "/admin/audit action=LOGIN_SUCCESS & ip",
      path: `/admin/audit?action=LOGIN_SUCCESS&ip=${ip}`,
      who: "admin",
      load: (r) => audit.loader(args(r)),
    },
  ];

  const results = new Map<string, Measured>();
  for (const scenario of scenarios) {
    const request = () =>
      new Request(`http://localhost${scenario.path}`, {
        headers: { cookie: scenario.who === "admin" ? adminCookie : viewerCookie },
      });
    // Statements are prepared once (decision 008): capture them during the warm-up.
    seen.clear();
    for (let i = 0; i < 5; i++) await scenario.load(request());
    const sql = [...seen.values()];
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const started = performance.now();
      const result = await scenario.load(request());
      times.push(performance.now() - started);
      if (result instanceof Response && result.status >= 300) throw new Error(`${scenario.path}: ${result.status}`);
    }
    times.sort((a, b) => a - b);
    results.set(scenario.name, {
      median: times[Math.floor(times.length / 2)],
      p90: times[Math.floor(times.length * 0.9)],
      sql: sql.filter(
        (statement) => !/^(PRAGMA|BEGIN|COMMIT|ROLLBACK|SET|SAVEPOINT|RELEASE)\b/i.test(statement.sql.trim()),
      ),
    });
  }
  const counts = {
    users: await prisma.user.count(),
    history: await prisma.watchHistory.count(),
    audit: await prisma.auditLog.count(),
  };
  await disconnectDatabases();
  return { results, viewer: viewer.email, counts, historyRows };
}

function sqlitePlans(file: string, statements: Statement[]): string[] {
  const db = new BetterSqlite3(file, { readonly: true });
  const out: string[] = [];
  for (const { sql } of statements) {
    const rows = db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...Array.from({ length: sql.split("?").length - 1 }, () => null)) as { detail: string }[];
    out.push(`${sql.replace(/\s+/g, " ").slice(0, 400)}\n    -> ${rows.map((row) => row.detail).join("\n    -> ")}`);
  }
  db.close();
  return out;
}

/** EXPLAIN (ANALYZE) of the reads with the captured values, EXPLAIN of the writes; each in a rolled-back transaction. */
async function postgresPlans(url: string, statements: Statement[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, options: "-c timezone=UTC" });
  await client.connect();
  const out: string[] = [];
  try {
    for (const { sql, values } of statements) {
      // Reads run (ANALYZE: actual rows and time); writes are only planned (their captured ids exist by now).
      const read = /^\s*(SELECT|WITH)\b/i.test(sql);
      await client.query("BEGIN");
      try {
        const explain = read ? "EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON)" : "EXPLAIN (COSTS OFF)";
        const { rows } = await client.query<{ "QUERY PLAN": string }>(`${explain} ${sql}`, values);
        out.push(
          `${sql.replace(/\s+/g, " ").slice(0, 400)}\n    ${rows.map((row) => row["QUERY PLAN"]).join("\n    ")}`,
        );
      } catch (error) {
        out.push(
          `${sql.replace(/\s+/g, " ").slice(0, 400)}\n    (EXPLAIN failed: ${error instanceof Error ? error.message : String(error)})`,
        );
      } finally {
        await client.query("ROLLBACK");
      }
    }
  } finally {
    await client.end();
  }
  return out;
}

if (process.env.SCALE_QUERIES_CHILD) {
  const measured = await measureDatabase(process.env.SCALE_QUERIES_CHILD, process.env.SCALE_QUERIES_VIEWER || null);
  process.stdout.write(JSON.stringify({ ...measured, results: Object.fromEntries(measured.results) }));
} else {
  const { execFileSync } = await import("node:child_process");
  type Child = {
    results: Record<string, Measured>;
    viewer: string;
    counts: Record<string, number>;
    historyRows: number;
  };
  const runs: { url: string; data: Child }[] = [];
  let viewer = "";
  // Rounds alternate the databases; each page keeps its lowest median over the rounds (the machine may be shared:
  // other work only ever adds time).
  for (let round = 0; round < rounds; round++) {
    for (const [index, url] of urls.entries()) {
      const output = execFileSync(process.execPath, [...process.execArgv, import.meta.filename], {
        env: { ...process.env, SCALE_QUERIES_CHILD: url, SCALE_QUERIES_VIEWER: viewer },
        maxBuffer: 64 * 2 ** 20,
        stdio: ["ignore", "pipe", "inherit"],
      }).toString();
      const data = JSON.parse(output) as Child;
      viewer = data.viewer;
      const previous = runs[index];
      if (!previous) runs.push({ url, data });
      else {
        for (const [name, measured] of Object.entries(data.results)) {
          if (measured.median < previous.data.results[name].median) previous.data.results[name] = measured;
        }
      }
    }
  }
  const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
  console.log(
    `Viewer: ${viewer} (the same user in every database); ${iterations} calls per page after 5 warm-up calls, ${rounds} alternating rounds, lowest median kept.\n`,
  );
  for (const { url, data } of runs) {
    console.log(
      `- ${label(url)}: ${data.counts.users.toLocaleString("en")} users, ${data.counts.history.toLocaleString("en")} history rows, ${data.counts.audit.toLocaleString("en")} audit rows; the viewer has ${data.historyRows} history rows`,
    );
  }
  console.log(
    `\n| page | ${runs.map((r) => `${label(r.url)} median / p90`).join(" | ")} | ratio (last / first, median) |`,
  );
  console.log(`| --- | ${runs.map(() => "---:").join(" | ")} | ---: |`);
  for (const name of Object.keys(runs[0].data.results)) {
    const cells = runs.map((r) => `${fmt(r.data.results[name].median)} / ${fmt(r.data.results[name].p90)}`);
    const ratio = runs[runs.length - 1].data.results[name].median / runs[0].data.results[name].median;
    console.log(`| ${name} | ${cells.join(" | ")} | ${ratio.toFixed(2)}× |`);
  }
  const last = runs[runs.length - 1];
  const postgres = isPostgres(last.url);
  console.log(
    `\nQuery plans (${postgres ? "EXPLAIN (ANALYZE, COSTS OFF)" : "EXPLAIN QUERY PLAN"} on ${label(last.url)}):`,
  );
  const done = new Set<string>();
  for (const [name, measured] of Object.entries(last.data.results)) {
    const fresh = measured.sql.filter((statement) => !done.has(statement.sql));
    fresh.forEach((statement) => done.add(statement.sql));
    if (fresh.length === 0) continue;
    console.log(`\n## ${name}\n`);
    const plans = postgres ? await postgresPlans(last.url, fresh) : sqlitePlans(last.url.slice("file:".length), fresh);
    for (const plan of plans) console.log(plan);
  }
}
