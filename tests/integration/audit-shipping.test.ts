/**
 * Shipping the audit trail to a real rsyslog (started here on free loopback
 * ports, tests/helpers/rsyslog.ts), on the engine under test: every sealed row
 * is logged as a JSON line and arrives as an RFC 5424 message over TCP and
 * over UDP, escaping intact; while the receiver is down the rows stay in the
 * database and the backlog shows on /readyz and /metrics, then drains with
 * every row delivered at least once; with two instances one ships at a time
 * and the other takes over when it dies.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { writeAudit, type AuditEvent } from "~/models/audit.server";
import { readHead, sealPending, settleSealing } from "~/models/audit-seal.server";
import { SHIP_JOB, shippingHealth, shippingStatus, startAuditShipping } from "~/models/audit-shipping.server";
import { loader as metricsLoader } from "~/routes/metrics";
import { loader as readyLoader } from "~/routes/readyz";
import { prisma } from "~/utils/db.server";
import { jobState } from "~/utils/lease.server";
import { setLogDestination } from "~/utils/log.server";
import { callRoute } from "../helpers/route";
import { getRequest } from "../helpers/requests";
import { startRsyslog, type Rsyslog } from "../helpers/rsyslog";
import { paramsOf, parseSyslog, type ParsedSyslog } from "../helpers/syslog-parse";

const logLines = vi.hoisted(() => {
  // The audit lines are info lines; the test set-up silences the log.
  process.env.LOG_LEVEL = "info";
  return [] as string[];
});
setLogDestination({ write: (line: string) => void logLines.push(line) });

const root = path.resolve(import.meta.dirname, "../..");
const info = { ipAddress: "198.51.100.23", userAgent: "audit-shipping test" };
const HOSTILE_UA = 'evil"] [forged@1 x="y"]\\\r\n<13>1 2026-01-01T00:00:00Z fake - - - - injected line';
const HOSTILE_NOTE = 'quote " bracket ] backslash \\ newline \n end';

let rsyslog: Rsyslog;
let stopShipping: (() => Promise<void>) | null = null;
let child: ChildProcess | null = null;

function ship(url: string | null, options: { leaseMs?: number; intervalMs?: number } = {}) {
  stopShipping = startAuditShipping({ url, ...options });
}

async function stopShipper() {
  await stopShipping?.();
  stopShipping = null;
}

async function sealed() {
  await settleSealing();
  await sealPending();
}

/** Writes rows whose entityId is `${tag}#${i}`, sealed; returns their ids in seq order. */
async function writeRows(tag: string, count: number, extra: Partial<AuditEvent> = {}): Promise<string[]> {
  for (let i = 0; i < count; i += 1) {
    await writeAudit({
      action: i % 2 === 0 ? "LOGIN_FAILURE" : "PROFILE_UPDATE",
      entityType: "Test",
      entityId: `${tag}#${i}`,
      metadata: { tag, i },
      info,
      ...extra,
    });
  }
  await sealed();
  const rows = await prisma.auditLog.findMany({
    where: { entityId: { startsWith: `${tag}#` } },
    orderBy: { seq: "asc" },
    select: { id: true, seq: true },
  });
  expect(rows).toHaveLength(count);
  expect(rows.every((row) => row.seq !== null)).toBe(true);
  return rows.map((row) => row.id);
}

async function allSealedIds(): Promise<string[]> {
  const rows = await prisma.auditLog.findMany({ where: { seq: { not: null } }, orderBy: { seq: "asc" } });
  return rows.map((row) => row.id);
}

function arrived(input: "tcp" | "udp"): { parsed: ParsedSyslog; params: Record<string, string> }[] {
  return rsyslog.received(input).map((line) => {
    const parsed = parseSyslog(line);
    return { parsed, params: paramsOf(parsed) };
  });
}

function countById(input: "tcp" | "udp"): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { params } of arrived(input)) counts.set(params.id ?? "", (counts.get(params.id ?? "") ?? 0) + 1);
  return counts;
}

async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      const warnings = logLines.filter((line) => !line.includes('"msg":"audit"')).slice(-10);
      throw new Error(
        `timed out waiting until ${what}; status ${JSON.stringify(await shippingStatus())}\n${warnings.join("")}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const allArrived = (input: "tcp" | "udp", ids: readonly string[]) => () => {
  const counts = countById(input);
  return ids.every((id) => (counts.get(id) ?? 0) >= 1);
};

async function readyz() {
  const result = await callRoute(readyLoader, getRequest("/readyz"));
  return {
    status: result.status,
    body: JSON.parse(result.text ?? "{}") as {
      status: string;
      auditShipping: { status: string; backlog: number | null; lastError: string | null };
    },
  };
}

async function metricsText() {
  return (await callRoute(metricsLoader, getRequest("/metrics"))).text ?? "";
}

function gauge(text: string, name: string): number {
  const match = new RegExp(`^${name} (\\S+)$`, "m").exec(text);
  if (!match) throw new Error(`no ${name} in /metrics`);
  return Number(match[1]);
}

beforeAll(async () => {
  rsyslog = await startRsyslog();
});

// A failed test must not leave its shipper holding the lease for the next one.
afterEach(stopShipper);

afterAll(async () => {
  child?.kill("SIGKILL");
  await stopShipper();
  await rsyslog?.dispose();
});

describe("audit shipping", () => {
  it("reads as behind while sending fails or more than 1,000 rows wait, and off when not configured", () => {
    const base = { configured: true, backlog: 0, shippedSeq: 5, lastError: null, lastShippedAt: null };
    expect(shippingHealth(base)).toBe("ok");
    expect(shippingHealth({ ...base, backlog: 1_000 })).toBe("ok");
    expect(shippingHealth({ ...base, backlog: 1_001 })).toBe("behind");
    expect(shippingHealth({ ...base, lastError: "connect ECONNREFUSED 127.0.0.1:514" })).toBe("behind");
    expect(shippingHealth({ ...base, configured: false, backlog: 5_000 })).toBe("off");
  });

  it("logs one JSON line per sealed row (redacted) even with no syslog receiver, and reports itself off", async () => {
    ship(null);
    await writeAudit({
      action: "LOGIN_FAILURE",
      entityType: "User",
      entityId: "log-1",
      metadata: { email: "someone@example.com", password: "hunter2-secret" },
      info: { ipAddress: "203.0.113.5", userAgent: "Lynx/2.9" },
    });
    await sealed();
    const lines = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const line = lines.find((entry) => entry.msg === "audit" && entry.entityId === "log-1");
    const row = await prisma.auditLog.findFirstOrThrow({ where: { entityId: "log-1" } });
    expect(line).toMatchObject({
      level: "info",
      seq: row.seq,
      id: row.id,
      timestamp: row.timestamp.toISOString(),
      action: "LOGIN_FAILURE",
      entityType: "User",
      metadata: { email: "someone@example.com", password: "[redacted]" },
      ipAddress: "203.0.113.5",
      userAgent: "Lynx/2.9",
      hash: row.hash,
    });
    expect(logLines.join("\n")).not.toContain("hunter2-secret");

    const status = await shippingStatus();
    expect(status).toMatchObject({ configured: false, lastError: null, lastShippedAt: null });
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(ready.body.auditShipping.status).toBe("off");
    expect(gauge(await metricsText(), "dracin_audit_ship_configured")).toBe(0);
    await stopShipper();
  });

  it("ships every row over TCP as it is written, older rows first, with fields and escaping intact", async () => {
    // A long interval: a row arriving at once shows it went out because it was sealed, not on a timer.
    ship(`tcp://127.0.0.1:${rsyslog.tcpPort}`, { intervalMs: 60_000 });
    const before = await allSealedIds();
    await waitUntil(allArrived("tcp", before), "the rows from before the shipper started arrived");

    const [hostile] = await writeRows("tcp-hostile", 1, {
      metadata: { note: HOSTILE_NOTE, "we ird=name]": "v", id: "not the row id" },
      info: { ipAddress: "2001:db8::7", userAgent: HOSTILE_UA },
    });
    await waitUntil(allArrived("tcp", [hostile]), "the hostile row arrived", 5_000);
    const ids = await writeRows("tcp", 20);
    await waitUntil(allArrived("tcp", ids), "20 rows arrived over TCP", 10_000);

    const messages = arrived("tcp");
    // Each exactly once (nothing failed), in seq order.
    expect(messages.map((message) => message.params.id)).toEqual(await allSealedIds());
    const seqs = messages.map((message) => Number(message.params.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    const dbRow = await prisma.auditLog.findUniqueOrThrow({ where: { id: hostile } });
    const message = messages.find((entry) => entry.params.id === hostile)!;
    expect(message.parsed).toMatchObject({
      pri: 10 * 8 + 4,
      version: 1,
      appName: "dracin",
      procId: String(process.pid),
      msgId: "LOGIN_FAILURE",
      bom: true,
      timestamp: dbRow.timestamp.toISOString(),
    });
    expect(message.parsed.elements).toHaveLength(1);
    expect(message.params).toMatchObject({
      seq: String(dbRow.seq),
      action: "LOGIN_FAILURE",
      entityType: "Test",
      entityId: "tcp-hostile#0",
      ip: "2001:db8::7",
      ua: 'evil"] [forged@1 x="y"]\\\\r\\n<13>1 2026-01-01T00:00:00Z fake - - - - injected line',
      hash: dbRow.hash,
      note: 'quote " bracket ] backslash \\ newline \\n end',
      we_ird_name_: "v",
      "meta.id": "not the row id",
    });
    expect(message.parsed.msg).toBe("LOGIN_FAILURE on Test tcp-hostile#0 from 2001:db8::7");
    // rsyslog's own RFC 5424 parser read the same header and the whole structured data.
    const raw = rsyslog.received("tcp").find((line) => line.includes(`id="${hostile}"`)) ?? "";
    expect(rsyslog.parsed("tcp").find((line) => line.structuredData.includes(`id="${hostile}"`))).toEqual({
      pri: "84",
      hostname: message.parsed.hostname,
      appName: "dracin",
      procId: String(process.pid),
      msgId: "LOGIN_FAILURE",
      structuredData: raw.slice(raw.indexOf("[audit@32473"), raw.lastIndexOf("] \ufeff") + 1),
    });
    // No forged line reached the receiver's file.
    expect(rsyslog.received("tcp").some((line) => line.startsWith("<13>1 2026-01-01"))).toBe(false);

    const head = await readHead();
    const status = await shippingStatus();
    expect(status).toMatchObject({ configured: true, backlog: 0, shippedSeq: head.seq, lastError: null });
    expect(Date.parse(status.lastShippedAt ?? "")).toBeGreaterThan(Date.now() - 60_000);
    const ready = await readyz();
    expect(ready.body.auditShipping).toEqual({ status: "ok", backlog: 0, lastError: null });
    const text = await metricsText();
    expect(gauge(text, "dracin_audit_ship_backlog")).toBe(0);
    expect(gauge(text, "dracin_audit_ship_configured")).toBe(1);
    expect(gauge(text, "dracin_audit_ship_last_success_timestamp_seconds")).toBeGreaterThan(Date.now() / 1000 - 60);
  }, 40_000);

  it("keeps rows while the receiver is down, shows the backlog, and delivers every one when it is back (TCP)", async () => {
    await rsyslog.start();
    ship(`tcp://127.0.0.1:${rsyslog.tcpPort}`, { intervalMs: 60_000 });
    await waitUntil(async () => (await shippingStatus()).backlog === 0, "the shipper caught up");
    await rsyslog.stop();
    const failuresFrom = logLines.length;
    const ids = await writeRows("tcp-outage", 15);
    await waitUntil(
      async () => (await shippingStatus()).lastError !== null,
      "the shipper saw the receiver was down",
      10_000,
    );
    // The rows are in the database and counted as the backlog; the site stays ready.
    expect(await prisma.auditLog.count({ where: { entityId: { startsWith: "tcp-outage#" } } })).toBe(15);
    const status = await shippingStatus();
    expect(status.backlog).toBeGreaterThanOrEqual(15);
    expect(status.lastError).toMatch(/ECONNREFUSED|closed|EPIPE|ECONNRESET/);
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe("ok");
    expect(ready.body.auditShipping).toMatchObject({ status: "behind", lastError: status.lastError });
    expect(ready.body.auditShipping.backlog).toBeGreaterThanOrEqual(15);
    expect(gauge(await metricsText(), "dracin_audit_ship_backlog")).toBeGreaterThanOrEqual(15);
    // More rows while it is down, over a few seconds: retries back off (1 s, 2 s, …), not one per row.
    const more: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      more.push(...(await writeRows(`tcp-outage-more-${i}`, 1)));
      await new Promise((resolve) => setTimeout(resolve, 700));
    }
    const retries = logLines
      .slice(failuresFrom)
      .map((line) => JSON.parse(line) as { msg: string; retryInMs?: number })
      .filter((entry) => entry.msg === "audit shipping: sending failed; retrying")
      .map((entry) => entry.retryInMs);
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries.length).toBeLessThanOrEqual(4);
    expect(retries.slice(0, 3)).toEqual([1_000, 2_000, 4_000].slice(0, Math.min(3, retries.length)));

    await rsyslog.start();
    await waitUntil(
      async () => {
        const now = await shippingStatus();
        return now.backlog === 0 && now.lastError === null;
      },
      "the backlog drained",
      40_000,
    );
    await waitUntil(allArrived("tcp", [...ids, ...more]), "every row arrived", 5_000);
    // At least once: every sealed row so far arrived, none is missing.
    const counts = countById("tcp");
    const missing = (await allSealedIds()).filter((id) => !counts.has(id));
    expect(missing).toEqual([]);
    expect((await readyz()).body.auditShipping).toEqual({ status: "ok", backlog: 0, lastError: null });
    await stopShipper();
  }, 90_000);

  it("ships over UDP, one datagram per row, and resends what was sent while the receiver was down", async () => {
    await rsyslog.start();
    ship(`udp://127.0.0.1:${rsyslog.udpPort}`, { intervalMs: 60_000 });
    const [hostile] = await writeRows("udp-hostile", 1, {
      metadata: { note: HOSTILE_NOTE },
      info: { ipAddress: "198.51.100.9", userAgent: HOSTILE_UA },
    });
    const ids = await writeRows("udp", 10);
    await waitUntil(allArrived("udp", [hostile, ...ids]), "rows arrived over UDP", 10_000);
    const message = arrived("udp").find((entry) => entry.params.id === hostile)!;
    expect(message.parsed).toMatchObject({ pri: 84, appName: "dracin", msgId: "LOGIN_FAILURE", bom: true });
    expect(message.params).toMatchObject({
      ua: 'evil"] [forged@1 x="y"]\\\\r\\n<13>1 2026-01-01T00:00:00Z fake - - - - injected line',
      note: 'quote " bracket ] backslash \\ newline \\n end',
    });
    expect(rsyslog.received("udp").some((line) => line.startsWith("<13>1 2026-01-01"))).toBe(false);
    const raw = rsyslog.received("udp").find((line) => line.includes(`id="${hostile}"`)) ?? "";
    expect(rsyslog.parsed("udp").find((line) => line.structuredData.includes(`id="${hostile}"`))).toMatchObject({
      pri: "84",
      appName: "dracin",
      msgId: "LOGIN_FAILURE",
      structuredData: raw.slice(raw.indexOf("[audit@32473"), raw.lastIndexOf("] \ufeff") + 1),
    });

    await rsyslog.stop();
    const down = await writeRows("udp-outage", 8);
    await waitUntil(async () => (await shippingStatus()).lastError !== null, "the shipper saw the port closed");
    expect((await shippingStatus()).backlog).toBeGreaterThanOrEqual(8);
    await rsyslog.start();
    await waitUntil(async () => (await shippingStatus()).backlog === 0, "the UDP backlog drained", 40_000);
    await waitUntil(allArrived("udp", down), "every row sent while down arrived", 5_000);
    await stopShipper();
  }, 90_000);

  it("stop() sends what is left and gives the lease up, and returns within about 2 s when the receiver is down", async () => {
    await rsyslog.start();
    ship(`tcp://127.0.0.1:${rsyslog.tcpPort}`, { intervalMs: 60_000 });
    await waitUntil(async () => (await shippingStatus()).backlog === 0, "the shipper caught up");
    const last = await writeRows("stop-flush", 5);
    await stopShipper();
    await waitUntil(allArrived("tcp", last), "the rows written just before stop() arrived", 3_000);
    expect(await jobState(SHIP_JOB)).toMatchObject({ leaseUntil: null });
    expect((await shippingStatus()).backlog).toBe(0);

    ship(`tcp://127.0.0.1:${rsyslog.tcpPort}`, { intervalMs: 60_000 });
    await waitUntil(async () => (await jobState(SHIP_JOB)).leaseUntil !== null, "the shipper took the lease");
    await rsyslog.stop();
    const stranded = await writeRows("stop-down", 3);
    await waitUntil(async () => (await shippingStatus()).lastError !== null, "the shipper saw the receiver was down");
    const started = Date.now();
    await stopShipper();
    expect(Date.now() - started).toBeLessThan(3_000);
    // The lease is free at once for another instance, and the rows wait in the database for it.
    expect(await jobState(SHIP_JOB)).toMatchObject({ leaseUntil: null });
    expect((await shippingStatus()).backlog).toBeGreaterThanOrEqual(stranded.length);
    await rsyslog.start();
  }, 40_000);

  it("with two instances, one ships at a time; when it dies the other takes over from its cursor", async () => {
    await rsyslog.start();
    const url = `tcp://127.0.0.1:${rsyslog.tcpPort}`;
    // Node with tsx's loader (not the tsx command, which runs the script in a grandchild a kill would miss).
    const other = spawn(process.execPath, ["--import", "tsx", path.join(root, "tests/helpers/ship-instance.ts")], {
      cwd: root,
      env: { ...process.env, SHIP_URL: url, SHIP_LEASE_MS: "2000", SHIP_INTERVAL_MS: "200", LOG_LEVEL: "warn" },
      // Its standard input stays open while this process lives (it exits when it closes).
      stdio: ["pipe", "pipe", "pipe"],
    });
    child = other;
    let childOutput = "";
    other.stdout?.on("data", (chunk: Buffer) => (childOutput += chunk.toString()));
    other.stderr?.on("data", (chunk: Buffer) => (childOutput += chunk.toString()));
    await waitUntil(() => /shipping \d+/.test(childOutput), "the other instance started", 20_000).catch(
      (error: Error) => {
        throw new Error(`${error.message}\nits output:\n${childOutput}`);
      },
    );
    const childPid = /shipping (\d+)/.exec(childOutput)![1];
    expect(childPid).toBe(String(other.pid));
    await waitUntil(
      async () => (await jobState(SHIP_JOB)).owner?.startsWith(`${childPid}-`) === true,
      "the other instance took the lease",
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nits output:\n${childOutput}`);
    });
    ship(url, { leaseMs: 2_000, intervalMs: 200 });

    const first = await writeRows("two-a", 20);
    await waitUntil(allArrived("tcp", first), "rows shipped by the other instance arrived");
    const byId = (ids: readonly string[]) => arrived("tcp").filter((entry) => ids.includes(entry.params.id ?? ""));
    // Shipped once each, all by the lease holder; this process, waiting, sent none.
    expect(byId(first).map((entry) => entry.params.id)).toEqual(first);
    expect(new Set(byId(first).map((entry) => entry.parsed.procId))).toEqual(new Set([childPid]));
    expect((await jobState(SHIP_JOB)).owner?.startsWith(`${childPid}-`)).toBe(true);

    // The shipping instance dies holding the lease: this one takes over when it expires.
    other.kill("SIGKILL");
    await new Promise((resolve) => other.once("exit", resolve));
    child = null;
    const second = await writeRows("two-b", 20);
    await waitUntil(allArrived("tcp", second), "rows arrived after the takeover", 20_000);
    expect(new Set(byId(second).map((entry) => entry.parsed.procId))).toEqual(new Set([String(process.pid)]));
    expect((await jobState(SHIP_JOB)).owner?.startsWith(`${process.pid}-`)).toBe(true);
    // In arrival order the sender changed once: never two senders interleaved.
    const senders = byId([...first, ...second]).map((entry) => entry.parsed.procId);
    const changes = senders.filter((sender, i) => i > 0 && sender !== senders[i - 1]).length;
    expect(changes).toBe(1);
    // Over the whole file, every row sealed went out (over TCP, or over UDP in the test before).
    const tcp = countById("tcp");
    const udp = countById("udp");
    expect((await allSealedIds()).filter((id) => !tcp.has(id) && !udp.has(id))).toEqual([]);
    await stopShipper();
  }, 60_000);
});
