#!/usr/bin/env node
// Audit-chain benchmark (not a timed test): seeds N audit rows from before the
// chain into a fresh database (SQLite; PostgreSQL with BENCH_DATABASE_URL=
// postgresql://..., scripts/bench-database.mjs), starts the production build
// once (it listens at once and seals them into the chain in the background;
// the script waits until every row is sealed), then times `npm run audit:verify`
// (build/audit-verify.js) over the whole chain. Reports the sealing time, the
// verification time and its rows per second (docs/PERFORMANCE.md, "Audit chain").
// Usage:
//   npm run build && npm run bench:audit-verify
//   node scripts/bench-audit-verify.mjs [--rows 1000000] [--port 3470] [--json]
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { freshBenchDatabase, unsealedAuditRows } from "./bench-database.mjs";
import { requireBuild, root, startBenchServer, waitFor } from "./bench-server.mjs";
import { migrateDeploy } from "./migrate.mjs";
import { seedAuditRows } from "./seed-audit.mjs";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    port: { type: "string", default: "3470" },
    json: { type: "boolean", default: false },
  },
});
const ROWS = Number(args.rows);
if (!Number.isSafeInteger(ROWS) || ROWS < 1) throw new Error("--rows must be a positive integer");
const port = Number(args.port);
const log = (line) => process.stderr.write(`${line}\n`);

requireBuild();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dracin-bench-audit-"));
let server = null;
process.on("exit", () => {
  if (server && server.exitCode === null) server.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

const database = await freshBenchDatabase(dir);
const dataDir = path.join(dir, "data");
migrateDeploy({ env: { ...process.env, DATABASE_URL: database.url } });
log(`seeding ${ROWS.toLocaleString("en")} audit rows (${database.engine})…`);
let started = Date.now();
await seedAuditRows({ url: database.url, rows: ROWS });
const seedMs = Date.now() - started;

// First start: the server listens at once and seals the rows from before the chain in the background.
started = Date.now();
server = startBenchServer({ port, databaseUrl: database.url, dataDir });
await waitFor(`http://127.0.0.1:${port}/healthz`, 120);
const listenMs = Date.now() - started;
while ((await unsealedAuditRows(database.url)) > 0) await new Promise((resolve) => setTimeout(resolve, 500));
const sealMs = Date.now() - started;
log(`listening after ${(listenMs / 1000).toFixed(1)} s, every row sealed after ${(sealMs / 1000).toFixed(1)} s`);
server.kill("SIGTERM");
await new Promise((resolve) => server.once("exit", resolve));

started = Date.now();
const output = execFileSync(process.execPath, [path.join(root, "build", "audit-verify.js")], {
  cwd: root,
  env: { ...process.env, NODE_ENV: "production", DATABASE_URL: database.url, DATA_DIR: dataDir, LOG_LEVEL: "warn" },
  encoding: "utf8",
});
const verifyMs = Date.now() - started;
log(output.trim());
const measured = /Checked in (\d+) ms/.exec(output);
const result = {
  engine: database.engine,
  rows: ROWS,
  seedS: +(seedMs / 1000).toFixed(1),
  firstStartListeningS: +(listenMs / 1000).toFixed(1),
  firstStartAllSealedS: +(sealMs / 1000).toFixed(1),
  verifyCommandS: +(verifyMs / 1000).toFixed(1),
  verifyS: measured ? +(Number(measured[1]) / 1000).toFixed(1) : null,
  rowsPerSecond: measured ? Math.round(ROWS / (Number(measured[1]) / 1000)) : null,
};
if (args.json) console.log(JSON.stringify(result));
else console.table(result);
