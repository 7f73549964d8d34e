#!/usr/bin/env node
// Catalog benchmark (not a timed test), against the production build:
//  1. drama page throughput with the local provider;
//  2. the same page with CATALOG_PROVIDER=http and a warm cache (catalog:serve upstream);
//  3. a cold cache with a 200 ms upstream: every request a page not seen before
//     (the 30 drama pages, then searches), p99 and errors.
// Scenarios 1 and 2 alternate for --rounds rounds (load from other processes hits both alike).
// Usage: npm run build && node scripts/bench-catalog.mjs [--connections 50] [--duration 15] [--warmup 3] [--delay 200] [--rounds 2]
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const { values: args } = parseArgs({
  options: {
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "15" },
    warmup: { type: "string", default: "3" },
    delay: { type: "string", default: "200" },
    rounds: { type: "string", default: "2" },
    port: { type: "string", default: "3292" },
    "catalog-port": { type: "string", default: "4392" },
  },
});
const connections = Number(args.connections);
const root = path.resolve(import.meta.dirname, "..");
const dir = path.join(root, "tests", ".tmp", "bench-catalog");
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const base = `http://127.0.0.1:${args.port}`;
const catalogUrl = `http://127.0.0.1:${args["catalog-port"]}`;
const children = new Set();
process.on("exit", () => {
  for (const child of children) child.kill("SIGTERM");
});

function start(command, argv, env) {
  const child = spawn(command, argv, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.add(child);
  return child;
}
async function stop(child) {
  await new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
  children.delete(child);
}
async function waitFor(url) {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not come up`);
}

function startDracin(name, env) {
  return start(process.execPath, [path.join(root, "scripts", "start.mjs")], {
    NODE_ENV: "production",
    PORT: args.port,
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${path.join(dir, `${name}.db`)}`,
    DATA_DIR: dir,
    LOG_LEVEL: "error",
    ...env,
  });
}
function startCatalog(delayMs) {
  return start(process.execPath, ["--import", "tsx", path.join(root, "server", "catalog-serve.ts")], {
    CATALOG_SERVE_PORT: args["catalog-port"],
    CATALOG_SERVE_HOST: "127.0.0.1",
    CATALOG_SERVE_API_KEY: "bench-key",
    CATALOG_SERVE_DELAY_MS: String(delayMs),
  });
}
const httpEnv = { CATALOG_PROVIDER: "http", CATALOG_API_URL: catalogUrl, CATALOG_API_KEY: "bench-key" };

function load(options) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ connections, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false });
  });
}
function row(name, result) {
  return {
    scenario: name,
    "req/s (2xx)": Math.round(result["2xx"] / result.duration),
    "p50 ms": result.latency.p50,
    "p99 ms": result.latency.p99,
    "max ms": result.latency.max,
    requests: result.requests.total,
    "non-2xx": result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** CPU time (user + system) the process has used, in ms (Linux /proc; 0 elsewhere). */
function cpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 100 Hz ticks
  } catch {
    return 0;
  }
}

// Throughput is sensitive to whatever else runs on the machine; the server's CPU time per request is much
// less so, and it is what bounds throughput when the server is CPU-bound.
async function throughput(name, url, server) {
  await load({ url, duration: Number(args.warmup) });
  const cpuBefore = cpuMs(server.pid);
  const result = await load({ url, duration: Number(args.duration) });
  return {
    ...row(name, result),
    "server CPU ms/req": Number(((cpuMs(server.pid) - cpuBefore) / result.requests.total).toFixed(3)),
  };
}

const rows = [];

let dracin;
let upstream;
const ratios = [];
for (let round = 1; round <= Number(args.rounds); round++) {
  // 1. local provider
  dracin = startDracin(`local-${round}`, { CATALOG_PROVIDER: "local" });
  await waitFor(`${base}/healthz`);
  const local = await throughput(
    `round ${round}: local provider, /drama/:id`,
    `${base}/drama/moonlit-tea-house`,
    dracin,
  );
  rows.push(local);
  await stop(dracin);

  // 2. http provider, warm cache (upstream answers at once; after warm-up nothing reaches it)
  upstream = startCatalog(0);
  await waitFor(`${catalogUrl}/healthz`);
  dracin = startDracin(`http-warm-${round}`, httpEnv);
  await waitFor(`${base}/healthz`);
  const warm = await throughput(
    `round ${round}: http provider, warm cache, /drama/:id`,
    `${base}/drama/ext:moonlit-tea-house`,
    dracin,
  );
  rows.push(warm);
  ratios.push({
    throughput: warm["req/s (2xx)"] / local["req/s (2xx)"],
    cpu: warm["server CPU ms/req"] / local["server CPU ms/req"],
  });
  await stop(dracin);
  await stop(upstream);
}

// 3. http provider, cold cache, slow upstream: each request is a page not requested before.
upstream = startCatalog(Number(args.delay));
await waitFor(`${catalogUrl}/healthz`);
const home = await (
  await fetch(`${catalogUrl}/v1/dramas?pageSize=60`, { headers: { authorization: "Bearer bench-key" } })
).json();
const words = new Set();
for (const drama of home.items) {
  for (const text of [drama.title, ...drama.cast])
    for (const word of text.toLowerCase().split(/[^a-z]+/)) if (word.length > 2) words.add(word);
}
const paths = [
  ...home.items.map((drama) => `/drama/ext:${drama.id}`),
  ...[...words].map((word) => `/search?q=${encodeURIComponent(word)}`),
];
dracin = startDracin("http-cold", httpEnv);
await waitFor(`${base}/healthz`);
let next = 0;
const cold = await load({
  url: base,
  amount: paths.length,
  requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
});
rows.push(row(`http provider, cold cache, ${args.delay} ms upstream (${paths.length} distinct pages)`, cold));
await stop(dracin);
await stop(upstream);

console.log(
  `machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${connections} connections`,
);
console.table(rows);
const pct = (x) => `${(x * 100).toFixed(1)} %`;
console.log(`warm http / local, throughput per round: ${ratios.map((r) => pct(r.throughput)).join(", ")}`);
console.log(`warm http / local, server CPU per request per round: ${ratios.map((r) => pct(r.cpu)).join(", ")}`);
const failed = rows.some((r) => r["non-2xx"] + r.errors > 0);
process.exit(failed ? 1 : 0);
