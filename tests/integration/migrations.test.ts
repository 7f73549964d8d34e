/**
 * Drift check: the checked-in migrations of the engine under test (prisma/sqlite, or prisma/postgres when
 * TEST_DATABASE_URL is set) build exactly what the schema (prisma/schema/models.prisma) describes. CI runs
 * the suite on both engines, so both migration histories are checked against the one model file.
 *
 * How, with Prisma 6.19's JS schema engine and a driver adapter (no engine binaries, offline):
 * `migrate diff --from-url` / `--from-schema-datasource` / `--shadow-database-url` are refused when
 * prisma.config.ts defines an adapter. What works: `migrate deploy` on an empty database, `db pull --print`
 * to introspect it, then `migrate diff --from-schema-datamodel <introspected> --to-schema-datamodel <schema>
 * --exit-code` (0 = no difference, 2 = difference); and `--from-migrations`, which replays the migrations in a
 * shadow database the adapter creates (prisma/cli-adapters.ts).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase, databaseUrl, dropDatabases } from "../helpers/pg-databases.mjs";

const root = path.resolve(import.meta.dirname, "..", "..");
const postgres = inject("dracinPostgres");
const engine = postgres === null ? "sqlite" : "postgres";
const schemaDir = path.join(root, "prisma", engine);
const workDir = path.join(inject("dracinRunDir"), `drift-${process.pid}`);
/**
 * A datamodel-to-datamodel diff reads no database, but the CLI still opens the config's adapter (on
 * PostgreSQL a pool). The provider comes from the schema files either way, so those diffs run with a
 * throwaway SQLite DATABASE_URL.
 */
const offlineUrl = `file:${path.join(workDir, "offline.db")}`;
/** As scripts/migrate.mjs runs the CLI: without it, a PostgreSQL run idles 10 s on a timer of Prisma's wasm engine. */
const unrefLongTimers = pathToFileURL(path.join(root, "scripts", "unref-long-timers.mjs")).href;
const CLI_TIMEOUT = 120_000;

type CliResult = { code: number; stdout: string; stderr: string };

/** Runs the Prisma CLI with DATABASE_URL set; resolves with its exit code and output (never rejects on exit codes). */
function prisma(args: string[], url: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", unrefLongTimers, path.join(root, "node_modules", "prisma", "build", "index.js"), ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: url }, timeout: CLI_TIMEOUT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") reject(new Error(error.message));
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

function explain(result: CliResult): string {
  return `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

/** `migrate diff` from a datamodel to a datamodel, summary and exit code. */
function diffDatamodels(from: string, to: string): Promise<CliResult> {
  return prisma(
    ["migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--exit-code"],
    offlineUrl,
  );
}

/** Copies the engine's schema folder (the symlinked model file as a real file) to `target`. */
function copySchema(target: string): string {
  fs.mkdirSync(target, { recursive: true });
  for (const file of fs.readdirSync(schemaDir)) {
    if (file.endsWith(".prisma")) fs.copyFileSync(path.join(schemaDir, file), path.join(target, file));
  }
  return target;
}

let emptyUrl = "";
let emptyPostgresName: string | undefined;
/** The schema `db pull` reads back from the database the migrations built. */
let introspected = "";

beforeAll(async () => {
  fs.mkdirSync(workDir, { recursive: true });
  if (postgres === null) {
    emptyUrl = `file:${path.join(workDir, "migrated.db")}`;
  } else {
    emptyPostgresName = `${postgres.template.slice(0, -"tpl".length)}drift_${process.pid}`;
    await createDatabase(postgres.adminUrl, emptyPostgresName);
    emptyUrl = databaseUrl(postgres.adminUrl, emptyPostgresName);
  }

  const deploy = await prisma(["migrate", "deploy"], emptyUrl);
  expect(deploy.code, explain(deploy)).toBe(0);

  // `db pull --print` merges into the schema it is given: give it the datasource alone.
  const pullDir = path.join(workDir, "pull");
  fs.mkdirSync(pullDir, { recursive: true });
  fs.copyFileSync(path.join(schemaDir, "datasource.prisma"), path.join(pullDir, "datasource.prisma"));
  const pull = await prisma(["db", "pull", "--print", "--schema", pullDir], emptyUrl);
  expect(pull.code, explain(pull)).toBe(0);
  // stdout starts with the driver-adapter warning; the schema starts at its generator block.
  const start = pull.stdout.search(/^generator /m);
  expect(start, explain(pull)).toBeGreaterThanOrEqual(0);
  introspected = path.join(workDir, "introspected.prisma");
  fs.writeFileSync(introspected, pull.stdout.slice(start));
  expect(fs.readFileSync(introspected, "utf8")).toMatch(/^model User \{/m);
}, 4 * CLI_TIMEOUT);

afterAll(async () => {
  if (postgres !== null && emptyPostgresName !== undefined) await dropDatabases(postgres.adminUrl, [emptyPostgresName]);
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe(`migrations and schema agree (${engine})`, () => {
  it(
    `a database built by the checked-in ${engine} migrations has exactly the schema's tables, columns, keys and indexes`,
    async () => {
      const diff = await diffDatamodels(introspected, schemaDir);
      expect(diff.code, explain(diff)).toBe(0);
      expect(diff.stdout).toContain("No difference detected.");
    },
    CLI_TIMEOUT,
  );

  it(
    "fails when the schema has a column no migration creates (a drifted copy of the schema)",
    async () => {
      const drifted = copySchema(path.join(workDir, "drifted"));
      const models = path.join(drifted, "models.prisma");
      const source = fs.readFileSync(models, "utf8");
      expect(source).toMatch(/^model User \{$/m);
      fs.writeFileSync(models, source.replace(/^model User \{$/m, "model User {\n  driftProbe String?"));

      const diff = await diffDatamodels(introspected, drifted);
      expect(diff.code, explain(diff)).toBe(2);
      expect(diff.stdout).toMatch(/Changed the `User` table[\s\S]*Added column `driftProbe`/);
    },
    CLI_TIMEOUT,
  );

  it(
    "agrees with Prisma's own replay of the migrations in a shadow database (--from-migrations)",
    async () => {
      const migrations = path.join(schemaDir, "migrations");
      const diff = await prisma(
        ["migrate", "diff", "--from-migrations", migrations, "--to-schema-datamodel", schemaDir, "--exit-code"],
        emptyUrl,
      );
      expect(diff.code, explain(diff)).toBe(0);
      expect(diff.stdout).toContain("No difference detected.");
    },
    CLI_TIMEOUT,
  );

  it("both engines read the one model file, each with its own migration history", () => {
    const models = fs.realpathSync(path.join(root, "prisma", "schema", "models.prisma"));
    expect(fs.realpathSync(path.join(root, "prisma", "sqlite", "models.prisma"))).toBe(models);
    expect(fs.realpathSync(path.join(root, "prisma", "postgres", "models.prisma"))).toBe(models);
    const lock = (folder: string) =>
      fs.readFileSync(path.join(root, "prisma", folder, "migrations", "migration_lock.toml"), "utf8");
    expect(lock("sqlite")).toMatch(/provider = "sqlite"/);
    expect(lock("postgres")).toMatch(/provider = "postgresql"/);
  });
});
