/**
 * The built server (`build/server.js`, the real HTTP stack: Node's parser and
 * timeouts, express, compression, static files, every route) on 127.0.0.1,
 * spawned on this test file's own migrated database (SQLite file or
 * PostgreSQL database, tests/setup/worker-setup.ts), so `createUser()`
 * cookies work against it. Needs `npm run build` (as `npm test` does).
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
  /** The process id (to read its memory from /proc). */
  pid: number;
  /** Everything it printed so far (JSON log lines). */
  output: () => string;
  stop: () => Promise<void>;
}

function healthy(base: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(`${base}/healthz`, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on("error", () => resolve(false));
  });
}

/** Starts the built server on `port` with `env` over the test environment, and waits until it answers. */
export async function startBuiltServer(port: number, env: Record<string, string> = {}): Promise<BuiltServer> {
  if (!fs.existsSync(path.join(root, "build", "server.js"))) throw new Error('No build: run "npm run build" first.');
  let output = "";
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "build", "server.js")], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 20_000;
  while (!(await healthy(base))) {
    if (child.exitCode !== null || Date.now() > until) {
      child.kill("SIGKILL");
      throw new Error(`the built server did not start; its output:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    base,
    port,
    pid: child.pid ?? 0,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
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
    let stop: (() => void) | void;
    const giveUp = setTimeout(() => socket.destroy(), giveUpMs);
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (answer += chunk));
    // A reset after the answer (the server stopped reading what was still coming) is a close like any other.
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(giveUp);
      stop?.();
      resolve({ answer, ms: Date.now() - started, sent });
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
