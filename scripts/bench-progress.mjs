#!/usr/bin/env node
// Progress-save benchmark (not a timed test): 50 signed-in viewers posting
// progress saves as fast as the server answers, against the production build
// on a fresh SQLite database (or PostgreSQL: BENCH_DATABASE_URL, see bench-database.mjs). Usage:
//   npm run build && node scripts/bench-progress.mjs [--viewers 50] [--duration 20] [--warmup 5] [--profile]
// --profile writes a V8 CPU profile of the server to tests/.tmp/bench/prof/.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { freshBenchDatabase } from "./bench-database.mjs";
import { register, root, rssOf, startBenchServer, waitFor } from "./bench-server.mjs";

const { values: args } = parseArgs({
  options: {
    viewers: { type: "string", default: "50" },
    duration: { type: "string", default: "20" },
    warmup: { type: "string", default: "5" },
    port: { type: "string", default: "3291" },
    profile: { type: "boolean", default: false },
  },
});
const viewers = Number(args.viewers);
const dir = path.join(root, "tests", ".tmp", "bench");
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const base = `http://127.0.0.1:${args.port}`;

const nodeFlags = [
  ...(process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean),
  ...(args.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.join(dir, "prof")}`] : []),
];
const database = await freshBenchDatabase(dir);
const server = startBenchServer({ port: Number(args.port), databaseUrl: database.url, dataDir: dir, nodeFlags });
const stop = () => server.kill("SIGTERM");
process.on("exit", stop);

function run(durationSeconds, cookies) {
  let next = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${base}/resources/progress`,
        connections: viewers,
        duration: durationSeconds,
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        setupClient(client) {
          const viewer = next++ % cookies.length;
          client.setHeaders({
            "content-type": "application/x-www-form-urlencoded",
            cookie: cookies[viewer],
            origin: base,
          });
          let position = 0;
          client.setBody(body());
          client.on("response", () => client.setBody(body()));
          function body() {
            position = (position + 0.5) % 19;
            const episode = `neon-rain-ep-${(viewer % 5) + 1}`;
            return `episodeId=${episode}&position=${position.toFixed(2)}&viewingStart=0&seq=${Date.now()}`;
          }
        },
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false });
  });
}

await waitFor(`${base}/healthz`);
const cookies = [];
for (let i = 0; i < viewers; i++) cookies.push(await register(base, i));
console.log(`warm-up ${args.warmup} s with ${viewers} viewers…`);
await run(Number(args.warmup), cookies);
console.log(`measuring ${args.duration} s…`);
let peakRss = 0;
const sampler = setInterval(() => {
  // start.mjs imports the server in-process: its pid is the server's.
  peakRss = Math.max(peakRss, rssOf(server.pid));
}, 250);
const result = await run(Number(args.duration), cookies);
clearInterval(sampler);

const ok = result["2xx"];
const summary = {
  machine: `${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  viewers,
  seconds: result.duration,
  "saves/s (2xx)": Math.round(ok / result.duration),
  "p50 ms": result.latency.p50,
  "p99 ms": result.latency.p99,
  "max ms": result.latency.max,
  "non-2xx": result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  "server RSS peak MiB": Math.round(peakRss / 2 ** 20),
};
console.table(summary);
const failed = result.non2xx + result.errors > 0;
server.once("exit", () => process.exit(failed ? 1 : 0));
stop();
