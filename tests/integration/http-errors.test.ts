/**
 * Errors a request causes outside Remix keep their 4xx with a clear message
 * (app/utils/http-hooks.server.ts, `lastResort`): a malformed percent-encoding
 * in the path is 400, a body over its limit 413 (announced or chunked), a body
 * that is not a UTF-8 form 415, a method no Fetch Request carries 405
 * (app/utils/request-body.server.ts). Only our own bugs are 500. The app is
 * assembled as server/index.ts assembles it, from the hooks the Remix build hands over.
 */
import http from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import net from "node:net";
import * as drama from "~/routes/drama.$dramaId";
import * as login from "~/routes/login";
import { createHttpHooks } from "~/utils/http-hooks.server";
import { BODY_LIMITS } from "~/utils/request-body.server";
import { listenOnLoopback } from "../helpers/listen";
import { buildOf } from "../helpers/render-page";

let base = "";
let close: () => Promise<void>;

beforeAll(async () => {
  const hooks = createHttpHooks(
    buildOf([
      { id: "routes/drama.$dramaId", path: "drama/:dramaId", module: drama },
      { id: "routes/login", path: "login", module: login },
    ]),
  );
  const app = express();
  app.post("/resources/progress", hooks.observeAndGuard, ...hooks.progressBeacon);
  app.get("/boom", () => {
    throw new Error("a bug of ours");
  });
  app.use(hooks.observeAndGuard);
  app.all("*", hooks.remix);
  app.use(hooks.lastResort);
  ({ base, close } = await listenOnLoopback(app));
});

afterAll(() => close());

/** A raw request (fetch would refuse or re-encode some of these). */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
    const request = http.request(`${base}${path}`, { method, headers, agent: false }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, type: response.headers["content-type"] ?? "", text }),
      );
    });
    request.on("error", reject);
    request.end(body);
  });
}

const form = (charset?: string) => ({
  "Content-Type": `application/x-www-form-urlencoded${charset ? `; charset=${charset}` : ""}`,
  Origin: base,
});

describe("errors outside Remix", () => {
  it("answers a path with broken percent-encoding 400, whatever the route", async () => {
    for (const path of ["/drama/%FF", "/%", "/watch/%E0%A4%A", "/posters/%FF.svg"]) {
      const response = await send("GET", path);
      expect(response.status, path).toBe(400);
      expect(response.type).toMatch(/^text\/plain/);
      expect(response.text).toMatch(/malformed/);
    }
  });

  it("answers a progress save over 4 KB 413 and an unsupported charset 415, before reading on", async () => {
    const big = await send("POST", "/resources/progress", form(), `episodeId=${"a".repeat(5_000)}`);
    expect(big.status).toBe(413);
    expect(big.text).toMatch(/too large/);
    const latin = await send("POST", "/resources/progress", form("latin9"), "episodeId=x");
    expect(latin.status).toBe(415);
    expect(latin.text).toMatch(/not supported/);
  });

  it("still renders a well-formed page, and answers our own bug 500 without details", async () => {
    expect((await send("GET", "/drama/kite-season")).status).toBe(200);
    const bug = await send("GET", "/boom");
    expect(bug.status).toBe(500);
    expect(bug.text).not.toMatch(/a bug of ours|Error/);
  });

  it("refuses a form post over the limit with 413 before it is read, and still takes one within it", async () => {
    const within = await send("POST", "/login", form(), `email=a%40b.test&password=${"x".repeat(1_000)}`);
    expect(within.status).toBe(400);
    const over = await send("POST", "/login", form(), `email=a%40b.test&password=${"x".repeat(BODY_LIMITS.form)}`);
    expect(over.status).toBe(413);
    expect(over.text).toMatch(/too large/);
  });

  it("answers a 50 MB announcement at once, without waiting for the body, and closes the connection", async () => {
    const { port } = new URL(base);
    const socket = net.connect(Number(port), "127.0.0.1");
    const answer = new Promise<string>((resolve) => {
      let text = "";
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => (text += chunk));
      socket.on("close", () => resolve(text));
    });
    const started = Date.now();
    socket.write(
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${base}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\nemail=`,
    );
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toMatch(/connection: close/i);
    // Only a few bytes of the 50 MB were ever sent: the answer could not have waited for them.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("refuses a chunked body the moment it passes the limit: 413 at once, reading stops, the connection closes", async () => {
    const { port } = new URL(base);
    const socket = net.connect(Number(port), "127.0.0.1");
    let sent = 0;
    const answer = new Promise<string>((resolve) => {
      let text = "";
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => (text += chunk));
      socket.on("close", () => resolve(text));
      socket.on("error", () => resolve(text));
    });
    const started = Date.now();
    socket.write(
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${base}\r\nAccept-Language: en\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`,
    );
    // 16 KB chunks, one every 10 ms, without end: the answer must not wait for the sender to stop.
    const chunk = `4000\r\n${"a".repeat(0x4000)}\r\n`;
    const sender = setInterval(() => {
      if (socket.writable) {
        socket.write(chunk);
        sent += 0x4000;
      }
    }, 10);
    const text = await answer;
    clearInterval(sender);
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toMatch(/connection: close/i);
    expect(text).toMatch(/too large/);
    expect(Date.now() - started).toBeLessThan(3_000);
    // Refused right after the limit: a few chunks past 64 KB, not the sender's whole stream.
    expect(sent).toBeLessThan(BODY_LIMITS.form * 4);
  });

  it("reads only UTF-8 forms: any other type, charset or encoding is 415, in the request's language", async () => {
    const json = await send("POST", "/login", { "Content-Type": "application/json", Origin: base }, "{}");
    expect(json.status).toBe(415);
    expect(json.text).toMatch(/not supported/);
    const unreadable: Record<string, string>[] = [
      { "Content-Type": "text/plain" },
      { "Content-Type": "multipart/form-data; boundary=x" },
      { "Content-Type": "application/x-www-form-urlencoded; charset=iso-8859-1" },
      { "Content-Type": "application/x-www-form-urlencoded", "Content-Encoding": "gzip" },
    ];
    for (const headers of unreadable) {
      expect(
        (await send("POST", "/login", { ...headers, Origin: base }, "email=x")).status,
        JSON.stringify(headers),
      ).toBe(415);
    }
    const indonesian = await send(
      "PUT",
      "/login",
      { "Content-Type": "text/csv", Origin: base, "Accept-Language": "id" },
      "a,b",
    );
    expect(indonesian.status).toBe(415);
    expect(indonesian.text).toMatch(/tidak didukung/);
    // No body and no type: there is no form to read (the action's readForm answers).
    expect((await send("POST", "/login", { Origin: base })).status).toBe(415);
    // The forms browsers and htmx send are read.
    for (const charset of [undefined, "utf-8", '"UTF-8"']) {
      expect((await send("POST", "/login", form(charset), "email=a%40b.test&password=x")).status, charset).toBe(400);
    }
  });

  it("answers a method no route can take 405 with Allow, and a GET with a body as a GET", async () => {
    // The one of Fetch's forbidden methods Node's parser lets through (CONNECT and TRACK never reach the app).
    const trace = await new Promise<{ status: number; allow: string }>((resolve, reject) => {
      const request = http.request(`${base}/login`, { method: "TRACE", agent: false }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, allow: String(res.headers.allow) });
      });
      request.on("error", reject);
      request.end();
    });
    expect(trace).toEqual({ status: 405, allow: "GET, HEAD, POST" });
    expect((await send("GET", "/drama/kite-season", { "Content-Type": "application/json" }, "{}")).status).toBe(200);
  });
});
