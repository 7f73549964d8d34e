/**
 * The built server (`npm run build`) as production runs it, for tests of the
 * HTTP layer itself (Node's parser and timeouts, express, compression, static
 * files, streaming, shutdown) that the loaders alone cannot show: on
 * 127.0.0.1, on this test file's own migrated database (SQLite file or
 * PostgreSQL database, tests/setup/worker-setup.ts, with the same
 * SESSION_SECRET, so users and cookies made in the test work there), with its
 * log collected. Plus raw connections, for what a well-behaved client never
 * sends.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

export interface BuiltServer {
  base: string;
  port: number;
  process: ChildProcess;
  /** Everything it logged so far (stdout and stderr: JSON log lines). */
  output: () => string;
  /** Its exit code once it exits (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves once `check` is true; fails with the server's log after `timeoutMs`. */
  waitFor: (check: () => Promise<boolean> | boolean, what: string, timeoutMs?: number) => Promise<void>;
  /** SIGKILL if it still runs; resolves once it has exited. */
  stop: () => Promise<void>;
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
    port,
    process: child,
    output: () => output,
    exited,
    waitFor,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/** The status line's code of a raw HTTP answer, or null when the connection closed without one. */
export function statusOf(answer: string): number | null {
  const match = /^HTTP\/1\.1 (\d{3}) /.exec(answer);
  return match ? Number(match[1]) : null;
}

export interface Exchange {
  /** Everything the server sent before it closed the connection. */
  answer: string;
  /** When the connection closed, in ms after it opened. */
  ms: number;
  /** Bytes the client had written by then. */
  sent: number;
  /** Bytes the client had written when the first byte of the answer arrived (null: no answer). */
  sentAtAnswer: number | null;
}

/**
 * A raw connection to `port`: `talk` writes whatever it likes (and may keep writing: the function it
 * returns is called when the connection closes); resolves when the server closes the connection, or
 * after `giveUpMs` (then the client closes it).
 */
export function exchange(
  port: number,
  talk: (write: (data: string | Buffer) => void) => (() => void) | void,
  giveUpMs = 15_000,
): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const started = Date.now();
    let answer = "";
    let sent = 0;
    let sentAtAnswer: number | null = null;
    let stop: (() => void) | void;
    const giveUp = setTimeout(() => socket.destroy(), giveUpMs);
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      sentAtAnswer ??= sent;
      answer += chunk;
    });
    // A reset after the answer (the server stopped reading what was still coming) is a close like any other.
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(giveUp);
      stop?.();
      resolve({ answer, ms: Date.now() - started, sent, sentAtAnswer });
    });
    socket.on("connect", () => {
      stop = talk((data) => {
        if (!socket.writable) return;
        if (typeof data === "string") socket.write(data, "latin1");
        else socket.write(data);
        sent += typeof data === "string" ? Buffer.byteLength(data, "latin1") : data.length;
      });
    });
  });
}
