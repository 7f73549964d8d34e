#!/usr/bin/env node
// Soak test (not a timed test; docs/PERFORMANCE.md "Soak"): the production build on a fresh database (SQLite;
// PostgreSQL with BENCH_DATABASE_URL, scripts/bench-database.mjs) on 127.0.0.1, for a bounded time, under what a
// busy day sends at once:
//   - cache churn: signed-out visitors asking for distinct searches and browse filters (each URL its own entry in
//     the public-page cache), and the signed-in viewers, each with their own kept home page;
//   - the viewers (200): home, drama pages, /watch, progress saves, My List add and remove, My List, searches;
//   - bad input mixed in: broken percent-encoding, oversized bodies (announced and chunked), wrong content types
//     and charsets, huge headers and cookies, a missing Host, TRACE.
// Every client sends Accept-Encoding as browsers do. Prints the server's memory every few seconds (RSS from
// /proc; V8's heap and external memory from /metrics), status counts and latency percentiles. Exit code 1 on any
// 5xx, a good request that got no answer, an error the server logged, or a server that died.
//
// --kill: the durability check instead (same viewers, writes only): the server is SIGKILLed at random moments
// (--kills, default 5) while viewers save progress and add and remove My List entries, and restarted on the same
// database each time. Every write answered 204/303 is recorded; at the end the server is killed once more,
// mid-write, and the database is read directly: each viewer's last acknowledged save of each episode must be
// there (its clientSeq or a later one, at least as far), and each acknowledged My List change must hold unless a
// later change that got no answer may have undone it. Exit code 1 on any loss.
//
//   npm run build && npm run bench:soak
//   node scripts/bench-soak.mjs [--duration 120] [--viewers 200] [--visitors 16] [--attackers 4] [--sample 5]
//                               [--think 1000] [--port 3731] [--heap-snapshot]
//   npm run bench:soak -- --kill [--kills 5] [--duration 60]
// --heap-snapshot starts the server with --heapsnapshot-signal=SIGUSR2 and has it write a heap snapshot at the end
// of the load (path printed; open it in Chrome DevTools). BENCH_NODE_FLAGS adds node flags to the server's;
// the server inherits this process's environment (e.g. MALLOC_ARENA_MAX).
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Agent, request } from "undici";
import { freshBenchDatabase } from "./bench-database.mjs";
import {
  cpuMsOf,
  homeDramaIds,
  requireBuild,
  rssOf,
  signedInViewer,
  startBenchServer,
  waitFor,
} from "./bench-server.mjs";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "120" },
    viewers: { type: "string", default: "200" },
    visitors: { type: "string", default: "16" },
    attackers: { type: "string", default: "4" },
    sample: { type: "string", default: "5" },
    think: { type: "string", default: "1000" },
    port: { type: "string", default: "3731" },
    kill: { type: "boolean", default: false },
    kills: { type: "string", default: "5" },
    "heap-snapshot": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(
    "Usage: node scripts/bench-soak.mjs [--duration 120] [--viewers 200] [--visitors 16] [--attackers 4] [--sample 5] [--think 1000] [--port 3731] [--heap-snapshot] [--kill [--kills 5]]",
  );
  process.exit(0);
}
const durationMs = Number(args.duration) * 1000;
const viewerCount = Number(args.viewers);
const port = Number(args.port);
const base = `http://127.0.0.1:${port}`;
const thinkMs = Number(args.think);
const log = (line) => process.stderr.write(`${line}\n`);

requireBuild();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dracin-soak-"));
const snapshotDir = path.join(os.tmpdir(), "dracin-soak-snapshots");
const database = await freshBenchDatabase(dir);
const engineName = database.engine === "postgresql" ? "PostgreSQL" : "SQLite";
const nodeFlags = [
  ...(process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean),
  ...(args["heap-snapshot"] ? ["--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${snapshotDir}`] : []),
];

// ---- the server: started, watched for errors it logs and for dying, killed and restarted in --kill mode ----

let server;
let expectedExit = false;
/** --kill: between a kill and the restarted server's first answer. */
let down = false;
let crashed = null;
const loggedErrors = [];
function startServer() {
  expectedExit = false;
  const child = startBenchServer({
    port,
    databaseUrl: database.url,
    dataDir: path.join(dir, "data"),
    nodeFlags,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let pending = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop();
    for (const line of lines) if (/"level":"(error|fatal)"/.test(line)) loggedErrors.push(line);
  });
  child.once("exit", (code, signal) => {
    if (!expectedExit) crashed ??= { code, signal };
  });
  server = child;
  // A restart under the viewers' writes (migrations first) can take a while on a busy machine.
  return waitFor(`${base}/healthz`, 120);
}
const exited = (child) =>
  new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", resolve),
  );
process.on("exit", () => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

// ---- requests and what they got ----

// One keep-alive pool, as many connections as there are clients at once (a browser each).
const agent = new Agent({ keepAliveTimeout: 4_000, headersTimeout: 60_000, bodyTimeout: 60_000 });
const BROWSER_HEADERS = { "accept-encoding": "gzip, deflate, br", "accept-language": "id,en;q=0.8" };

/** Per group of requests: counts by status ("no answer" for none) and latencies in ms. */
const groups = new Map();
function record(group, status, ms) {
  let entry = groups.get(group);
  if (!entry) groups.set(group, (entry = { statuses: new Map(), latencies: [] }));
  entry.statuses.set(status, (entry.statuses.get(status) ?? 0) + 1);
  if (typeof status === "number") entry.latencies.push(ms);
}
let requestsDone = 0;
const noAnswers = [];

/**
 * One request through the pool; resolves to its status (the body read to its end), "refused" when no connection
 * could be made (the request never reached a server), or null when it got no answer (it may have been handled).
 */
async function call(group, method, url, { headers = {}, body } = {}) {
  const started = performance.now();
  try {
    const response = await request(`${base}${url}`, {
      method,
      headers: {
        ...BROWSER_HEADERS,
        ...headers,
        ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body,
      dispatcher: agent,
    });
    await response.body.dump({ limit: Infinity });
    record(group, response.statusCode, performance.now() - started);
    requestsDone++;
    return response.statusCode;
  } catch (error) {
    const refused = error.code === "ECONNREFUSED";
    record(group, refused ? "refused" : "no answer", 0);
    if (!args.kill && noAnswers.length < 5) noAnswers.push(`${method} ${url}: ${error.code ?? error.message}`);
    return refused ? "refused" : null;
  }
}

/**
 * A raw request for input no well-behaved client sends: `parts` are written one by one (a body in pieces) until
 * the server answers or closes; resolves to the answer's status, or "no answer" when the connection closed first.
 */
function raw(parts) {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let answer = "";
    let index = 0;
    const done = (status) => {
      socket.destroy();
      resolve(status);
    };
    const giveUp = setTimeout(() => done("no answer"), 30_000);
    socket.setEncoding("latin1");
    socket.on("error", () => undefined);
    socket.on("data", (chunk) => {
      answer += chunk;
      const match = /^HTTP\/1\.1 (\d{3}) /.exec(answer);
      if (match) {
        clearTimeout(giveUp);
        done(Number(match[1]));
      }
    });
    socket.on("close", () => {
      clearTimeout(giveUp);
      resolve(/^HTTP\/1\.1 (\d{3}) /.exec(answer) ? Number(/^HTTP\/1\.1 (\d{3}) /.exec(answer)[1]) : "no answer");
    });
    const writeNext = () => {
      if (index >= parts.length || answer || socket.destroyed) return;
      socket.write(parts[index++], writeNext);
    };
    socket.on("connect", writeNext);
  });
}

const pick = (list) => list[Math.floor(Math.random() * list.length)];
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** A viewer's pause between clicks: uniform from 0 to twice --think (ms); signed-out visitors, attackers and --kill's writers pause a tenth of it. */
const think = (share = 1) => pause(Math.random() * 2 * thinkMs * share);
const WORDS = [
  "love",
  "revenge",
  "palace",
  "tea",
  "moon",
  "rain",
  "sword",
  "family",
  "cinta",
  "istana",
  "hujan",
  "teh",
];
let distinct = 0;

// ---- setup: the viewers, as browsers keep them ----

await startServer();
const dramaIds = await homeDramaIds(base);
log(`${engineName}: signing up ${viewerCount} viewers…`);
const viewers = [];
for (let next = 0; next < viewerCount;) {
  const batch = [];
  for (let k = 0; k < 4 && next < viewerCount; k++, next++) batch.push(signedInViewer(base, next));
  for (const { cookie } of await Promise.all(batch)) {
    const i = viewers.length;
    viewers.push({
      i,
      cookie,
      email: `load-${i}@example.test`,
      /** My List as the viewer believes it, from answered changes. */
      list: new Set(),
      /** Per episode: the last position saved (non-decreasing). */
      positions: new Map(),
      episodeIndex: 0,
      seq: 0,
    });
  }
}

const ackedSaves = new Map(); // `${email} ${episodeId}` -> { seq, position }
/** `${email} ${dramaId}` -> { added, doubt }: the last answered change, and whether an unanswered one followed it. */
const ackedList = new Map();
let acknowledged = { progress: 0, list: 0 };
/** Writes cut off by a kill (sent, never answered: done or not) and writes refused while the server was down. */
let unanswered = 0;
let refusedWrites = 0;

/** The next progress save of a viewer: an episode at a time, positions rising to 19 s, then the next episode. */
async function saveProgress(v) {
  const drama = dramaIds[(v.i + Math.floor(v.episodeIndex / 2)) % dramaIds.length];
  const episodeId = `${drama}-ep-${(v.episodeIndex % 2) + 1}`;
  const last = v.positions.get(episodeId);
  const position = last === undefined ? 0 : Math.min(19, last + 1);
  if (position === 19) v.episodeIndex++;
  v.positions.set(episodeId, position);
  v.seq = Math.max(v.seq + 1, Date.now());
  const seq = v.seq;
  const body = `episodeId=${episodeId}&position=${position}&viewingStart=${last === undefined ? 1 : 0}&seq=${seq}`;
  const status = await call("viewer: writes", "POST", "/resources/progress", {
    headers: { cookie: v.cookie, origin: base },
    body,
  });
  if (status === 204) {
    ackedSaves.set(`${v.email} ${episodeId}`, { seq, position });
    acknowledged.progress++;
  } else if (status === null) unanswered++;
  else if (status === "refused") refusedWrites++;
}

/** Adds a drama to My List or removes it (the opposite of what the viewer believes it holds). */
async function changeList(v) {
  const dramaId = dramaIds[(v.i * 7 + Math.floor(Math.random() * 6)) % dramaIds.length];
  const key = `${v.email} ${dramaId}`;
  const known = ackedList.get(key);
  const add = known?.doubt ? Math.random() < 0.5 : !v.list.has(dramaId);
  const status = await call("viewer: writes", "POST", "/resources/favorites", {
    headers: { cookie: v.cookie, origin: base },
    body: `intent=${add ? "add" : "remove"}&dramaId=${dramaId}`,
  });
  if (status === 303) {
    if (add) v.list.add(dramaId);
    else v.list.delete(dramaId);
    ackedList.set(key, { added: add, doubt: false });
    acknowledged.list++;
  } else if (status === null) {
    unanswered++;
    // It may or may not have happened: what was acknowledged before is no longer a promise.
    ackedList.set(key, { added: known?.added ?? false, doubt: true });
  } else if (status === "refused") refusedWrites++;
}

const VIEWER_ACTIONS = [
  [20, (v) => call("viewer: pages", "GET", "/", { headers: { cookie: v.cookie } })],
  [14, (v) => call("viewer: pages", "GET", `/drama/${pick(dramaIds)}`, { headers: { cookie: v.cookie } })],
  [10, (v) => call("viewer: pages", "GET", `/watch/${pick(dramaIds)}-ep-1`, { headers: { cookie: v.cookie } })],
  [25, saveProgress],
  [12, changeList],
  [5, (v) => call("viewer: pages", "GET", "/my-list", { headers: { cookie: v.cookie } })],
  [7, (v) => call("viewer: pages", "GET", `/search?q=${pick(WORDS)}+${++distinct}`, { headers: { cookie: v.cookie } })],
  [7, (v) => call("viewer: pages", "GET", `/browse?${browseQuery()}`, { headers: { cookie: v.cookie } })],
];
// In --kill mode the viewers write (and open their home now and then, which reads what they wrote).
const KILL_ACTIONS = [
  [10, VIEWER_ACTIONS[0][1]],
  [60, saveProgress],
  [30, changeList],
];

function weighted(actions) {
  const total = actions.reduce((sum, [weight]) => sum + weight, 0);
  return () => {
    let at = Math.random() * total;
    for (const [weight, action] of actions) if ((at -= weight) < 0) return action;
    return actions[0][1];
  };
}

function browseQuery() {
  const params = new URLSearchParams();
  if (Math.random() < 0.7)
    params.set("genre", pick(["romance", "family", "historical", "revenge", "thriller", "comedy", "x"]));
  if (Math.random() < 0.4) params.set("vibe", pick(["sweet", "healing", "heartbreaking", "slow-burn"]));
  if (Math.random() < 0.5) params.set("year", String(2010 + Math.floor(Math.random() * 16)));
  if (Math.random() < 0.3) params.set("status", pick(["ongoing", "completed"]));
  params.set("sort", pick(["latest", "rating", "popularity"]));
  params.set("page", String(1 + Math.floor(Math.random() * 3)));
  // Many distinct URLs, as crawlers and shared links make them: each is its own cache entry.
  params.set("ref", String(++distinct));
  return params.toString();
}

/** Signed-out visitors: distinct searches and filters (cache churn), and the pages every visitor shares. */
const visitorAction = weighted([
  [
    35,
    () => call("signed out", "GET", `/search?q=${encodeURIComponent(`${pick(WORDS)} ${pick(WORDS)} ${++distinct}`)}`),
  ],
  [35, () => call("signed out", "GET", `/browse?${browseQuery()}`)],
  [
    10,
    () =>
      call("signed out", "GET", `/resources/search?q=${pick(WORDS)}${++distinct}`, {
        headers: { "hx-request": "true" },
      }),
  ],
  [10, () => call("signed out", "GET", `/?lang=${pick(["en", "id"])}`)],
  [10, () => call("signed out", "GET", `/drama/${pick(dramaIds)}`)],
]);

/** What no browser sends; each must get a 4xx (a 5xx fails the run). */
const host = `Host: 127.0.0.1:${port}\r\n`;
const post = (target, type, body, extra = "") =>
  `POST ${target} HTTP/1.1\r\n${host}Origin: ${base}\r\nContent-Type: ${type}\r\n${extra}`;
const BAD_INPUT = {
  "broken percent-encoding in the path": () => [`GET /drama/%FF%E0%A4 HTTP/1.1\r\n${host}\r\n`],
  "broken percent-encoding in the query": () => [`GET /search?q=%E0%A4%A&genre=%ZZ HTTP/1.1\r\n${host}\r\n`],
  "a lone % as the path": () => [`GET /% HTTP/1.1\r\n${host}\r\n`],
  "form body over 64 KiB, announced": () => [
    `${post("/login", "application/x-www-form-urlencoded", "", "Content-Length: 200000\r\n")}\r\n`,
    Buffer.alloc(16_384, "a"),
    Buffer.alloc(200_000 - 16_384, "a"),
  ],
  "form body over 64 KiB, chunked": () => [
    `${post("/register", "application/x-www-form-urlencoded", "", "Transfer-Encoding: chunked\r\n")}\r\n`,
    ...Array.from({ length: 12 }, () => `4000\r\n${"b".repeat(0x4000)}\r\n`),
    "0\r\n\r\n",
  ],
  "progress save over 4 KiB": () => [
    `${post("/resources/progress", "application/x-www-form-urlencoded", "", `Cookie: ${viewers[0].cookie}\r\nContent-Length: 6000\r\n`)}\r\n`,
    `episodeId=${"x".repeat(5990)}`,
  ],
  "JSON body": () => [`${post("/login", "application/json", "", "Content-Length: 2\r\n")}\r\n{}`],
  "multipart body": () => [
    `${post("/register", "multipart/form-data; boundary=x", "", "Content-Length: 8\r\n")}\r\n--x--\r\n`,
  ],
  "form in latin1": () => [
    `${post("/login", "application/x-www-form-urlencoded; charset=latin1", "", "Content-Length: 5\r\n")}\r\na=%E9`,
  ],
  "gzip-encoded form": () => [
    `${post("/login", "application/x-www-form-urlencoded", "", "Content-Encoding: gzip\r\nContent-Length: 4\r\n")}\r\nabcd`,
  ],
  "a 20 KiB header": () => [`GET / HTTP/1.1\r\n${host}X-Padding: ${"p".repeat(20_480)}\r\n\r\n`],
  "a 17 KiB cookie": () => [`GET /my-list HTTP/1.1\r\n${host}Cookie: junk=${"c".repeat(17_408)}\r\n\r\n`],
  "no Host": () => ["GET / HTTP/1.1\r\n\r\n"],
  TRACE: () => [`TRACE / HTTP/1.1\r\n${host}\r\n`],
  "form post without a body": () => [
    `${post("/resources/favorites", "text/plain", "", `Cookie: ${viewers[1].cookie}\r\nContent-Length: 0\r\n`)}\r\n`,
  ],
};
const badInputStatuses = new Map(Object.keys(BAD_INPUT).map((name) => [name, new Map()]));
async function sendBadInput() {
  const name = pick(Object.keys(BAD_INPUT));
  const started = performance.now();
  const status = await raw(BAD_INPUT[name]());
  record("bad input", status, performance.now() - started);
  const counts = badInputStatuses.get(name);
  counts.set(status, (counts.get(status) ?? 0) + 1);
}

// ---- the run ----

const startedAt = Date.now();
let stopping = false;
const running = () => !stopping && Date.now() - startedAt < durationMs && (args.kill || !crashed);

async function loop(step, share = 1) {
  while (running()) {
    // While the server is down (--kill) the viewers wait for it, as a player keeps its saves until it answers.
    if (down) {
      await pause(100);
      continue;
    }
    try {
      await step();
    } catch (error) {
      log(`client error: ${error.stack ?? error}`);
    }
    await think(share);
  }
}

/**
 * The server's resident memory by kind of mapping, from /proc/<pid>/smaps: files (the node binary and shared
 * libraries), the brk heap (glibc malloc's main arena) and anonymous mappings (V8's heap, ArrayBuffer backing
 * stores, other malloc arenas, thread stacks), in bytes.
 */
function rssByMapping(pid) {
  const kinds = { files: 0, "malloc heap": 0, anonymous: 0 };
  let kind = "anonymous";
  try {
    for (const line of fs.readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
      const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
      if (mapping) kind = mapping[1] === "[heap]" ? "malloc heap" : mapping[1].startsWith("/") ? "files" : "anonymous";
      else if (line.startsWith("Rss:")) kinds[kind] += Number(line.split(/\s+/)[1]) * 1024;
    }
  } catch {
    // gone
  }
  return kinds;
}

/** Memory and throughput every --sample seconds. */
const timeline = [];
async function sample() {
  const rss = rssOf(server.pid);
  let heapUsed = Number.NaN;
  let heapTotal = Number.NaN;
  let external = Number.NaN;
  try {
    const text = await (await fetch(`${base}/metrics`)).text();
    const metric = (name) => Number(new RegExp(`^${name} ([0-9.e+]+)`, "m").exec(text)?.[1] ?? Number.NaN);
    heapUsed = metric("nodejs_heap_size_used_bytes");
    heapTotal = metric("nodejs_heap_size_total_bytes");
    external = metric("nodejs_external_memory_bytes");
  } catch {
    // down (--kill) or busy: RSS alone
  }
  const last = timeline.at(-1);
  const t = (Date.now() - startedAt) / 1000;
  timeline.push({
    t,
    rss,
    heapUsed,
    heapTotal,
    external,
    requestsPerSecond: last ? (requestsDone - last.requests) / (t - last.t) : requestsDone / t,
    requests: requestsDone,
    load: os.loadavg()[0],
  });
}
const sampler = setInterval(() => void sample(), Number(args.sample) * 1000);

/** --kill: SIGKILL at random moments, each followed by a restart on the same database. */
const kills = [];
async function killer() {
  const count = Number(args.kills);
  const slot = durationMs / (count + 1);
  for (let k = 0; k < count; k++) {
    await pause(slot * (0.5 + Math.random()) - (kills.at(-1)?.downMs ?? 0));
    if (!running()) break;
    const victim = server;
    expectedExit = true;
    const at = Date.now();
    down = true;
    victim.kill("SIGKILL");
    await exited(victim);
    await startServer();
    down = false;
    kills.push({ t: (at - startedAt) / 1000, downMs: Date.now() - at });
    log(`kill ${kills.length}: at ${kills.at(-1).t.toFixed(1)} s, back after ${kills.at(-1).downMs} ms`);
  }
}

const loadBefore = os.loadavg()[0];
log(
  `${args.kill ? "durability" : "soak"}: ${args.duration} s, ${viewerCount} viewers${args.kill ? "" : `, ${args.visitors} signed-out visitors, ${args.attackers} senders of bad input`}…`,
);
await sample();
const cpuBefore = cpuMsOf(server.pid);
const loops = [];
const viewerAction = weighted(args.kill ? KILL_ACTIONS : VIEWER_ACTIONS);
for (const v of viewers) loops.push(loop(() => viewerAction()(v), args.kill ? 0.1 : 1));
if (!args.kill) {
  for (let k = 0; k < Number(args.visitors); k++) loops.push(loop(() => visitorAction()(), 0.1));
  for (let k = 0; k < Number(args.attackers); k++) loops.push(loop(sendBadInput, 0.1));
}
if (args.kill) loops.push(killer());

let snapshot = null;
let serverCpuMs = Number.NaN;
let mappings = null;
if (args.kill) {
  // The last kill comes while the writes are still going, so the check sees writes cut off at any point.
  await pause(Math.max(0, durationMs - (Date.now() - startedAt)));
  expectedExit = true;
  server.kill("SIGKILL");
  stopping = true;
  await exited(server);
  kills.push({ t: (Date.now() - startedAt) / 1000, downMs: null });
  await Promise.all(loops);
} else {
  await Promise.all(loops);
  await sample();
  clearInterval(sampler);
  mappings = rssByMapping(server.pid);
  serverCpuMs = cpuMsOf(server.pid) - cpuBefore;
  if (args["heap-snapshot"] && !crashed) {
    fs.mkdirSync(snapshotDir, { recursive: true });
    const before = new Set(fs.readdirSync(snapshotDir));
    server.kill("SIGUSR2");
    // Written synchronously by the server; done when the file stops growing.
    for (let size = -1; ;) {
      await pause(1000);
      const file = fs.readdirSync(snapshotDir).find((name) => !before.has(name) && name.endsWith(".heapsnapshot"));
      const now = file ? fs.statSync(path.join(snapshotDir, file)).size : -1;
      if (file && now === size && now > 0) {
        snapshot = path.join(snapshotDir, file);
        break;
      }
      size = now;
    }
  }
}
clearInterval(sampler);
await agent.close();
const loadAfter = os.loadavg()[0];

// ---- the report ----

const mib = (bytes) => (Number.isFinite(bytes) ? (bytes / 2 ** 20).toFixed(0) : "—");
const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
const cpus = os.cpus();
console.log(
  `\n${new Date().toISOString().slice(0, 16)}Z — ${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, Node ${process.version}; ${engineName}, production build on ${base}`,
);
console.log(`load average (1 min) before ${loadBefore.toFixed(1)}, after ${loadAfter.toFixed(1)}\n`);

if (!args.kill) {
  console.log("| t | server RSS | V8 heap used / total | external | requests/s | load |");
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const s of timeline)
    console.log(
      `| ${s.t.toFixed(0)} s | ${mib(s.rss)} MiB | ${mib(s.heapUsed)} / ${mib(s.heapTotal)} MiB | ${mib(s.external)} MiB | ${Math.round(s.requestsPerSecond)} | ${s.load.toFixed(1)} |`,
    );
  const rss = timeline.map((s) => s.rss).filter(Boolean);
  const lastThird = rss.slice(Math.floor((rss.length * 2) / 3));
  console.log(
    `\nRSS: ${mib(rss[0])} MiB at the start, peak ${mib(Math.max(...rss))} MiB (${Math.round(Math.max(...rss) / 1e6)} MB), mean of the last third ${mib(lastThird.reduce((a, b) => a + b, 0) / lastThird.length)} MiB`,
  );
  const end = timeline.at(-1);
  console.log(
    `at the end: RSS ${mib(end.rss)} MiB = files ${mib(mappings.files)} (node binary, libraries) + malloc heap ${mib(mappings["malloc heap"])} + anonymous ${mib(mappings.anonymous)} (V8 heap ${mib(end.heapTotal)}, external ${mib(end.external)}, the rest ${mib(mappings.anonymous - end.heapTotal - end.external)}; external may also sit in the malloc heap)`,
  );
  console.log(
    `server CPU: ${((serverCpuMs / Math.max(1, requestsDone)) * 1000).toFixed(0)} µs per answer (${requestsDone.toLocaleString("en")} answers, bad input not counted)\n`,
  );
}

const statusOrder = (a, b) =>
  typeof a === "number" && typeof b === "number" ? a - b : typeof a === "number" ? -1 : typeof b === "number" ? 1 : 0;
console.log("| requests | count | statuses | p50 | p99 | max |");
console.log("| --- | ---: | --- | ---: | ---: | ---: |");
let fiveHundreds = 0;
let goodUnanswered = 0;
for (const [name, { statuses, latencies }] of [...groups].sort()) {
  latencies.sort((a, b) => a - b);
  const count = [...statuses.values()].reduce((a, b) => a + b, 0);
  for (const [status, n] of statuses) {
    if (typeof status === "number" && status >= 500) fiveHundreds += n;
    if (typeof status !== "number" && name !== "bad input") goodUnanswered += n;
  }
  const list = [...statuses]
    .sort(([a], [b]) => statusOrder(a, b))
    .map(([status, n]) => `${status}: ${n.toLocaleString("en")}`);
  console.log(
    `| ${name} | ${count.toLocaleString("en")} | ${list.join(", ")} | ${percentile(latencies, 50).toFixed(0)} ms | ${percentile(latencies, 99).toFixed(0)} ms | ${(latencies.at(-1) ?? 0).toFixed(0)} ms |`,
  );
}
if (!args.kill) {
  console.log("\n| bad input | answered |");
  console.log("| --- | --- |");
  for (const [name, counts] of badInputStatuses)
    console.log(
      `| ${name} | ${
        [...counts]
          .sort(([a], [b]) => statusOrder(a, b))
          .map(([s, n]) => `${s} × ${n}`)
          .join(", ") || "—"
      } |`,
    );
}

const failures = [];
if (fiveHundreds > 0) failures.push(`${fiveHundreds} answers were 5xx`);
if (crashed) failures.push(`the server died (exit code ${crashed.code}, signal ${crashed.signal})`);
if (loggedErrors.length > 0)
  failures.push(`the server logged ${loggedErrors.length} errors, e.g. ${loggedErrors[0].slice(0, 300)}`);
if (!args.kill && goodUnanswered > 0)
  failures.push(`${goodUnanswered} good requests got no answer, e.g. ${noAnswers.join("; ")}`);

if (args.kill) {
  const lost = await checkDurability();
  if (lost.length > 0) failures.push(`${lost.length} acknowledged writes lost, e.g. ${lost.slice(0, 5).join("; ")}`);
} else if (!crashed) {
  expectedExit = true;
  server.kill("SIGTERM");
  await exited(server);
  console.log(`\nserver stopped by SIGTERM: exit code ${server.exitCode}`);
  if (snapshot) console.log(`heap snapshot of the server at the end of the load: ${snapshot}`);
}

if (failures.length > 0) {
  console.log(`\nFAILED: ${failures.join("; ")}`);
  process.exit(1);
}
console.log("\nno 5xx, no crash, no error logged");
process.exit(0);

/** Reads the database the killed server left and compares it with every acknowledged write; returns the losses. */
async function checkDurability() {
  const progressRows = `SELECT u."email", p."episodeId", p."currentTime", p."clientSeq" FROM "UserProgress" p JOIN "User" u ON u."id" = p."userId"`;
  const favoriteRows = `SELECT u."email", f."dramaId" FROM "Favorites" f JOIN "User" u ON u."id" = f."userId"`;
  let progress;
  let favorites;
  if (database.engine === "postgresql") {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    progress = (await client.query(progressRows)).rows;
    favorites = (await client.query(favoriteRows)).rows;
    await client.end();
  } else {
    // Opening the file replays its write-ahead log, as the next server start would.
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(database.url.slice("file:".length));
    progress = db.prepare(progressRows).all();
    favorites = db.prepare(favoriteRows).all();
    db.close();
  }
  const stored = new Map(progress.map((row) => [`${row.email} ${row.episodeId}`, row]));
  const listed = new Set(favorites.map((row) => `${row.email} ${row.dramaId}`));
  const lost = [];
  for (const [key, { seq, position }] of ackedSaves) {
    const row = stored.get(key);
    if (!row) lost.push(`progress ${key}: no row (acknowledged seq ${seq}, ${position} s)`);
    else if (Number(row.clientSeq) < seq || Number(row.currentTime) < position)
      lost.push(
        `progress ${key}: stored seq ${row.clientSeq} at ${row.currentTime} s, acknowledged seq ${seq} at ${position} s`,
      );
  }
  let inDoubt = 0;
  let listChecked = 0;
  for (const [key, { added, doubt }] of ackedList) {
    if (doubt) {
      inDoubt++;
      continue;
    }
    listChecked++;
    if (listed.has(key) !== added)
      lost.push(
        `My List ${key}: acknowledged ${added ? "added" : "removed"}, stored ${listed.has(key) ? "present" : "absent"}`,
      );
  }
  console.log(
    `\n${kills.length} SIGKILLs (at ${kills.map((k) => `${k.t.toFixed(0)} s`).join(", ")}; back after ${kills
      .filter((k) => k.downMs !== null)
      .map((k) => `${(k.downMs / 1000).toFixed(1)} s`)
      .join(", ")}), the last one mid-write and the database read without restarting`,
  );
  console.log(
    `${(acknowledged.progress + acknowledged.list).toLocaleString("en")} acknowledged (${acknowledged.progress.toLocaleString("en")} progress saves, ${acknowledged.list.toLocaleString("en")} My List changes), ${lost.length} lost; ${unanswered.toLocaleString("en")} writes cut off by a kill (sent, never answered), ${refusedWrites.toLocaleString("en")} refused while the server was down`,
  );
  console.log(
    `checked: ${ackedSaves.size.toLocaleString("en")} episodes' last acknowledged save, ${listChecked.toLocaleString("en")} My List entries' last acknowledged change (${inDoubt} left out: a change after it got no answer)`,
  );
  return lost;
}
