/**
 * Graceful shutdown of the built server (server/index.ts, docs/deploy.md):
 * on SIGTERM a request in flight (a drama page waiting on a slow catalog
 * upstream) still completes with 200, new connections are refused, and the
 * process exits 0 after logging each step. Needs `npm run build` (as `npm test` does).
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loader as readyLoader } from "~/routes/readyz";
import { isDraining, startDraining } from "~/utils/lifecycle.server";
import { startBuiltServer, type BuiltServer } from "../helpers/built-server";
import { startFaultUpstream, type FaultUpstream } from "../helpers/fault-upstream";
import { getRequest } from "../helpers/requests";
import { callRoute } from "../helpers/route";

const root = path.resolve(import.meta.dirname, "..", "..");
const PORT = 3442;
const SLOW_MS = 1_500;

let upstream: FaultUpstream;
let server: BuiltServer;

function get(pathname: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${server.base}${pathname}`, { agent: false }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

beforeAll(async () => {
  upstream = await startFaultUpstream();
  const dir = path.join(root, "tests", ".tmp", `h-shutdown-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  server = await startBuiltServer(
    PORT,
    {
      // PostgreSQL runs: this file's own database (tests/setup/worker-setup.ts), so the pool's shutdown is tested.
      DATABASE_URL: inject("dracinPostgres") ? process.env.DATABASE_URL : `file:${path.join(dir, "db.sqlite")}`,
      DATA_DIR: path.join(dir, "data"),
      CATALOG_PROVIDER: "http",
      CATALOG_API_URL: upstream.url,
      CATALOG_TIMEOUT_MS: "10000",
    },
    { migrate: true },
  );
}, 60_000);

afterAll(async () => {
  await server.stop();
  await upstream.close();
});

describe("graceful shutdown", () => {
  it("finishes the request in flight, refuses new connections and exits 0", async () => {
    upstream.setFault({ kind: "slow", delayMs: SLOW_MS });
    const started = Date.now();
    // A drama page not in the catalog cache: it waits on the slow upstream.
    const inFlight = get("/drama/ext:moonlit-tea-house");
    await server.waitFor(() => upstream.count("/v1/dramas/moonlit-tea-house") > 0, "the request to reach the upstream");

    server.process.kill("SIGTERM");
    await server.waitFor(() => server.output().includes("shutdown: not listening"), "the drain to start", 5_000);

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

    expect(await server.exited).toBe(0);
    const output = server.output();
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
