/**
 * A real rsyslog (Debian's `rsyslogd`) for the audit shipper's tests: run in
 * the foreground with its own config, pid file and work folder in a temp
 * folder, listening with imtcp and imudp on free 127.0.0.1 ports, writing each
 * message it receives as it came (`%rawmsg%`, structured data included) to
 * tcp.log or udp.log by the input it came through, and the header fields and
 * structured data as its own RFC 5424 parser read them to *.log.parsed. It can be stopped and
 * started again on the same ports (a receiver outage).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import dgram from "node:dgram";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** A message's header fields and structured data as rsyslog parsed them ("-" where it found none). */
export interface RsyslogParsed {
  pri: string;
  hostname: string;
  appName: string;
  procId: string;
  msgId: string;
  structuredData: string;
}

export interface Rsyslog {
  tcpPort: number;
  udpPort: number;
  /** Starts it (again); resolves once both inputs receive. */
  start: () => Promise<void>;
  /** Stops it (SIGTERM, then SIGKILL after 5 s); resolves once it has exited. */
  stop: () => Promise<void>;
  /** The messages received so far on each input, one per line (probes left out). */
  received: (input: "tcp" | "udp") => string[];
  /** The same messages as rsyslog's own RFC 5424 parser read them (probes included). */
  parsed: (input: "tcp" | "udp") => RsyslogParsed[];
  /** Stops it and removes its folder. */
  dispose: () => Promise<void>;
}

/** rsyslogd from PATH, else from /usr/sbin or /sbin (Debian installs it there, often not on a user's PATH). */
export function findRsyslogd(): string {
  const found = spawnSync("sh", ["-c", "command -v rsyslogd"], { encoding: "utf8" }).stdout.trim();
  if (found) return found;
  for (const candidate of ["/usr/sbin/rsyslogd", "/sbin/rsyslogd"]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error("rsyslogd not found: install Debian's rsyslog package (node scripts/test-tools.mjs does)");
}

async function freePort(kind: "tcp" | "udp"): Promise<number> {
  if (kind === "tcp") {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(resolve));
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PROBE = "dracin-test-probe";

export async function startRsyslog(): Promise<Rsyslog> {
  const binary = findRsyslogd();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dracin-rsyslog-"));
  const workDir = path.join(dir, "work");
  fs.mkdirSync(workDir);
  const tcpPort = await freePort("tcp");
  const udpPort = await freePort("udp");
  const logs = { tcp: path.join(dir, "tcp.log"), udp: path.join(dir, "udp.log") };
  const config = path.join(dir, "rsyslog.conf");
  const pidFile = path.join(dir, "rsyslogd.pid");
  fs.writeFileSync(
    config,
    `global(workDirectory="${workDir}" maxMessageSize="64k")
module(load="imtcp")
module(load="imudp")
template(name="raw" type="string" string="%rawmsg%\\n")
template(name="parsed" type="string" string="%pri%|%hostname%|%app-name%|%procid%|%msgid%|%structured-data%\\n")
ruleset(name="tcp") {
  action(type="omfile" file="${logs.tcp}" template="raw" flushOnTXEnd="on")
  action(type="omfile" file="${logs.tcp}.parsed" template="parsed" flushOnTXEnd="on")
}
ruleset(name="udp") {
  action(type="omfile" file="${logs.udp}" template="raw" flushOnTXEnd="on")
  action(type="omfile" file="${logs.udp}.parsed" template="parsed" flushOnTXEnd="on")
}
input(type="imtcp" address="127.0.0.1" port="${tcpPort}" ruleset="tcp")
input(type="imudp" address="127.0.0.1" port="${udpPort}" ruleset="udp")
`,
  );
  let child: ChildProcess | null = null;
  let output = "";
  let exited: Promise<void> = Promise.resolve();

  const read = (input: "tcp" | "udp", suffix = "") => {
    try {
      return fs.readFileSync(logs[input] + suffix, "utf8");
    } catch {
      return "";
    }
  };

  const start = async () => {
    if (child) return;
    fs.rmSync(pidFile, { force: true });
    const proc = spawn(binary, ["-n", "-f", config, "-i", pidFile], { stdio: ["ignore", "pipe", "pipe"] });
    child = proc;
    proc.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    proc.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((resolve) => proc.once("exit", () => resolve()));
    // Ready when a probe sent through each input is in its file.
    const probe = `${PROBE}-${Date.now()}`;
    const deadline = Date.now() + 15_000;
    const udp = dgram.createSocket("udp4");
    try {
      for (;;) {
        if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`rsyslogd exited:\n${output}`);
        if (Date.now() > deadline) throw new Error(`rsyslogd did not start receiving:\n${output}`);
        const message = Buffer.from(`<13>1 - - - - - - ${probe}`);
        udp.send(message, udpPort, "127.0.0.1");
        await new Promise<void>((resolve) => {
          const socket = net.connect(tcpPort, "127.0.0.1", () =>
            socket.end(Buffer.concat([Buffer.from(`${message.length} `), message])),
          );
          socket.on("error", () => resolve());
          socket.on("close", () => resolve());
        });
        await sleep(100);
        if (read("tcp").includes(probe) && read("udp").includes(probe)) return;
      }
    } finally {
      udp.close();
    }
  };

  const stop = async () => {
    const proc = child;
    if (!proc) return;
    child = null;
    proc.kill("SIGTERM");
    const killer = setTimeout(() => proc.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(killer);
  };

  await start();
  return {
    tcpPort,
    udpPort,
    start,
    stop,
    received: (input) =>
      read(input)
        .split("\n")
        .filter((line) => line !== "" && !line.includes(PROBE)),
    parsed: (input) =>
      read(input, ".parsed")
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => {
          const [pri = "", hostname = "", appName = "", procId = "", msgId = "", ...sd] = line.split("|");
          return { pri, hostname, appName, procId, msgId, structuredData: sd.join("|") };
        }),
    dispose: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
