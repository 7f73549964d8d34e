/**
 * Errors a request causes outside Remix keep their 4xx with a clear message
 * (app/utils/http-hooks.server.ts, `lastResort`): a malformed percent-encoding
 * in the path is 400, a progress save over its 4 KB limit 413, a body in an
 * unsupported charset 415. Only our own bugs are 500. The app is assembled as
 * server/index.ts assembles it, from the hooks the Remix build hands over.
 */
import http from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import net from "node:net";
import * as drama from "~/routes/drama.$dramaId";
import * as login from "~/routes/login";
import { MAX_FORM_BODY_BYTES, createHttpHooks } from "~/utils/http-hooks.server";
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
    const over = await send("POST", "/login", form(), `email=a%40b.test&password=${"x".repeat(MAX_FORM_BODY_BYTES)}`);
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
});
