/**
 * Ships every sealed audit row off the machine.
 *
 * Always: each instance writes one JSON log line ("audit") for every row it
 * seals, as it seals it.
 *
 * With AUDIT_SYSLOG_URL (tcp:// or udp://): every sealed row also goes to a
 * syslog receiver as an RFC 5424 message (app/models/syslog.ts). The database
 * is the source of truth: one instance at a time holds the "audit-ship" job
 * lease and sends the rows after its cursor in seq order, read from the
 * database in batches (rows sealed by other instances, or before a restart,
 * included), then moves the cursor. It ships right after rows are sealed and
 * otherwise every couple of seconds; when a send fails it keeps the cursor
 * and retries with backoff (1 s doubling to 30 s). Delivery is at least once:
 * a row counts as sent once its TCP write was flushed to the socket, or once
 * its UDP datagram was sent and no "port unreachable" came back shortly
 * after; when a connection breaks, the rows sent on it in the last few
 * seconds are sent again.
 */
import dgram from "node:dgram";
import net from "node:net";
import os from "node:os";
import type { StoredAuditRow } from "~/models/audit-chain";
import { onSealed, readHead, rowsBySeq } from "~/models/audit-seal.server";
import { formatSyslog, frameOctetCounting, type SyslogOrigin } from "~/models/syslog";
import { getEnv } from "~/utils/env.server";
import { acquireLease, jobState, recordJob, releaseLease } from "~/utils/lease.server";
import { log } from "~/utils/log.server";

export const SHIP_JOB = "audit-ship";
/** Rows read and sent per round trip. */
const BATCH = 200;
/** No upper bound on the seq read (the column is a 32-bit integer on PostgreSQL). */
const MAX_SEQ = 2_147_483_647;
const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
/** After a broken connection, rows sent on it this recently are sent again (at least once). */
const RESEND_WINDOW_MS = 5_000;
/** How long a UDP send waits for a "port unreachable" before it counts. */
const UDP_SETTLE_MS = 50;
const CONNECT_TIMEOUT_MS = 5_000;
const WRITE_TIMEOUT_MS = 10_000;
/** How long stop() keeps shipping what is left. */
const STOP_FLUSH_MS = 2_000;
/** A backlog above this counts as "behind" even without an error. */
const BEHIND_ROWS = 1_000;

export interface ShippingOptions {
  /** Overrides AUDIT_SYSLOG_URL (tests); null: log lines only. */
  url?: string | null;
  /** Lease length (default 15 s; renewed while shipping). */
  leaseMs?: number;
  /** Time between rounds when nothing happens (default 2 s). */
  intervalMs?: number;
}

export interface ShippingStatus {
  configured: boolean;
  /** Sealed rows not yet delivered: the chain head's seq minus the cursor. */
  backlog: number;
  /** The last seq delivered (the job's cursor). */
  shippedSeq: number;
  lastError: string | null;
  lastShippedAt: string | null;
}

/** One sealed row as a log line's fields. */
function logFields(row: StoredAuditRow): Record<string, unknown> {
  return {
    seq: row.seq,
    id: row.id,
    timestamp: row.timestamp.toISOString(),
    action: row.action,
    userId: row.userId,
    actorId: row.actorId,
    entityType: row.entityType,
    entityId: row.entityId,
    metadata: row.metadata,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    hash: row.hash,
  };
}

function logSealed(rows: readonly StoredAuditRow[]): void {
  for (const row of rows) log.info("audit", logFields(row));
}

/** An error's words for lastError: its message only (never a URL's credentials), bounded. */
function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\/\/[^/@\s]*@/g, "//").slice(0, 300);
}

interface Transport {
  /** Resolves once every message counts as delivered; rejects when any may not have been. */
  send(messages: readonly Buffer[]): Promise<void>;
  /** Closes the connection (the next send opens a new one). */
  close(): void;
}

/** Octet-counted frames on one kept-open TCP connection. */
class TcpTransport implements Transport {
  private socket: net.Socket | null = null;
  private connecting: Promise<net.Socket> | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly onBroken: (error: Error) => void,
  ) {}

  private connect(): Promise<net.Socket> {
    if (this.connecting) return this.connecting;
    const socket = net.createConnection({ host: this.host, port: this.port });
    this.socket = socket;
    let connected = false;
    let failure: Error | null = null;
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => socket.destroy(new Error("syslog: connect timed out")));
    socket.on("error", (error) => (failure = error));
    // The receiver never writes; anything it sends is ignored.
    socket.on("data", () => undefined);
    const connecting = new Promise<net.Socket>((resolve, reject) => {
      socket.once("connect", () => {
        connected = true;
        socket.setTimeout(0);
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 10_000);
        resolve(socket);
      });
      socket.once("close", () => {
        if (this.socket === socket) {
          this.socket = null;
          this.connecting = null;
        }
        if (!connected) reject(failure ?? new Error("syslog: the connection closed while connecting"));
        // Not closed by us: the receiver went away (or reset us); what it got last may be lost.
        else if (!closing.has(socket))
          this.onBroken(failure ?? new Error("syslog: the receiver closed the connection"));
      });
    });
    this.connecting = connecting;
    return connecting;
  }

  async send(messages: readonly Buffer[]): Promise<void> {
    const socket = await this.connect();
    const payload = Buffer.concat(messages.map(frameOctetCounting));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => socket.destroy(new Error("syslog: write timed out")), WRITE_TIMEOUT_MS);
      const onClose = () => finish(new Error("syslog: the connection closed before the write was flushed"));
      const finish = (error?: Error | null) => {
        clearTimeout(timer);
        socket.off("close", onClose);
        if (error) reject(error);
        else resolve();
      };
      socket.once("close", onClose);
      socket.write(payload, (error) => finish(error));
    });
  }

  close(): void {
    const socket = this.socket;
    this.socket = null;
    this.connecting = null;
    if (!socket) return;
    closing.add(socket);
    socket.destroy();
  }
}

/** Sockets this process closed on purpose (their close is not a failure). */
const closing = new WeakSet<object>();

/** One datagram per message on a connected UDP socket, so "port unreachable" comes back as an error. */
class UdpTransport implements Transport {
  private socket: dgram.Socket | null = null;
  private ready: Promise<dgram.Socket> | null = null;
  private failure: Error | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly onBroken: (error: Error) => void,
  ) {}

  private connect(): Promise<dgram.Socket> {
    if (this.ready) return this.ready;
    const socket = dgram.createSocket(net.isIPv6(this.host) ? "udp6" : "udp4");
    this.socket = socket;
    this.failure = null;
    this.ready = new Promise((resolve, reject) => {
      let connected = false;
      socket.on("error", (error) => {
        if (!connected) {
          reject(error);
        } else {
          this.failure = error;
          this.onBroken(error);
        }
        this.drop(socket);
      });
      socket.connect(this.port, this.host, () => {
        connected = true;
        resolve(socket);
      });
    });
    return this.ready;
  }

  private drop(socket: dgram.Socket): void {
    if (this.socket !== socket) return;
    this.socket = null;
    this.ready = null;
    try {
      socket.close();
    } catch {
      // Already closed.
    }
  }

  async send(messages: readonly Buffer[]): Promise<void> {
    const socket = await this.connect();
    for (const message of messages) {
      await new Promise<void>((resolve, reject) =>
        socket.send(message, (error) => (error ? reject(error) : resolve())),
      );
    }
    // A receiver that is down answers with ICMP "port unreachable", reported on the socket just after.
    await new Promise((resolve) => setTimeout(resolve, UDP_SETTLE_MS));
    if (this.failure || this.socket !== socket) throw this.failure ?? new Error("syslog: the UDP socket closed");
  }

  close(): void {
    if (this.socket) this.drop(this.socket);
  }
}

function transportFor(url: string, onBroken: (error: Error) => void): Transport {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = Number(parsed.port || 514);
  if (parsed.protocol === "tcp:") return new TcpTransport(host, port, onBroken);
  if (parsed.protocol === "udp:") return new UdpTransport(host, port, onBroken);
  throw new Error(`AUDIT_SYSLOG_URL: unsupported protocol ${parsed.protocol}`);
}

class Shipper {
  private readonly transport: Transport;
  private readonly origin: SyslogOrigin = { hostname: os.hostname(), pid: process.pid };
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopping = false;
  private holding = false;
  private leaseRenewedAt = 0;
  private backoffMs = 0;
  private cursor = 0;
  /** Rows sent recently (seq and when), for resending after a broken connection. */
  private recent: { seq: number; at: number }[] = [];
  /** The cursor to go back to after a broken connection. */
  private rewindTo: number | null = null;

  constructor(
    url: string,
    private readonly leaseMs: number,
    private readonly intervalMs: number,
  ) {
    this.transport = transportFor(url, (error) => this.broken(error));
  }

  start(): void {
    this.schedule(0);
  }

  /** Rows were just sealed here: ship them now if this instance holds the lease. */
  nudge(): void {
    // Not while backing off: a receiver that is down is not retried once per sealed row.
    if (this.holding && this.backoffMs === 0) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopping) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, ms);
    this.timer.unref();
  }

  /** One round at a time; a call during a round makes it go once more. */
  private run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let delay = this.intervalMs;
      try {
        do {
          this.again = false;
          delay = await this.round();
        } while (this.again && !this.stopping && delay === this.intervalMs);
      } finally {
        this.running = null;
      }
      this.schedule(delay);
    })();
    return this.running;
  }

  private broken(error: Error): void {
    const since = Date.now() - RESEND_WINDOW_MS;
    const first = this.recent.find((sent) => sent.at >= since);
    if (first) this.rewindTo = Math.min(this.rewindTo ?? Infinity, first.seq - 1);
    this.recent = [];
    log.warn("audit shipping: the syslog connection broke; recent rows will be sent again", {
      error: describe(error),
    });
    if (this.holding && this.backoffMs === 0) this.schedule(0);
  }

  /** Takes or renews the lease; false when another instance ships. */
  private async hold(): Promise<boolean> {
    const state = await acquireLease(SHIP_JOB, this.leaseMs);
    if (!state) {
      if (this.holding) {
        log.info("audit shipping: another instance ships now");
        this.transport.close();
      }
      this.holding = false;
      return false;
    }
    if (!this.holding || state.cursor !== this.cursor) {
      // Taken over (or first round, or another instance held it while this one stalled): start afresh.
      this.recent = [];
      this.rewindTo = null;
    }
    // The database's cursor is the truth.
    this.cursor = state.cursor;
    this.holding = true;
    this.leaseRenewedAt = Date.now();
    return true;
  }

  /** Ships everything after the cursor; returns the delay before the next round. */
  private async round(): Promise<number> {
    try {
      if (!(await this.hold())) return this.intervalMs;
      if (this.rewindTo !== null) {
        const to = this.rewindTo;
        this.rewindTo = null;
        if (to < this.cursor) {
          this.cursor = to;
          if (!(await recordJob(SHIP_JOB, { cursor: to }))) return this.lost();
        }
      }
      for (;;) {
        if (Date.now() - this.leaseRenewedAt > this.leaseMs / 3 && !(await this.hold())) return this.intervalMs;
        const rows = await rowsBySeq(this.cursor, MAX_SEQ, BATCH);
        if (rows.length === 0) break;
        await this.transport.send(rows.map((row) => formatSyslog(row, this.origin)));
        const now = Date.now();
        for (const row of rows) this.recent.push({ seq: row.seq!, at: now });
        this.recent = this.recent.filter((sent) => sent.at >= now - RESEND_WINDOW_MS);
        this.cursor = rows.at(-1)!.seq!;
        const recorded = await recordJob(SHIP_JOB, { cursor: this.cursor, lastRunAt: new Date(now), lastError: null });
        if (!recorded) return this.lost();
        this.backoffMs = 0;
        if (rows.length < BATCH || this.stopping) break;
      }
      return this.intervalMs;
    } catch (error) {
      return this.failed(error);
    }
  }

  private lost(): number {
    log.warn("audit shipping: the lease was taken over by another instance");
    this.transport.close();
    this.holding = false;
    return this.intervalMs;
  }

  private async failed(error: unknown): Promise<number> {
    this.transport.close();
    this.backoffMs = Math.min(BACKOFF_MAX_MS, this.backoffMs === 0 ? BACKOFF_MIN_MS : this.backoffMs * 2);
    const message = describe(error);
    // Cut short by stop(): not a delivery failure; the next holder sends these rows.
    if (this.stopping) return this.backoffMs;
    log.warn("audit shipping: sending failed; retrying", { error: message, retryInMs: this.backoffMs });
    if (this.holding) await recordJob(SHIP_JOB, { lastError: message }).catch(() => false);
    return this.backoffMs;
  }

  /** Ships what it can within STOP_FLUSH_MS, then closes the connection and gives the lease up. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const flush = (async () => {
      await this.running;
      // One more round (it takes the lease if nobody holds it), unless sending is failing.
      if (this.backoffMs === 0) await this.run();
    })();
    let deadline: NodeJS.Timeout | undefined;
    await Promise.race([
      flush,
      new Promise((resolve) => {
        deadline = setTimeout(resolve, STOP_FLUSH_MS);
      }),
    ]);
    clearTimeout(deadline);
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.transport.close();
    await this.running;
    if (this.holding) await releaseLease(SHIP_JOB);
    this.holding = false;
  }
}

let active: { shipper: Shipper | null; url: string | null } | null = null;

/**
 * Starts the audit log lines and, when a syslog URL is configured, the
 * shipper. Returns the stop function: it ships what it can within ~2 s, then
 * releases the lease so another instance takes over at once.
 */
export function startAuditShipping(options: ShippingOptions = {}): () => Promise<void> {
  if (active) throw new Error("audit shipping is already running in this process");
  const url = options.url === undefined ? (getEnv().AUDIT_SYSLOG_URL ?? null) : options.url;
  const shipper = url ? new Shipper(url, options.leaseMs ?? 15_000, options.intervalMs ?? 2_000) : null;
  const current = { shipper, url };
  active = current;
  const unsubscribe = onSealed((rows) => {
    logSealed(rows);
    shipper?.nudge();
  });
  shipper?.start();
  let stopped: Promise<void> | null = null;
  return () => {
    stopped ??= (async () => {
      unsubscribe();
      try {
        await shipper?.stop();
      } finally {
        if (active === current) active = null;
      }
    })();
    return stopped;
  };
}

/** Whether rows go to a syslog receiver (AUDIT_SYSLOG_URL, or the running shipper's own URL). */
export function shippingConfigured(): boolean {
  return (active ? active.url : (getEnv().AUDIT_SYSLOG_URL ?? null)) !== null;
}

/** Where shipping stands, whichever instance ships (/readyz, /metrics). */
export async function shippingStatus(): Promise<ShippingStatus> {
  const [head, job] = await Promise.all([readHead(), jobState(SHIP_JOB)]);
  return {
    configured: shippingConfigured(),
    backlog: Math.max(0, head.seq - job.cursor),
    shippedSeq: job.cursor,
    lastError: job.lastError,
    lastShippedAt: job.lastRunAt ? job.lastRunAt.toISOString() : null,
  };
}

/** "ok", "behind" (failing, or far behind) or "off" (no syslog receiver configured). */
export function shippingHealth(status: ShippingStatus): "ok" | "behind" | "off" {
  if (!status.configured) return "off";
  return status.lastError !== null || status.backlog > BEHIND_ROWS ? "behind" : "ok";
}
