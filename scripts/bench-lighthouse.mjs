#!/usr/bin/env node
// Lighthouse on the production build (not a timed test): mobile defaults (slow 4G, 4× CPU slowdown), three runs
// per page, the median of each score and of LCP, TBT and CLS, printed as a markdown table. The server runs on a
// fresh SQLite database with the demo catalog; /watch needs a viewer, so one is signed up through the real form
// and Lighthouse sends its session cookie on that page only. Usage:
//   npm run build && npm run bench:lighthouse
//   node scripts/bench-lighthouse.mjs [--page home|browse|search|drama|login|watch]... [--runs 3] [--port 3487] [--json]
//     [--save DIR]   (each run's full Lighthouse report as DIR/<page>-<run>.json: the profile audits, bootup-time and
//                     mainthread-work-breakdown, list the time per script and per kind of work)
// Chromium (CHROME_PATH, /usr/bin/chromium by default) runs headless with background networking off: the
// machine may have no internet, and nothing but the page should use the network or the CPU.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { freshBenchDatabase } from "./bench-database.mjs";
import { CHROMIUM_FLAGS } from "./chromium-flags.mjs";
import { register, requireBuild, root, startBenchServer, waitFor } from "./bench-server.mjs";

const PAGES = ["home", "browse", "search", "drama", "login", "watch"];
const CHROME_FLAGS = [
  "--headless",
  ...CHROMIUM_FLAGS,
  "--disable-quic",
  "--disable-default-apps",
  "--disable-extensions",
  "--mute-audio",
];

const { values: args } = parseArgs({
  options: {
    page: { type: "string", multiple: true },
    runs: { type: "string", default: "3" },
    port: { type: "string", default: "3487" },
    json: { type: "boolean", default: false },
    save: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(
    `Usage: node scripts/bench-lighthouse.mjs [--page ${PAGES.join("|")}]... [--runs 3] [--port 3487] [--json] [--save DIR]`,
  );
  process.exit(0);
}
const pages = args.page ?? PAGES;
const unknown = pages.filter((page) => !PAGES.includes(page));
if (unknown.length > 0) {
  console.error(`Unknown page: ${unknown.join(", ")} (one of ${PAGES.join(", ")})`);
  process.exit(1);
}
const runs = Math.max(1, Number(args.runs) || 3);
requireBuild();

// The featured demo drama and its first episode (ids as app/catalog/local.server.ts makes them).
const demoData = fs.readFileSync(path.join(root, "app", "catalog", "demo-data.ts"), "utf8");
const dramaId = /FEATURED_DRAMA_ID = "([^"]+)"/.exec(demoData)?.[1];
if (!dramaId) throw new Error("FEATURED_DRAMA_ID not found in app/catalog/demo-data.ts");
const PATHS = {
  home: "/",
  browse: "/browse",
  search: "/search",
  drama: `/drama/${dramaId}`,
  login: "/login",
  watch: `/watch/${dramaId}-ep-1`,
};

const port = Number(args.port);
const base = `http://127.0.0.1:${port}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dracin-lighthouse-"));
const database = await freshBenchDatabase(dir);
// PUBLIC_URL as a deployment sets it: the language alternates are then absolute, as search engines want them.
const server = startBenchServer({
  port,
  databaseUrl: database.url,
  dataDir: dir,
  env: { PUBLIC_URL: `http://127.0.0.1:${port}` },
});
let chrome;
const stop = () => {
  server.kill();
  chrome?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
};
process.on("SIGINT", () => {
  stop();
  process.exit(130);
});

function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The parts of a Lighthouse result the table shows, plus the failing audits of the four categories. */
function summarise(lhr) {
  const score = (id) => Math.round((lhr.categories[id]?.score ?? Number.NaN) * 100);
  const failing = [];
  for (const id of ["accessibility", "best-practices", "seo"]) {
    for (const ref of lhr.categories[id]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) failing.push(`${id}: ${ref.id}`);
    }
  }
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    seo: score("seo"),
    lcp: lhr.audits["largest-contentful-paint"]?.numericValue ?? Number.NaN,
    tbt: lhr.audits["total-blocking-time"]?.numericValue ?? Number.NaN,
    cls: lhr.audits["cumulative-layout-shift"]?.numericValue ?? Number.NaN,
    bootup: lhr.audits["bootup-time"]?.numericValue ?? Number.NaN,
    mainThread: lhr.audits["mainthread-work-breakdown"]?.numericValue ?? Number.NaN,
    failing,
  };
}

/**
 * One Lighthouse run of `page` in a fresh Chromium (its own empty profile: Lighthouse clears caches and storage
 * between runs but keeps cookies, and a cookie an earlier page set would stand in for the viewer's session). A run
 * whose trace failed (it happens on a busy machine) is retried twice.
 */
async function measure(page, session) {
  for (let attempt = 1; ; attempt++) {
    chrome = await chromeLauncher.launch({
      chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
      chromeFlags: CHROME_FLAGS,
    });
    const runnerResult = await lighthouse(
      `${base}${PATHS[page]}`,
      { port: chrome.port, output: "json", logLevel: "error" },
      {
        extends: "lighthouse:default",
        settings: {
          onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
          // Only the signed-in page gets the cookie; the others are measured as a visitor sees them.
          extraHeaders: page === "watch" ? { Cookie: session } : undefined,
        },
      },
    ).finally(() => chrome.kill());
    const error = runnerResult ? runnerResult.lhr.runtimeError : { message: "no result" };
    if (!error) {
      // Measured the page asked for, not a redirect (to /login, say).
      const landed = new URL(runnerResult.lhr.finalDisplayedUrl).pathname;
      if (landed !== PATHS[page]) throw new Error(`${PATHS[page]} ended at ${landed}`);
      return runnerResult.lhr;
    }
    if (attempt === 3) throw new Error(`${page}: ${error.message}`);
    process.stderr.write(`(${page}: ${error.code ?? error.message}, again) `);
  }
}

const results = [];
try {
  await waitFor(`${base}/healthz`);
  const session = await register(base, 1);
  for (const page of ["drama", "watch"]) {
    const status = (await fetch(`${base}${PATHS[page]}`, { headers: { cookie: session }, redirect: "manual" })).status;
    if (status !== 200) throw new Error(`${PATHS[page]} answered ${status}`);
  }
  const load = os.loadavg()[0];
  for (const page of pages) {
    const samples = [];
    for (let run = 0; run < runs; run++) {
      const lhr = await measure(page, session);
      if (args.save) {
        fs.mkdirSync(args.save, { recursive: true });
        fs.writeFileSync(path.join(args.save, `${page}-${run + 1}.json`), JSON.stringify(lhr));
      }
      samples.push(summarise(lhr));
      process.stderr.write(".");
    }
    const pick = (key) => median(samples.map((sample) => sample[key]));
    results.push({
      page,
      path: PATHS[page],
      performance: pick("performance"),
      accessibility: pick("accessibility"),
      bestPractices: pick("bestPractices"),
      seo: pick("seo"),
      lcp: pick("lcp"),
      tbt: pick("tbt"),
      cls: pick("cls"),
      bootup: pick("bootup"),
      mainThread: pick("mainThread"),
      failing: [...new Set(samples.flatMap((sample) => sample.failing))],
      runs: samples.map((sample) => sample.performance),
    });
  }
  process.stderr.write("\n");
  if (args.json) {
    console.log(JSON.stringify({ load, results }, null, 2));
  } else {
    const date = new Date().toISOString().slice(0, 16).replace("T", " ");
    console.log(
      `Lighthouse ${runs} run(s) per page, median; ${date} UTC, load average ${load.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after`,
    );
    console.log("");
    console.log(
      "| page | performance (runs) | accessibility | best practices | SEO | LCP | TBT | CLS | script eval + parse | main thread |",
    );
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const r of results) {
      console.log(
        `| ${r.path} | ${r.performance} (${r.runs.join(", ")}) | ${r.accessibility} | ${r.bestPractices} | ${r.seo} | ${(r.lcp / 1000).toFixed(1)} s | ${Math.round(r.tbt)} ms | ${r.cls.toFixed(3)} | ${Math.round(r.bootup)} ms | ${Math.round(r.mainThread)} ms |`,
      );
    }
    const failing = results.filter((r) => r.failing.length > 0);
    if (failing.length > 0) {
      console.log("");
      console.log("Audits below full marks (accessibility, best practices, SEO):");
      for (const r of failing) console.log(`- ${r.path}: ${r.failing.join(", ")}`);
    }
  }
} finally {
  stop();
}
