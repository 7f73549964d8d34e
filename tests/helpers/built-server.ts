/**
 * The built server (`npm run build`) as production runs it: scripts/start.mjs
 * in a child process on 127.0.0.1, on this test file's database (the same
 * DATABASE_URL and SESSION_SECRET, so users and cookies made in the test work
 * there), with its log collected. For tests of the HTTP layer itself
 * (shutdown, streaming) that the loaders alone cannot show.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

export interface BuiltServer {
  base: string;
  process: ChildProcess;
  /** Everything it logged so far (stdout and stderr). */
  output: () => string;
  /** Its exit code once it exits (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves once `check` is true; fails with the server's log after `timeoutMs`. */
  waitFor: (check: () => Promise<boolean> | boolean, what: string, timeoutMs?: number) => Promise<void>;
  /** SIGKILL if it still runs. */
  stop: () => void;
}

/**
 * Starts the build on `port` and resolves once /healthz answers 200. `migrate`: through scripts/start.mjs, which
 * migrates the database first (one of the server's own); otherwise build/server.js on the test set-up's database.
 */
export async function startBuiltServer(
  port: number,
  env: Record<string, string | undefined> = {},
  { migrate = false }: { migrate?: boolean } = {},
): Promise<BuiltServer> {
  if (!fs.existsSync(path.join(root, "build", "server.js"))) throw new Error('No build: run "npm run build" first.');
  const base = `http://127.0.0.1:${port}`;
  const entry = migrate ? path.join(root, "scripts", "start.mjs") : path.join(root, "build", "server.js");
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "info",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const waitFor = async (check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000) => {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out waiting for ${what}; server output:\n${output}`);
  };
  const healthy = () =>
    new Promise<boolean>((resolve) => {
      http
        .get(`${base}/healthz`, { agent: false }, (response) => {
          response.resume();
          resolve(response.statusCode === 200);
        })
        .on("error", () => resolve(false));
    });
  try {
    await waitFor(healthy, "the server to start", 30_000);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return {
    base,
    process: child,
    output: () => output,
    exited,
    waitFor,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}
