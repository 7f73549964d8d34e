#!/usr/bin/env node
// The floor of a page (not a timed test): the server's CPU time per answer for pages with almost nothing behind
// them, beside real signed-in pages, to see how much of a page is the document pipeline itself (Express, Remix,
// React's server renderer, the layout). The production build on a fresh SQLite database (PostgreSQL with
// BENCH_DATABASE_URL), one signed-in viewer, autocannon from this process on 127.0.0.1, each path in turn:
// a warm-up, then the measured seconds; CPU time from /proc/<pid>/stat. Usage:
//   npm run build && node scripts/bench-floor.mjs [--duration 6] [--warmup 2] [--connections 16] [--port 3463]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { freshBenchDatabase } from "./bench-database.mjs";
import { cpuMsOf, requireBuild, signedInViewer, startBenchServer, waitFor } from "./bench-server.mjs";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "6" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "16" },
    port: { type: "string", default: "3463" },
  },
});
const port = Number(args.port);
const base = `http://127.0.0.1:${port}`;

/** [label, path, signed in] */
const PATHS = [
  ["health check (one database ping, no page)", "/healthz", false],
  ["404 page, anonymous", "/no-such-page", false],
  ["sign-in page, anonymous", "/login", false],
  ["404 page, signed in", "/no-such-page", true],
  ["account, signed in", "/account", true],
  ["history, signed in", "/history", true],
];

requireBuild();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dracin-floor-"));
let server;
process.on("exit", () => {
  if (server?.exitCode === null) server.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

const database = await freshBenchDatabase(dir);
server = startBenchServer({ port, databaseUrl: database.url, dataDir: path.join(dir, "data") });
await waitFor(`${base}/healthz`);
const { cookie } = await signedInViewer(base, 1);

function cannon(url, headers, seconds) {
  return new Promise((resolve, reject) => {
    autocannon({ url, headers, connections: Number(args.connections), duration: seconds }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

console.log(`autocannon ${args.connections} connections, ${args.warmup} s warm-up + ${args.duration} s per path`);
console.log("| request | requests/s | server CPU per answer |");
console.log("| --- | ---: | ---: |");
for (const [label, target, signedIn] of PATHS) {
  const headers = signedIn ? { cookie } : {};
  await cannon(`${base}${target}`, headers, Number(args.warmup));
  const before = cpuMsOf(server.pid);
  const result = await cannon(`${base}${target}`, headers, Number(args.duration));
  const cpuMs = cpuMsOf(server.pid) - before;
  const answers = result.requests.total;
  console.log(
    `| ${label} \`${target}\` | ${Math.round(result.requests.average)} | ${(cpuMs / answers).toFixed(2)} ms |`,
  );
}
process.exit(0);
