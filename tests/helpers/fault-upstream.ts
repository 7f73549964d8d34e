/**
 * A real catalog API on 127.0.0.1 (server/catalog-api.ts over the demo
 * catalog) that can be told to misbehave. Used by tests of the HTTP catalog
 * provider: no MSW, no stubs, real sockets.
 *
 *   const upstream = await startFaultUpstream();
 *   upstream.setFault({ kind: "status", status: 503 });         // every request
 *   upstream.setFault({ kind: "rate-limit", retryAfter: "1", times: 1 });  // the next request only
 *   upstream.count("/v1/dramas/moonlit-tea-house")               // requests that reached it
 *   const release = upstream.hold();                              // requests wait, unanswered...
 *   release();                                                    // ...until released
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createCatalogApi, writeJson, type CatalogApiOptions } from "../../server/catalog-api";

export type Fault =
  | { kind: "none" }
  /** Answer correctly after `delayMs`. */
  | { kind: "slow"; delayMs: number }
  | { kind: "status"; status: 500 | 502 | 503 | 504 | 401 | 403; retryAfter?: string }
  | { kind: "rate-limit"; retryAfter: string }
  /** 200 with a body that is not JSON. */
  | { kind: "malformed" }
  /** 200 with well-formed JSON of the wrong shape. */
  | { kind: "wrong-shape" }
  /** Destroys the socket without answering. */
  | { kind: "reset" }
  /** 200, headers and a first chunk, then nothing more, ever. */
  | { kind: "hang-body" }
  /** 200 with a body of `bytes` (default 3 MiB), streamed without Content-Length. */
  | { kind: "huge"; bytes?: number };

export interface FaultUpstream {
  url: string;
  /** Applies `fault` to the next `times` requests (default: until changed). */
  setFault(fault: Fault & { times?: number }): void;
  /** Requests received whose path starts with `prefix` (all when omitted). */
  count(prefix?: string): number;
  resetCounts(): void;
  /** Fixed delay added to every request (also when no fault is set). */
  setDelay(ms: number): void;
  /**
   * Requests that arrive from now on are counted but left unanswered until the returned
   * function is called; then each is answered as it would have been (fault, delay).
   * No clock involved: a test can tell "answered before the upstream did" from "waited".
   */
  hold(): () => void;
  close(): Promise<void>;
}

export async function startFaultUpstream(options: CatalogApiOptions = {}): Promise<FaultUpstream> {
  const answer = createCatalogApi(options);
  let fault: Fault = { kind: "none" };
  let remaining = Infinity;
  let delay = 0;
  let gate: Promise<void> | null = null;
  const seen: string[] = [];
  const sockets = new Set<import("node:net").Socket>();

  const server = http.createServer((req, res) => {
    seen.push(req.url ?? "/");
    const current = fault;
    if (current.kind !== "none") {
      remaining -= 1;
      if (remaining <= 0) {
        fault = { kind: "none" };
        remaining = Infinity;
      }
    }
    const method = req.method ?? "GET";
    const normal = () =>
      answer(method, req.url ?? "/", req.headers.authorization)
        .then((result) => {
          if (!res.destroyed) writeJson(res, method, result);
        })
        .catch(() => res.destroy());
    const act = () => {
      switch (current.kind) {
        case "none":
          return normal();
        case "slow":
          return void setTimeout(normal, current.delayMs);
        case "status":
          return writeJson(res, method, {
            status: current.status,
            body: { error: { code: "upstream_fault", message: `injected ${current.status}` } },
            headers: current.retryAfter ? { "Retry-After": current.retryAfter } : undefined,
          });
        case "rate-limit":
          return writeJson(res, method, {
            status: 429,
            body: { error: { code: "rate_limited", message: "slow down" } },
            headers: { "Retry-After": current.retryAfter },
          });
        case "malformed":
          res.writeHead(200, { "Content-Type": "application/json" });
          return res.end('{"id": "moonlit-tea-house", "title": ');
        case "wrong-shape":
          return writeJson(res, method, {
            status: 200,
            body: { id: 42, name: "Moonlit Tea House", episodes: "twelve", items: [{ id: null }] },
          });
        case "reset":
          return req.socket.destroy();
        case "hang-body":
          res.writeHead(200, { "Content-Type": "application/json" });
          return res.write('{"id": "moonlit-tea-house", ');
        case "huge": {
          const total = current.bytes ?? 3 * 1024 * 1024;
          res.writeHead(200, { "Content-Type": "application/json" });
          const chunk = Buffer.alloc(64 * 1024, 0x20);
          let sent = 0;
          res.write('{"padding": "');
          const pump = () => {
            while (sent < total && !res.destroyed) {
              sent += chunk.length;
              if (!res.write(chunk)) return void res.once("drain", pump);
            }
            if (!res.destroyed) res.end('"}');
          };
          return pump();
        }
      }
    };
    const start = () => {
      if (delay > 0) setTimeout(act, delay);
      else void act();
    };
    if (gate) void gate.then(start);
    else start();
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    setFault(next) {
      const { times, ...rest } = next;
      fault = rest;
      remaining = times ?? Infinity;
    },
    count: (prefix) => (prefix ? seen.filter((path) => path.startsWith(prefix)).length : seen.length),
    resetCounts: () => void seen.splice(0),
    setDelay: (ms) => void (delay = ms),
    hold() {
      let open = () => {};
      const held = new Promise<void>((resolve) => (open = resolve));
      gate = held;
      return () => {
        if (gate === held) gate = null;
        open();
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
