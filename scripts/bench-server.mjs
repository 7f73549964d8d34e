// What the benchmarks share (scripts/bench.mjs, scripts/bench-export.mjs, scripts/bench-soak.mjs): the
// built server started as `npm run serve` starts it, waiting for a URL, an
// account signed up through the real form, and a process's resident memory.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");

/**
 * The server runs as `npm start` / `npm run serve` run it (package.json): V8's old generation capped at 192 MB.
 * Without a cap V8 lets garbage pile up under load (the live heap is ~60–90 MB, the heap grew to 180+ MB and RSS to
 * ~300 MiB); with it RSS stays near 200–240 MiB in the page benchmark at the same throughput, and levels off near
 * 295 MiB under the soak's mix (docs/PERFORMANCE.md).
 */
export const SERVER_NODE_FLAGS = ["--max-old-space-size=192"];

/** Exits with a message when there is no build. */
export function requireBuild() {
  if (!fs.existsSync(path.join(root, "build", "server.js"))) {
    console.error('No build found: run "npm run build" first.');
    process.exit(1);
  }
}

/**
 * Starts scripts/start.mjs (migrations, then the built server) on 127.0.0.1:`port` in production mode.
 * @param {{ port: number, databaseUrl: string, dataDir: string, nodeFlags?: string[], env?: Record<string, string>, stdio?: import("node:child_process").StdioOptions }} options
 */
export function startBenchServer({ port, databaseUrl, dataDir, nodeFlags = [], env = {}, stdio }) {
  return spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeFlags, path.join(root, "scripts", "start.mjs")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      BCRYPT_COST: "10",
      REGISTER_LIMIT_PER_HOUR: "100000",
      LOG_LEVEL: "warn",
      CATALOG_PROVIDER: "local",
      ...env,
    },
    stdio: stdio ?? ["ignore", "ignore", "inherit"],
  });
}

/** Resolves once `url` answers 2xx (`seconds` at most, 30 by default). */
export async function waitFor(url, seconds = 30) {
  for (let i = 0; i < seconds * 5; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer`);
}

/** Neither the name nor the email may appear in the password (the password policy refuses personal words). */
export const BENCH_PASSWORD = "amber lantern river 7 tiger";

/** Signs up load-<i>@example.test through the register form; returns the session cookie ("name=value"). */
export async function register(base, i) {
  const body = new URLSearchParams({ name: `Viewer ${i}`, email: `load-${i}@example.test`, password: BENCH_PASSWORD });
  // Origin: as a browser's form post sends it (the CSRF check wants it or a token).
  const response = await fetch(`${base}/register`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { Origin: base },
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("dracin_session="));
  if (!cookie) throw new Error(`register ${i} failed: ${response.status}`);
  return cookie.split(";")[0];
}

/**
 * A viewer as a browser keeps them after the first signed-in page: signs up load-<i>@example.test, opens the home
 * page once and keeps the CSRF secret it issued. Returns the session cookie alone and the whole cookie header.
 */
export async function signedInViewer(base, i) {
  const session = await register(base, i);
  const first = await fetch(`${base}/`, { headers: { cookie: session } });
  const csrf = first.headers.getSetCookie().find((c) => c.startsWith("dracin_csrf="));
  if (!csrf) throw new Error(`viewer ${i}: the signed-in home issued no CSRF cookie`);
  return { session, cookie: `${session}; ${csrf.split(";")[0]}` };
}

/** The drama ids the anonymous home page links to (at least five). */
export async function homeDramaIds(base) {
  const anonymous = await (await fetch(`${base}/`)).text();
  const dramaIds = [...new Set([...anonymous.matchAll(/href="\/drama\/([a-z0-9-]+)"/g)].map((match) => match[1]))];
  if (dramaIds.length < 5) throw new Error("the home page lists fewer than five dramas");
  return dramaIds;
}

/** Signs in through the login form; returns the session cookie ("name=value"). */
export async function signIn(base, email, password = BENCH_PASSWORD) {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
    headers: { Origin: base },
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("dracin_session="));
  if (!cookie) throw new Error(`sign-in of ${email} failed: ${response.status}`);
  return cookie.split(";")[0];
}

/** Resident memory of a process in bytes (VmRSS), 0 once it is gone. */
export function rssOf(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

// CPU time the process has used (user + system), in ms, from /proc/<pid>/stat (fields 14 and 15, in clock ticks).
const CLOCK_TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
export function cpuMsOf(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}
