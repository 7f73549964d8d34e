#!/usr/bin/env node
// Audit-export benchmark (not a timed test): seeds N audit rows into a fresh
// database (SQLite; PostgreSQL with BENCH_DATABASE_URL=postgresql://...,
// scripts/bench-database.mjs), starts the production build on 127.0.0.1, signs
// in an admin and downloads /admin/audit.csv while a probe (its own thread)
// GETs /healthz and the home page every 100 ms. Reports the export's duration,
// bytes and rows, the server's RSS idle and at its peak (VmRSS), and the
// probe's latency, and checks the targets (docs/PERFORMANCE.md, "Audit export").
// Usage:
//   npm run build && npm run bench:export
//   node scripts/bench-export.mjs [--rows 1000000] [--port 3460] [--gzip] [--json]
//   BENCH_DATABASE_URL=postgresql://dracin:dracin@127.0.0.1:5432/dracin npm run bench:export
// Rows are written by scripts/seed-audit.mjs (bulk INSERT ... SELECT).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { freshBenchDatabase, unsealedAuditRows } from "./bench-database.mjs";
import { register, requireBuild, root, rssOf, signIn, startBenchServer, waitFor } from "./bench-server.mjs";
import { migrateDeploy } from "./migrate.mjs";
import { seedAuditRows } from "./seed-audit.mjs";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    port: { type: "string", default: "3460" },
    gzip: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log("Usage: node scripts/bench-export.mjs [--rows 1000000] [--port 3460] [--gzip] [--json]");
  process.exit(0);
}
const ROWS = Number(args.rows);
if (!Number.isSafeInteger(ROWS) || ROWS < 1) throw new Error("--rows must be a positive integer");
const port = Number(args.port);
const base = `http://127.0.0.1:${port}`;
const log = (line) => process.stderr.write(`${line}\n`);
const MiB = 1024 * 1024;
const PROBE_EVERY_MS = 100;
const TARGET_RSS_GROWTH = 50 * MiB;
const TARGET_PROBE_MS = 100;
const BASELINE_MS = 5_000;

requireBuild();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dracin-bench-export-"));
let server = null;
process.on("exit", () => {
  if (server && server.exitCode === null) server.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

// ---------------------------------------------------------------------------
// Database: migrated, then N audit rows.

const database = await freshBenchDatabase(dir);
migrateDeploy({ env: { ...process.env, DATABASE_URL: database.url } });
let seeded = Date.now();
log(`seeding ${ROWS.toLocaleString("en")} audit rows (${database.engine})…`);
await seedAuditRows({ url: database.url, rows: ROWS });
const seedMs = Date.now() - seeded;
log(`seeded in ${(seedMs / 1000).toFixed(1)} s`);

// ---------------------------------------------------------------------------
// The server and an admin

server = startBenchServer({ port, databaseUrl: database.url, dataDir: path.join(dir, "data") });
await waitFor(`${base}/healthz`);
// The seeded rows predate the audit chain: the server seals them in the background. Measure after.
while ((await unsealedAuditRows(database.url)) > 0) await new Promise((resolve) => setTimeout(resolve, 500));
await register(base, 0);
const adminEmail = "load-0@example.test";
execFileSync(process.execPath, [path.join(root, "build", "admin-role.js"), "grant", adminEmail], {
  cwd: root,
  env: { ...process.env, NODE_ENV: "production", DATABASE_URL: database.url, DATA_DIR: path.join(dir, "data") },
  stdio: ["ignore", "ignore", "inherit"],
});
const cookie = await signIn(base, adminEmail);
const page = await fetch(`${base}/admin/audit`, { headers: { cookie } });
if (page.status !== 200) throw new Error(`/admin/audit answered ${page.status}: the admin is not signed in`);
// Warm-up: the probe's pages and a small export, then a quiet second.
for (let i = 0; i < 20; i++) {
  await (await fetch(`${base}/healthz`)).arrayBuffer();
  await (await fetch(`${base}/`)).arrayBuffer();
}
await (await fetch(`${base}/admin/audit.csv?action=REGISTER&from=2999-01-01`, { headers: { cookie } })).arrayBuffer();
await new Promise((resolve) => setTimeout(resolve, 1000));
let idleRss = 0;
for (let i = 0; i < 10; i++) {
  idleRss = Math.max(idleRss, rssOf(server.pid));
  await new Promise((resolve) => setTimeout(resolve, 100));
}

// ---------------------------------------------------------------------------
// The probe: its own thread, so the download's work in this one does not delay it.

const probe = new Worker(
  `const { parentPort, workerData } = require("node:worker_threads");
   const http = require("node:http");
   const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
   const samples = { healthz: [], home: [] };
   const errors = [];
   function get(name, path) {
     const started = process.hrtime.bigint();
     const request = http.get(workerData.base + path, { agent }, (response) => {
       response.resume();
       response.on("end", () => samples[name].push(Number(process.hrtime.bigint() - started) / 1e6));
     });
     request.on("error", (error) => errors.push(name + ": " + error.message));
   }
   const timer = setInterval(() => { get("healthz", "/healthz"); get("home", "/"); }, workerData.every);
   parentPort.on("message", (what) => {
     if (what === "stop") clearInterval(timer);
     // What was measured so far (the last probes get half a second to answer), then a fresh start.
     setTimeout(() => {
       parentPort.postMessage({ samples: { ...samples }, errors: [...errors] });
       samples.healthz = []; samples.home = []; errors.length = 0;
       if (what === "stop") agent.destroy();
     }, what === "stop" ? 500 : 0);
   });`,
  { eval: true, workerData: { base, every: PROBE_EVERY_MS } },
);

/** The probe's samples so far, and a fresh start. */
const collect = (what) =>
  new Promise((resolve) => {
    probe.once("message", resolve);
    probe.postMessage(what);
  });
// The probe alone first: what the machine gives without an export (other work on it shows here too).
log(`probing without an export for ${BASELINE_MS / 1000} s…`);
await new Promise((resolve) => setTimeout(resolve, BASELINE_MS));
const baseline = await collect("collect");

let peakRss = idleRss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(server.pid))), 50);

log(`downloading /admin/audit.csv${args.gzip ? " (gzip)" : ""}…`);
const download = await new Promise((resolve, reject) => {
  const started = performance.now();
  let firstByteMs = null;
  let bytes = 0;
  let lines = 0;
  const request = http.get(
    `${base}/admin/audit.csv`,
    { agent: false, headers: { cookie, "accept-encoding": args.gzip ? "gzip" : "identity" } },
    (response) => {
      if (response.statusCode !== 200) reject(new Error(`the export answered ${response.statusCode}`));
      response.on("data", (chunk) => {
        firstByteMs ??= performance.now() - started;
        bytes += chunk.length;
        // Counting lines needs the plain text: with --gzip, rows are not counted.
        if (!args.gzip) for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
      });
      response.on("end", () =>
        resolve({
          ms: performance.now() - started,
          firstByteMs,
          bytes,
          rows: args.gzip ? null : lines - 1,
          complete: response.complete,
        }),
      );
      response.on("error", reject);
    },
  );
  request.on("error", reject);
});
clearInterval(sampler);
const probed = await collect("stop");
await probe.terminate();

server.kill("SIGTERM");
const exitCode = await new Promise((resolve) =>
  server.exitCode === null ? server.once("exit", (code) => resolve(code)) : resolve(server.exitCode),
);

// ---------------------------------------------------------------------------
// Report

function quantiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}
const probes = {
  healthz: quantiles(probed.samples.healthz),
  home: quantiles(probed.samples.home),
};
const baselineProbes = {
  healthz: quantiles(baseline.samples.healthz),
  home: quantiles(baseline.samples.home),
};
const result = {
  engine: database.engine,
  rowsSeeded: ROWS,
  seedMs,
  export: download,
  rss: { idle: idleRss, peak: peakRss, growth: peakRss - idleRss },
  probes,
  baselineProbes,
  probeErrors: [...baseline.errors, ...probed.errors],
  serverExitCode: exitCode,
};
if (args.json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const ms = (value) => `${value.toFixed(1)} ms`;
  const mib = (value) => `${(value / MiB).toFixed(0)} MiB`;
  const load = os.loadavg()[0].toFixed(1);
  console.log(
    `${new Date().toISOString().slice(0, 10)} — ${os.cpus()[0]?.model.split(" ").slice(0, 2).join(" ")}, ${os.cpus().length} cores, Node ${process.version}; load average after the run ${load}`,
  );
  console.log(
    `${database.engine === "postgresql" ? "PostgreSQL" : "SQLite"}, ${ROWS.toLocaleString("en")} audit rows (seeded in ${(seedMs / 1000).toFixed(1)} s), ${args.gzip ? "gzip" : "identity"}, production build, 127.0.0.1\n`,
  );
  console.log("| export | duration | first byte | bytes | rows | complete |");
  console.log("| --- | ---: | ---: | ---: | ---: | --- |");
  console.log(
    `| /admin/audit.csv | ${(download.ms / 1000).toFixed(1)} s | ${ms(download.firstByteMs ?? NaN)} | ${(download.bytes / MiB).toFixed(1)} MiB | ${download.rows === null ? "—" : download.rows.toLocaleString("en")} | ${download.complete ? "yes" : "NO"} |`,
  );
  console.log("\n| server RSS idle | peak | growth |\n| ---: | ---: | ---: |");
  console.log(`| ${mib(idleRss)} | ${mib(peakRss)} | ${mib(peakRss - idleRss)} |`);
  console.log("\n| probe (every 100 ms) | samples | p50 | p99 | max |\n| --- | ---: | ---: | ---: | ---: |");
  for (const [phase, set] of [
    ["without an export", baselineProbes],
    ["during the export", probes],
  ]) {
    for (const [name, q] of Object.entries(set)) {
      console.log(
        `| ${name === "home" ? "GET /" : "GET /healthz"}, ${phase} | ${q.n} | ${ms(q.p50)} | ${ms(q.p99)} | ${ms(q.max)} |`,
      );
    }
  }

  if (result.probeErrors.length > 0) console.log(`\nProbe errors: ${result.probeErrors.slice(0, 5).join("; ")}`);
  const worstProbe = Math.max(probes.healthz.p99, probes.home.p99);
  console.log(
    `\nTargets:\n- server RSS within 50 MiB of idle: +${mib(peakRss - idleRss)} — ${peakRss - idleRss <= TARGET_RSS_GROWTH ? "met" : "NOT met"}` +
      `\n- probe p99 under ${TARGET_PROBE_MS} ms: ${ms(worstProbe)} — ${worstProbe < TARGET_PROBE_MS ? "met" : "NOT met"}` +
      `\n- every seeded row exported: ${download.rows === null ? "not counted (gzip)" : download.rows >= ROWS ? "yes" : "NO"}` +
      `\n- server exit code after SIGTERM: ${exitCode}`,
  );
}
