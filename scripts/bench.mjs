#!/usr/bin/env node
// Page benchmark (not a timed test): the production build on a fresh
// SQLite database (PostgreSQL with BENCH_DATABASE_URL: scripts/bench-database.mjs), loaded with autocannon from this separate process on
// 127.0.0.1, one scenario at a time, each measured after a warm-up:
//   home (anonymous), drama page, search, signed-in home (kept and rendered every time), the
//   signed-in drama page with the viewer's progress, /watch, /my-list, /history, /account, progress save,
// (the home "rendered every time" is a first visit: the session cookie without the CSRF secret's, which the
// per-viewer cache requires (decision 016, PER_VIEWER_COOKIES in app/utils/cache-policy.server.ts), so that cache
// neither answers nor keeps the page; every other signed-in page is rendered on each request anyway)
// and a ceiling: a bare node:http server (another process) answering the
// home page's bytes. Prints requests/s, p50/p99, the server's RSS peak and
// each page's throughput as a share of the ceiling (markdown), and checks the
// targets below. Usage:
//   npm run build && npm run bench
//   node scripts/bench.mjs [--duration 20] [--warmup 5] [--connections 32] [--only home,search] [--port 3443] [--json] [--profile]
// --profile writes a V8 CPU profile of the server per scenario, covering only its measured seconds (taken over the
// inspector protocol), to $TMPDIR/dracin-bench-profiles/<scenario>.cpuprofile (open it in Chrome DevTools or
// summarise it with `node scripts/bench.mjs --summarise <file.cpuprofile>`: self time, and inclusive time of our
// own and Remix's main steps), or several at once with `node scripts/bench.mjs --breakdown <file.cpuprofile>...`
// (a table: each page's busy samples split into parts: React, the database, Remix, Express, GC...).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
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
import { WebSocket } from "undici";

const SCENARIOS = [
  "home",
  "drama",
  "search",
  "home-signed-in",
  "home-signed-in-render",
  "drama-signed-in",
  "watch",
  "my-list",
  "history",
  "account",
  "progress",
];
/** The drama whose page and first episode the signed-in scenarios open; every viewer has progress in it. */
const BENCH_DRAMA = "moonlit-tea-house";
/** The signed-in pages rendered every time (no page of theirs is ever cached): each is held to the share-of-ceiling target. */
const RENDERED_EVERY_TIME = ["home-signed-in-render", "drama-signed-in", "watch", "my-list", "history", "account"];
const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    duration: { type: "string", default: "20" },
    warmup: { type: "string", default: "5" },
    connections: { type: "string", default: "32" },
    only: { type: "string", multiple: true },
    port: { type: "string", default: "3443" },
    json: { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    summarise: { type: "string" },
    breakdown: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
/** A .cpuprofile with its nodes by id and each node's parent id. */
function readProfile(file) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8"));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  return { profile, byId, parent };
}
if (args.summarise) {
  // Self time per function of a .cpuprofile, top 25.
  const { profile, byId, parent } = readProfile(args.summarise);
  const self = new Map();
  const interval = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
  for (const id of profile.samples) {
    const frame = byId.get(id).callFrame;
    const key = `${frame.functionName || "(anonymous)"} ${frame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/build\//, "build/")}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  // Shares of the busy samples (idle excluded): by function, then by package.
  const idle = [...self].filter(([key]) => key.startsWith("(idle)")).reduce((sum, [, n]) => sum + n, 0);
  const busy = profile.samples.length - idle;
  console.log(
    `${profile.samples.length} samples of ${(interval / 1000).toFixed(2)} ms; ${busy} busy (${((busy / profile.samples.length) * 100).toFixed(0)} %). Self time, share of busy samples:`,
  );
  for (const [key, count] of [...self]
    .filter(([key]) => !key.startsWith("(idle)"))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)) {
    console.log(`${((count / busy) * 100).toFixed(1).padStart(5)} %  ${key}`);
  }
  const byPackage = new Map();
  for (const id of profile.samples) {
    const { url, functionName } = byId.get(id).callFrame;
    if (functionName === "(idle)") continue;
    const pkg =
      /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      (/\/build\/[^/]+$/.test(url)
        ? url.replace(/^.*\/build\//, "build/")
        : url.startsWith("node:")
          ? "node internals"
          : url === ""
            ? `(native) ${functionName}`
            : url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + 1);
  }
  // Inclusive time: a sample counts once for every distinct function on its stack.
  const inclusive = new Map();
  for (const id of profile.samples) {
    if (byId.get(id).callFrame.functionName === "(idle)") continue;
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at).callFrame;
      const key = `${frame.functionName || "(anonymous)"} ${frame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/build\//, "build/")}:${frame.lineNumber + 1}`;
      if (!seen.has(key)) {
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + 1);
      }
    }
  }
  console.log("\nInclusive time, share of busy samples (top 40):");
  for (const [key, count] of [...inclusive]
    .filter(([key]) => !/^\(root\)|^\(anonymous\) :0/.test(key))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40)) {
    console.log(`${((count / busy) * 100).toFixed(1).padStart(5)} %  ${key}`);
  }
  console.log("\nSelf time by package:");
  for (const [pkg, count] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`${((count / busy) * 100).toFixed(1).padStart(5)} %  ${pkg}`);
  }
  process.exit(0);
}
if (args.breakdown) {
  // Where each page's time goes, one column per .cpuprofile given: every busy sample counts once, in the first
  // of these parts (in this order) that a frame of its stack belongs to; shares of the busy samples.
  const parts = [
    ["GC", (frame, leaf) => leaf && frame.functionName === "(garbage collector)"],
    ["socket writes", (frame, leaf) => leaf && frame.functionName === "writev"],
    ["React render", (frame) => /^exports\.renderTo(String|StaticMarkup)$/.test(frame.functionName)],
    [
      "database (hot statements)",
      (frame) => /^hot(Rows|Row|Run)$/.test(frame.functionName) || /better-sqlite3|node_modules\/pg\//.test(frame.url),
    ],
    [
      "cookies: session token, CSRF secret",
      (frame) =>
        /^(readTokenFromHeader|csrfSecretFrom|hashToken)$/.test(frame.functionName) ||
        /cookie-signature|cookies\.js/.test(frame.url),
    ],
    ["route matching", (frame) => /^(matchRoutes|matchRoutesImpl|matchServerRoutes)$/.test(frame.functionName)],
    [
      "Fetch Request, Response, Headers",
      (frame, leaf) =>
        leaf && /undici|internal\/webstreams|internal\/abort|js_transferable|internal\/event_target/.test(frame.url),
    ],
    ["Remix (server runtime, router)", (frame, leaf) => leaf && /@remix-run|react-router/.test(frame.url)],
    [
      "Express, compression",
      (frame, leaf) =>
        leaf &&
        /node_modules\/(express|compression|accepts|negotiator|vary|on-headers|on-finished|parseurl|finalhandler|qs|send|serve-static|proxy-addr|content-type|mime|type-is)\//.test(
          frame.url,
        ),
    ],
    ["Node's HTTP, streams, timers", (frame, leaf) => leaf && frame.url.startsWith("node:")],
    ["our loaders and modules", (frame, leaf) => leaf && /\/build\/index\.js$/.test(frame.url)],
    ["other (native code, microtasks)", () => true],
  ];
  const columns = positionals.map((file) => {
    const { profile, byId, parent } = readProfile(file);
    const counts = new Map();
    let busy = 0;
    for (const id of profile.samples) {
      if (/^\((idle|program)\)$/.test(byId.get(id).callFrame.functionName)) continue;
      busy += 1;
      const frames = [];
      for (let at = id; at !== undefined; at = parent.get(at)) frames.push(byId.get(at).callFrame);
      const [name] = parts.find(([, test]) => frames.some((frame, index) => test(frame, index === 0)));
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return { name: path.basename(file, ".cpuprofile"), counts, busy };
  });
  console.log(`| share of busy samples | ${columns.map((column) => column.name).join(" | ")} |`);
  console.log(`| --- | ${columns.map(() => "---:").join(" | ")} |`);
  for (const [name] of parts)
    console.log(
      `| ${name} | ${columns.map(({ counts, busy }) => `${(((counts.get(name) ?? 0) / busy) * 100).toFixed(1)} %`).join(" | ")} |`,
    );
  process.exit(0);
}
if (args.help) {
  console.log(
    `Usage: node scripts/bench.mjs [--duration 20] [--warmup 5] [--connections 32] [--only ${SCENARIOS.join("|")}] [--port 3443] [--json]`,
  );
  process.exit(0);
}
const only = (args.only ?? []).flatMap((value) => value.split(",")).filter(Boolean);
for (const name of only) {
  if (!SCENARIOS.includes(name)) {
    console.error(`Unknown scenario "${name}"; one of: ${SCENARIOS.join(", ")}`);
    process.exit(2);
  }
}
const selected = only.length > 0 ? SCENARIOS.filter((name) => only.includes(name)) : SCENARIOS;
const duration = Number(args.duration);
const warmup = Number(args.warmup);
const connections = Number(args.connections);
const port = Number(args.port);
const ceilingPort = port + 1;
const base = `http://127.0.0.1:${port}`;
const log = (line) => process.stderr.write(`${line}\n`);

requireBuild();
// The machine is shared: the load average goes with every figure (before the run, and at the end of each scenario).
const loadBefore = os.loadavg()[0];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dracin-bench-"));
const children = [];
process.on("exit", () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

const profileDir = path.join(os.tmpdir(), "dracin-bench-profiles");
const inspectPort = port + 2;
const database = await freshBenchDatabase(dir);
const server = startBenchServer({
  port,
  databaseUrl: database.url,
  dataDir: path.join(dir, "data"),
  nodeFlags: args.profile ? [`--inspect=127.0.0.1:${inspectPort}`] : [],
});
children.push(server);

/**
 * A viewer as a browser keeps them: the session cookie, and the CSRF secret the
 * first signed-in page issues; with three dramas in My List and two in
 * Continue Watching, so the signed-in home shows both rows.
 */
async function viewer(i, dramaIds) {
  const { session, cookie } = await signedInViewer(base, i);
  const post = async (url, fields) => {
    const response = await fetch(`${base}${url}`, {
      method: "POST",
      body: new URLSearchParams(fields),
      redirect: "manual",
      headers: { cookie, Origin: base },
    });
    if (response.status >= 400) throw new Error(`viewer ${i}: ${url} answered ${response.status}`);
  };
  const picks = [0, 1, 2, 3, 4].map((n) => dramaIds[(i + n) % dramaIds.length]);
  for (const dramaId of picks.slice(0, 3)) await post("/resources/favorites", { intent: "add", dramaId });
  for (const dramaId of picks.slice(3))
    await post("/resources/progress", { episodeId: `${dramaId}-ep-1`, position: "7", seq: "1" });
  // The signed-in drama and watch pages show this progress (and, for a finished episode, the next one).
  await post("/resources/progress", { episodeId: `${BENCH_DRAMA}-ep-1`, position: "12", seq: "1" });
  return { session, cookie };
}

function cannon(options, seconds) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ connections, duration: seconds, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

await waitFor(`${base}/healthz`);

/** The server's V8 profiler over the inspector protocol: start() and stop(file) around one scenario's measured seconds. */
async function connectProfiler() {
  const targets = await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json();
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve, { once: true });
    socket.addEventListener("error", reject, { once: true });
  });
  let id = 0;
  const pending = new Map();
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data));
    pending.get(message.id)?.(message.result);
    pending.delete(message.id);
  });
  const send = (method, params = {}) =>
    new Promise((resolve) => {
      pending.set(++id, resolve);
      socket.send(JSON.stringify({ id, method, params }));
    });
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: 500 });
  return {
    start: () => send("Profiler.start"),
    async stop(file) {
      const { profile } = await send("Profiler.stop");
      fs.mkdirSync(profileDir, { recursive: true });
      fs.writeFileSync(file, JSON.stringify(profile));
    },
    close: () => socket.close(),
  };
}
const profiler = args.profile ? await connectProfiler() : null;
/** Per viewer: the session cookie alone (a first visit) and the whole cookie header a browser sends afterwards. */
const viewers = [];
if (
  selected.some(
    (name) => name.startsWith("home-signed-in") || RENDERED_EVERY_TIME.includes(name) || name === "progress",
  )
) {
  const dramaIds = await homeDramaIds(base);
  for (let i = 0; i < connections; i++) viewers.push(await viewer(i, dramaIds));
  const check = await (await fetch(`${base}/`, { headers: { cookie: viewers[0].cookie } })).text();
  if (!check.includes('action="/logout"')) throw new Error("the signed-in home page is not signed in");
  if (!check.includes('id="row-continue"') || !check.includes('id="row-my-list"'))
    throw new Error("the signed-in home shows no Continue Watching or My List");
}
const cookies = viewers.map((v) => v.cookie);

// The ceiling: the home page's bytes (as autocannon receives them: no Accept-Encoding) from a bare node:http server.
const homeResponse = await fetch(`${base}/`, { headers: { "accept-encoding": "identity" } });
const homeBytes = Buffer.from(await homeResponse.arrayBuffer());
const bodyFile = path.join(dir, "home.html");
fs.writeFileSync(bodyFile, homeBytes);
const ceiling = spawn(
  process.execPath,
  [
    "-e",
    `const body = require("fs").readFileSync(${JSON.stringify(bodyFile)});
     require("http").createServer((req, res) => {
       res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length });
       res.end(body);
     }).listen(${ceilingPort}, "127.0.0.1");`,
  ],
  { stdio: ["ignore", "ignore", "inherit"] },
);
children.push(ceiling);
await waitFor(`http://127.0.0.1:${ceilingPort}/`);

function progressSetup(client) {
  const viewer = (progressSetup.next = (progressSetup.next ?? 0) + 1) % cookies.length;
  client.setHeaders({ "content-type": "application/x-www-form-urlencoded", cookie: cookies[viewer], origin: base });
  let position = 0;
  const body = () => {
    position = (position + 0.5) % 19;
    return `episodeId=neon-rain-ep-${(viewer % 5) + 1}&position=${position.toFixed(2)}&viewingStart=0&seq=${Date.now()}`;
  };
  client.setBody(body());
  client.on("response", () => client.setBody(body()));
}

function signedInSetup(client) {
  const next = (signedInSetup.next = (signedInSetup.next ?? 0) + 1) % viewers.length;
  client.setHeaders({ cookie: viewers[next].cookie });
}

/** The session cookie without the CSRF secret: each answer issues a new secret, so no page is kept (a first visit). */
function firstVisitSetup(client) {
  const next = (firstVisitSetup.next = (firstVisitSetup.next ?? 0) + 1) % viewers.length;
  client.setHeaders({ cookie: viewers[next].session });
}

const definitions = {
  home: { label: "anonymous home `/`", options: { url: `${base}/` } },
  drama: { label: "drama page `/drama/moonlit-tea-house`", options: { url: `${base}/drama/moonlit-tea-house` } },
  search: { label: "search `/search?q=revenge`", options: { url: `${base}/search?q=revenge` } },
  "home-signed-in": {
    label: "signed-in home `/` (a browser keeping its cookies)",
    options: { url: `${base}/`, setupClient: signedInSetup },
  },
  "home-signed-in-render": {
    label: "signed-in home `/`, rendered every time (no CSRF cookie yet)",
    options: { url: `${base}/`, setupClient: firstVisitSetup },
  },
  "drama-signed-in": {
    label: `signed-in drama page with progress \`/drama/${BENCH_DRAMA}\``,
    options: { url: `${base}/drama/${BENCH_DRAMA}`, setupClient: signedInSetup },
  },
  watch: {
    label: `signed-in player page \`/watch/${BENCH_DRAMA}-ep-1\``,
    options: { url: `${base}/watch/${BENCH_DRAMA}-ep-1`, setupClient: signedInSetup },
  },
  "my-list": { label: "My List `/my-list`", options: { url: `${base}/my-list`, setupClient: signedInSetup } },
  history: { label: "watch history `/history`", options: { url: `${base}/history`, setupClient: signedInSetup } },
  account: { label: "account `/account`", options: { url: `${base}/account`, setupClient: signedInSetup } },
  progress: {
    label: "progress save `POST /resources/progress`",
    options: { url: `${base}/resources/progress`, method: "POST", setupClient: progressSetup },
  },
  ceiling: {
    label: "ceiling: bare `node:http`, same bytes",
    options: { url: `http://127.0.0.1:${ceilingPort}/` },
    pid: ceiling.pid,
  },
};

const results = [];
let overallPeak = 0;
for (const name of [...selected, "ceiling"]) {
  const definition = definitions[name];
  const pid = definition.pid ?? server.pid;
  log(`${name}: warm-up ${warmup} s, then ${duration} s with ${connections} connections…`);
  if (warmup > 0) await cannon(definition.options, warmup);
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssOf(pid));
  }, 200);
  if (profiler && name !== "ceiling") await profiler.start();
  const cpuBefore = cpuMsOf(pid);
  const result = await cannon(definition.options, duration);
  const cpuMs = cpuMsOf(pid) - cpuBefore;
  if (profiler && name !== "ceiling") await profiler.stop(path.join(profileDir, `${name}.cpuprofile`));
  clearInterval(sampler);
  if (name !== "ceiling") overallPeak = Math.max(overallPeak, peak);
  results.push({
    scenario: name,
    label: definition.label,
    requestsPerSecond: Math.round(result["2xx"] / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    rssPeakMiB: name === "ceiling" ? null : Math.round(peak / 2 ** 20),
    bytesPerResponse: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
    // The server's CPU time per answer: what a page costs, much steadier than requests/s on a busy machine.
    cpuMsPerResponse: Math.round((cpuMs / Math.max(1, result.requests.total)) * 1000) / 1000,
    loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
  });
}

const ceilingRps = results.find((r) => r.scenario === "ceiling").requestsPerSecond;
for (const r of results) r.shareOfCeiling = r.requestsPerSecond / ceilingRps;
const cpus = os.cpus();
const machine = `${cpus[0]?.model.trim() ?? "unknown CPU"}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}; load average ${loadBefore.toFixed(1)} before the run, ${os.loadavg()[0].toFixed(1)} after`;

const row = (r) =>
  `| ${r.label} | ${r.requestsPerSecond.toLocaleString("en")} | ${r.p50} ms | ${r.p99} ms | ${r.rssPeakMiB === null ? "—" : `${r.rssPeakMiB} MiB`} | ${(r.shareOfCeiling * 100).toFixed(1)} % | ${Number.isNaN(r.cpuMsPerResponse) ? "—" : `${r.cpuMsPerResponse.toFixed(2)} ms`} | ${r.non2xx + r.errors} | ${r.loadAverage.toFixed(1)} |`;
const find = (name) => results.find((r) => r.scenario === name);
const targets = [];
const home = find("home");
if (home)
  targets.push(
    `anonymous home ≥ 10 % of the ceiling: ${(home.shareOfCeiling * 100).toFixed(1)} % — ${home.shareOfCeiling >= 0.1 ? "met" : "NOT met"}`,
  );
const signedIn = find("home-signed-in");
if (signedIn)
  targets.push(
    `signed-in home ≥ 1,000 requests/s: ${signedIn.requestsPerSecond.toLocaleString("en")} — ${signedIn.requestsPerSecond >= 1000 ? "met" : "NOT met"}`,
  );
const pages = results.filter((r) => r.scenario !== "ceiling");
const worstP99 = Math.max(...pages.map((r) => r.p99));
targets.push(
  `p99 ≤ 50 ms at ${connections} connections: worst ${worstP99} ms — ${worstP99 <= 50 ? "met" : "NOT met"} (${
    pages
      .filter((r) => r.p99 > 50)
      .map((r) => r.scenario)
      .join(", ") || "all pages"
  }${pages.some((r) => r.p99 > 50) ? " over" : " within"})`,
);
// Signed-in pages rendered for every request (no page cache of any kind takes part).
for (const r of results.filter((r) => RENDERED_EVERY_TIME.includes(r.scenario)))
  targets.push(
    `${r.scenario} (rendered every time) ≥ 10 % of the ceiling: ${(r.shareOfCeiling * 100).toFixed(1)} % — ${r.shareOfCeiling >= 0.1 ? "met" : "NOT met"}`,
  );
const progress = find("progress");
const progressTarget = database.engine === "postgresql" ? 1200 : 1500;
if (progress)
  targets.push(
    `progress saves ≥ ${progressTarget.toLocaleString("en")}/s: ${progress.requestsPerSecond.toLocaleString("en")} — ${progress.requestsPerSecond >= progressTarget ? "met" : "NOT met"}`,
  );
targets.push(
  `server RSS ≤ 250 MB under load: peak ${overallPeak ? Math.round(overallPeak / 2 ** 20) : "?"} MiB (${Math.round(overallPeak / 1e6)} MB) — ${overallPeak <= 250e6 ? "met" : "NOT met"}`,
);

const failed = results.some((r) => r.non2xx + r.errors > 0);
if (args.json) {
  console.log(
    JSON.stringify(
      { date: new Date().toISOString(), machine, connections, duration, warmup, results, targets },
      null,
      2,
    ),
  );
} else {
  console.log(`\n${new Date().toISOString().slice(0, 10)} — ${machine}`);
  console.log(
    `autocannon ${connections} connections, ${warmup} s warm-up + ${duration} s per scenario, production build, ${database.engine === "postgresql" ? "PostgreSQL" : "SQLite"}, 127.0.0.1\n`,
  );
  console.log(
    "| scenario | requests/s | p50 | p99 | server RSS peak | share of ceiling | server CPU per answer | non-2xx + errors | load average |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of results) console.log(row(r));
  console.log(
    `\nTargets (2-core machine, SQLite; measured here on ${database.engine === "postgresql" ? "PostgreSQL" : "SQLite"}):\n${targets.map((t) => `- ${t}`).join("\n")}`,
  );
}
profiler?.close();
server.kill("SIGTERM");
ceiling.kill("SIGTERM");
await new Promise((resolve) => (server.exitCode === null ? server.once("exit", resolve) : resolve()));
if (args.profile)
  log(
    `CPU profiles of the server, one per scenario: ${profileDir}/<scenario>.cpuprofile (summary: node scripts/bench.mjs --summarise <file>)`,
  );
process.exit(failed ? 1 : 0);
