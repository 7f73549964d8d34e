/**
 * The limits of the real HTTP stack (docs/limits.md), on the built server
 * spawned with short timeouts (HTTP_*_TIMEOUT_MS): a slow sender is cut off
 * (408 or closed) whether it dawdles over its headers or its body; normal
 * requests and idle kept-alive connections are not; headers, cookies and URLs
 * over Node's 16 KiB are 431; a 50 MB chunked upload is refused at once
 * without the server's memory growing. Needs `npm run build`.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchange, startBuiltServer, statusOf, type BuiltServer } from "../helpers/built-server";

const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;
const KEEP_ALIVE_TIMEOUT_MS = 3_000;

let server: BuiltServer;

beforeAll(async () => {
  server = await startBuiltServer(3443, {
    HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
    HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_TIMEOUT_MS),
  });
});

afterAll(() => server.stop());

const host = () => `Host: 127.0.0.1:${server.port}\r\n`;
const formHeaders = () =>
  `${host()}Origin: ${server.base}\r\nAccept-Language: en\r\nContent-Type: application/x-www-form-urlencoded\r\n`;

/** Writes `text` one byte every `everyMs`; returns how to stop. */
function trickle(write: (data: string) => void, text: string, everyMs: number): () => void {
  let at = 0;
  const timer = setInterval(() => {
    if (at < text.length) write(text[at++]);
  }, everyMs);
  return () => clearInterval(timer);
}

/** 408, or a close without an answer: either way the slow sender is cut off. */
function expectCutOff(answer: string): void {
  const status = statusOf(answer);
  if (status !== null) expect(status).toBe(408);
}

describe("slow senders", () => {
  it("cuts off a client that sends its headers slower than the headers timeout", async () => {
    // 300 bytes at one per 50 ms would take 15 s.
    const request = `GET /healthz HTTP/1.1\r\n${host()}X-Padding: ${"a".repeat(260)}\r\n\r\n`;
    const { answer, ms } = await exchange(server.port, (write) => trickle(write, request, 50));
    expectCutOff(answer);
    expect(ms).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
    expect(ms).toBeLessThan(HEADERS_TIMEOUT_MS + 1_500);
  });

  it("cuts off a client that trickles a body slower than the request timeout, with a length or chunked", async () => {
    const body = `email=${"a".repeat(300)}`;
    const [announced, chunked] = await Promise.all([
      exchange(server.port, (write) => {
        write(`POST /login HTTP/1.1\r\n${formHeaders()}Content-Length: ${body.length}\r\n\r\n`);
        return trickle(write, body, 50);
      }),
      exchange(server.port, (write) => {
        write(`POST /login HTTP/1.1\r\n${formHeaders()}Transfer-Encoding: chunked\r\n\r\n`);
        const timer = setInterval(() => write("1\r\na\r\n"), 100);
        return () => clearInterval(timer);
      }),
    ]);
    for (const { answer, ms } of [announced, chunked]) {
      expectCutOff(answer);
      expect(ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
      expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS + 1_500);
    }
  });

  it("leaves normal requests alone, and an idle kept-alive connection open past the headers timeout", async () => {
    const body = "email=a%40b.test&password=x";
    const { answer } = await exchange(server.port, (write) => {
      write(`GET /healthz HTTP/1.1\r\n${host()}\r\n`);
      // Idle longer than the headers timeout, shorter than the keep-alive timeout: the connection is reused.
      const later = setTimeout(
        () =>
          write(
            `POST /login HTTP/1.1\r\n${formHeaders()}Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
          ),
        HEADERS_TIMEOUT_MS * 2,
      );
      return () => clearTimeout(later);
    });
    const statuses = [...answer.matchAll(/^HTTP\/1\.1 (\d{3}) /gm)].map((match) => Number(match[1]));
    // The sign-in form answers its own 400 (no such account): it was read whole, not cut off.
    expect(statuses).toEqual([200, 400]);
  });

  it("closes a kept-alive connection left idle past the keep-alive timeout, without a stray answer", async () => {
    const { answer, ms } = await exchange(server.port, (write) => write(`GET /healthz HTTP/1.1\r\n${host()}\r\n`));
    expect([...answer.matchAll(/^HTTP\/1\.1 /gm)]).toHaveLength(1);
    expect(ms).toBeGreaterThanOrEqual(KEEP_ALIVE_TIMEOUT_MS - 100);
    expect(ms).toBeLessThan(KEEP_ALIVE_TIMEOUT_MS + 2_000);
  });
});

describe("header, cookie and URL sizes", () => {
  const get = (target: string, headers = "") =>
    exchange(server.port, (write) => write(`GET ${target} HTTP/1.1\r\n${host()}${headers}Connection: close\r\n\r\n`));

  it("answers headers over 16 KiB 431, be it one header, a cookie or the URL, and never a 5xx", async () => {
    const big = "a".repeat(17 * 1024);
    for (const [target, headers] of [
      ["/", `X-Big: ${big}\r\n`],
      ["/", `Cookie: dracin_lang=en; junk=${big}\r\n`],
      [`/search?q=${big}`, ""],
      ["/", Array.from({ length: 400 }, (_, i) => `X-Many-${i}: ${"b".repeat(40)}\r\n`).join("")],
    ]) {
      expect(statusOf((await get(target, headers)).answer), target.slice(0, 20) + headers.slice(0, 20)).toBe(431);
    }
  });

  it("serves a long URL and a long cookie that stay under the limit", async () => {
    expect(statusOf((await get(`/search?q=${"a".repeat(8 * 1024)}`)).answer)).toBe(200);
    expect(statusOf((await get("/", `Cookie: dracin_lang=en; junk=${"c".repeat(8 * 1024)}\r\n`)).answer)).toBe(200);
  });
});

describe("a 50 MB chunked upload", () => {
  function residentKiB(): number {
    const status = fs.readFileSync(`/proc/${server.process.pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }

  it("is refused 413 at once, eight in parallel, and the server keeps none of it", async () => {
    const before = residentKiB();
    const megabyte = `100000\r\n${"a".repeat(0x100000)}\r\n`;
    const uploads = await Promise.all(
      Array.from({ length: 8 }, () =>
        exchange(server.port, (write) => {
          write(`POST /login HTTP/1.1\r\n${formHeaders()}Transfer-Encoding: chunked\r\n\r\n`);
          // As fast as the connection takes it, up to 50 MB.
          let sent = 0;
          const timer = setInterval(() => {
            if (sent++ < 50) write(megabyte);
          }, 5);
          return () => clearInterval(timer);
        }),
      ),
    );
    for (const { answer, ms, sentAtAnswer } of uploads) {
      expect(statusOf(answer)).toBe(413);
      expect(answer).toMatch(/connection: close/i);
      // Answered before half the 50 MB were even handed to the client's socket (what it writes in the
      // meantime depends on its own event loop: 1 MB every 5 ms); then the server drops what still comes,
      // for at most LINGER_MS, until the client, told the connection is closing, stops.
      expect(sentAtAnswer).toBeLessThan(25 * 0x100000);
      expect(ms).toBeLessThan(1_000);
    }
    expect(residentKiB() - before).toBeLessThan(32 * 1024);
  });
});
