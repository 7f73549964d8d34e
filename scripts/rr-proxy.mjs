#!/usr/bin/env node
/**
 * A small round-robin HTTP reverse proxy, for trying (and testing) several
 * Dracin instances on one machine: every request goes to the next backend in
 * turn (strict alternation, no stickiness), bodies are streamed both ways.
 *
 *   node scripts/rr-proxy.mjs --port 8080 http://127.0.0.1:3001 http://127.0.0.1:3002
 *
 * Headers it sets, as Dracin expects with TRUST_PROXY=true: X-Forwarded-For
 * is the client's address (replaced, not appended, so a client cannot choose
 * its own IP), X-Forwarded-Proto "http"; Host is passed through unchanged
 * (the CSRF and cross-site checks compare Origin with it). Each response
 * carries `X-Backend: <n>` (1-based), and the proxy itself answers
 * `GET /__proxy/stats` with `{ "backends": [{ "url", "requests" }] }`,
 * so a test can show which instance served what.
 *
 * Not for production: no health checks, no retries, no TLS (see docs/deploy.md for Caddy).
 */
import http from "node:http";
import { pathToFileURL } from "node:url";

/** Hop-by-hop headers (RFC 9110 7.6.1) are not forwarded. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

function forwardHeaders(headers, extra) {
  const connectionTokens = String(headers.connection ?? "")
    .split(",")
    .map((token) => token.trim().toLowerCase())
    .filter(Boolean);
  const out = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || connectionTokens.includes(name)) continue;
    out[name] = value;
  }
  return { ...out, ...extra };
}

/**
 * Starts the proxy. Resolves once it listens, with
 * `{ server, port, stats(), close() }`.
 * @param {{ port?: number, host?: string, backends: string[] }} options
 */
export function startProxy({ port = 0, host = "127.0.0.1", backends }) {
  if (!Array.isArray(backends) || backends.length === 0) throw new Error("rr-proxy: give at least one backend URL");
  const targets = backends.map((url) => {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:") throw new Error(`rr-proxy: only http:// backends (${url})`);
    return {
      url: parsed.origin,
      hostname: parsed.hostname,
      port: Number(parsed.port || 80),
      agent: new http.Agent({ keepAlive: true }),
      requests: 0,
    };
  });
  let next = 0;

  const stats = () => ({ backends: targets.map(({ url, requests }) => ({ url, requests })) });

  const server = http.createServer((req, res) => {
    if (req.url === "/__proxy/stats") {
      res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      res.end(JSON.stringify(stats()));
      return;
    }
    const index = next;
    next = (next + 1) % targets.length;
    const target = targets[index];
    target.requests += 1;

    const upstream = http.request({
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      agent: target.agent,
      headers: forwardHeaders(req.headers, {
        "x-forwarded-for": req.socket.remoteAddress ?? "",
        "x-forwarded-proto": "http",
      }),
    });
    upstream.on("response", (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, {
        ...forwardHeaders(answer.headers, {}),
        "x-backend": String(index + 1),
      });
      answer.pipe(res);
      answer.on("error", () => res.destroy());
    });
    upstream.on("error", (error) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(502, { "Content-Type": "text/plain; charset=utf-8", "x-backend": String(index + 1) });
      res.end(`rr-proxy: backend ${target.url} failed: ${error.message}\n`);
    });
    // The browser gave up (a video seek, a closed tab): stop the upstream request too.
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  // Keep-alive from the browser: every request on a connection is balanced on its own.
  server.keepAliveTimeout = 5_000;

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve({
        server,
        port: typeof address === "object" && address ? address.port : port,
        stats,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
            for (const target of targets) target.agent.destroy();
          }),
      });
    });
  });
}

function parseArgs(argv) {
  const options = { port: 8080, host: "127.0.0.1", backends: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--port") options.port = Number(argv[++i]);
    else if (arg === "--host") options.host = argv[++i];
    else options.backends.push(arg);
  }
  return options;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const options = parseArgs(process.argv.slice(2));
  const proxy = await startProxy(options);
  console.log(`rr-proxy: http://${options.host}:${proxy.port} -> ${options.backends.join(", ")}`);
  const stop = () => proxy.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
