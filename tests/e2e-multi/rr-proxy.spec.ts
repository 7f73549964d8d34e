/**
 * The round-robin proxy itself (scripts/rr-proxy.mjs, run as its CLI) in front
 * of two echo servers this file starts: alternation, the forwarded headers,
 * streamed bodies both ways, the counts, and a backend that is down.
 * No browser and no Dracin instance needed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";

interface Echo {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  bodySha256: string;
  bodyBytes: number;
  remoteAddress: string;
}

/** Answers every request with what it received, or with `size` bytes for GET /big?size=N. */
function startEcho(name: string): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://echo");
    if (url.pathname === "/big") {
      const size = Number(url.searchParams.get("size"));
      res.writeHead(200, { "Content-Type": "application/octet-stream", "X-Echo": name });
      const chunk = Buffer.alloc(64 * 1024, 7);
      let sent = 0;
      const push = () => {
        while (sent < size) {
          const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
          sent += part.length;
          if (!res.write(part)) return void res.once("drain", push);
        }
        res.end();
      };
      push();
      return;
    }
    const hash = crypto.createHash("sha256");
    let bytes = 0;
    req.on("data", (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
    });
    req.on("end", () => {
      const echo: Echo = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        bodySha256: hash.digest("hex"),
        bodyBytes: bytes,
        remoteAddress: req.socket.remoteAddress ?? "",
      };
      res.writeHead(201, {
        "Content-Type": "application/json",
        "X-Echo": name,
        "Set-Cookie": ["a=1; Path=/", "b=2; Path=/"],
      });
      res.end(JSON.stringify(echo));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port })),
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = http.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function send(port: number, options: http.RequestOptions, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname: "127.0.0.1", port, agent: false, ...options }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}

let proxy: ChildProcess;
let proxyPort: number;
let echoes: { server: http.Server; port: number }[];
let deadPort: number;

test.beforeAll(async () => {
  echoes = [await startEcho("one"), await startEcho("two")];
  deadPort = await freePort();
  proxyPort = await freePort();
  const script = path.resolve(import.meta.dirname, "..", "..", "scripts", "rr-proxy.mjs");
  const backends = [...echoes.map((echo) => `http://127.0.0.1:${echo.port}`), `http://127.0.0.1:${deadPort}`];
  proxy = spawn(process.execPath, [script, "--port", String(proxyPort), ...backends], { stdio: "ignore" });
  await expect
    .poll(
      () =>
        send(proxyPort, { path: "/__proxy/stats" }).then(
          (answer) => answer.status,
          () => 0,
        ),
      { timeout: 10_000 },
    )
    .toBe(200);
});

test.afterAll(async () => {
  proxy.kill("SIGTERM");
  await Promise.all(echoes.map((echo) => new Promise((resolve) => echo.server.close(resolve))));
});

test("sends each request to the next backend in turn, with the client's address, Host and body; counts them", async () => {
  const before = JSON.parse((await send(proxyPort, { path: "/__proxy/stats" })).body.toString()) as {
    backends: { url: string; requests: number }[];
  };
  expect(before.backends.map((backend) => backend.requests)).toEqual([0, 0, 0]);

  const body = crypto.randomBytes(3 * 1024 * 1024 + 17);
  const answers: Answer[] = [];
  for (let n = 0; n < 4; n++) {
    answers.push(
      await send(
        proxyPort,
        {
          method: "POST",
          path: `/echo/${n}?q=${n}`,
          localAddress: "127.0.0.2",
          headers: {
            Host: "dracin.example:8443",
            "Content-Length": String(body.length),
            "Content-Type": "application/octet-stream",
            // A client's own claim about its address: replaced, never passed on.
            "X-Forwarded-For": "203.0.113.9",
            Connection: "keep-alive, X-Secret-Hop",
            "X-Secret-Hop": "must not pass",
          },
        },
        body,
      ),
    );
  }
  // Backends 1, 2, then the dead one (502), then 1 again.
  expect(answers.map((answer) => answer.headers["x-backend"])).toEqual(["1", "2", "3", "1"]);
  expect(answers.map((answer) => answer.status)).toEqual([201, 201, 502, 201]);
  expect(answers[2].body.toString()).toContain("rr-proxy: backend");

  for (const answer of [answers[0], answers[1], answers[3]]) {
    const echo = JSON.parse(answer.body.toString()) as Echo;
    expect(echo.method).toBe("POST");
    expect(echo.headers["x-forwarded-for"]).toBe("127.0.0.2");
    expect(echo.headers["x-forwarded-proto"]).toBe("http");
    expect(echo.headers.host).toBe("dracin.example:8443");
    expect(echo.headers["x-secret-hop"]).toBeUndefined();
    expect(echo.bodyBytes).toBe(body.length);
    expect(echo.bodySha256).toBe(crypto.createHash("sha256").update(body).digest("hex"));
    expect(answer.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
  }
  expect((JSON.parse(answers[0].body.toString()) as Echo).url).toBe("/echo/0?q=0");
  expect(answers[0].headers["x-echo"]).toBe("one");
  expect(answers[1].headers["x-echo"]).toBe("two");

  const after = JSON.parse((await send(proxyPort, { path: "/__proxy/stats" })).body.toString()) as {
    backends: { url: string; requests: number }[];
  };
  expect(after.backends).toEqual([
    { url: `http://127.0.0.1:${echoes[0].port}`, requests: 2 },
    { url: `http://127.0.0.1:${echoes[1].port}`, requests: 1 },
    { url: `http://127.0.0.1:${deadPort}`, requests: 1 },
  ]);
});

test("streams a large response through", async () => {
  const size = 20 * 1024 * 1024 + 3;
  let answer = await send(proxyPort, { path: `/big?size=${size}` });
  // The third backend is the dead one: ask again if this request was its turn.
  if (answer.status === 502) answer = await send(proxyPort, { path: `/big?size=${size}` });
  expect(answer.status).toBe(200);
  expect(answer.body.length).toBe(size);
});
