/**
 * Graceful shutdown of the built server (server/index.ts, docs/deploy.md):
 * on SIGTERM a request in flight (a drama page waiting on a slow catalog
 * upstream) still completes with 200, new connections are refused, and the
 * process exits 0 after logging each step. Needs `npm run build` (as `npm test` does).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loader as readyLoader } from "~/routes/readyz";
import { isDraining, startDraining } from "~/utils/lifecycle.server";
import { startFaultUpstream, type FaultUpstream } from "../helpers/fault-upstream";
import { getRequest } from "../helpers/requests";
import { callRoute } from "../helpers/route";

const root = path.resolve(import.meta.dirname, "..", "..");
const PORT = 3442;
const base = `http://127.0.0.1:${PORT}`;
const SLOW_MS = 1_500;

let upstream: FaultUpstream;
let server: ChildProcess;
let output = "";

function get(pathname: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}${pathname}`, { agent: false }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}; server output:\n${output}`);
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(root, "build", "server.js"))) throw new Error('No build: run "npm run build" first.');
  upstream = await startFaultUpstream();
  const dir = path.join(root, "tests", ".tmp", `h-shutdown-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  server = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(PORT),
      // PostgreSQL runs: this file's own database (tests/setup/worker-setup.ts), so the pool's shutdown is tested.
      DATABASE_URL: inject("dracinPostgres") ? process.env.DATABASE_URL : `file:${path.join(dir, "db.sqlite")}`,
      DATA_DIR: path.join(dir, "data"),
      LOG_LEVEL: "info",
      CATALOG_PROVIDER: "http",
      CATALOG_API_URL: upstream.url,
      CATALOG_TIMEOUT_MS: "10000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(
    () =>
      get("/healthz").then(
        (r) => r.status === 200,
        () => false,
      ),
    "the server to start",
  );
}, 60_000);

afterAll(async () => {
  if (server.exitCode === null) server.kill("SIGKILL");
  await upstream.close();
});

describe("graceful shutdown", () => {
  it("finishes the request in flight, refuses new connections and exits 0", async () => {
    upstream.setFault({ kind: "slow", delayMs: SLOW_MS });
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    const started = Date.now();
    // A drama page not in the catalog cache: it waits on the slow upstream.
    const inFlight = get("/drama/ext:moonlit-tea-house");
    await waitFor(() => upstream.count("/v1/dramas/moonlit-tea-house") > 0, "the request to reach the upstream");

    server.kill("SIGTERM");
    await waitFor(() => output.includes("shutdown: not listening"), "the drain to start", 5_000);

    // No new connections while the request runs.
    const refused = await get("/healthz").then(
      (r) => `answered ${r.status}`,
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect(refused).toBe("ECONNREFUSED");

    const page = await inFlight;
    expect(page.status).toBe(200);
    expect(page.body).toContain("Moonlit Tea House");
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_MS - 100);

    expect(await exited).toBe(0);
    const steps = [
      "shutdown: draining, no new connections",
      "shutdown: not listening",
      "shutdown: in-flight requests finished, connections closed",
      "shutdown: database disconnected, exiting",
    ];
    const positions = steps.map((step) => output.indexOf(step));
    expect(
      positions.every((at) => at >= 0),
      output,
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  }, 30_000);

  it("/readyz answers 503 while draining", async () => {
    expect((await callRoute(readyLoader, getRequest("/readyz"))).status).toBe(200);
    expect(isDraining()).toBe(false);
    startDraining();
    const draining = await callRoute(readyLoader, getRequest("/readyz"));
    expect(draining.status).toBe(503);
    expect(JSON.parse(draining.text ?? "{}")).toMatchObject({ status: "draining", database: { status: "ok" } });
  });
});
