/**
 * The signed-in page cache in the request adapter (app/utils/remix-handler.server.ts)
 * over real HTTP on 127.0.0.1, with a stand-in for Remix that renders a
 * private page per session and counts its renders, and a stand-in for the
 * database's view of each session (user and data fingerprint), which the
 * tests change as writes would. Only "/" is declared per-viewer here, as the
 * home is in the app.
 */
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listenOnLoopback } from "../helpers/listen";
import { planFor, type PagePolicy } from "~/utils/cache-policy.server";
import { PageCache } from "~/utils/page-cache.server";
import { createRemixHandler } from "~/utils/remix-handler.server";
import { PrivatePageCache, type Viewer } from "~/utils/private-page-cache.server";

let now = 0;
const cache = new PrivatePageCache({ maxAgeMs: 5_000, now: () => now });
let renders = 0;
/** Session cookie value -> who the database says it is now (absent: signed out). */
const sessions = new Map<string, Viewer>();
/** Runs while a page renders (a write landing mid-render). */
let duringRender: (() => void) | null = null;

function sessionOf(cookieHeader: string | null | undefined): string | null {
  return /dracin_session=([^;]+)/.exec(cookieHeader ?? "")?.[1] ?? null;
}

async function handle(request: Request): Promise<Response> {
  renders += 1;
  duringRender?.();
  const session = sessionOf(request.headers.get("cookie"));
  const viewer = session ? sessions.get(session) : undefined;
  const headers = new Headers({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-cache" });
  if (new URL(request.url).searchParams.has("flash")) headers.append("Set-Cookie", "dracin_flash=; Max-Age=0");
  const body = `${viewer ? `home of ${viewer.userId} with data ${viewer.fingerprint}` : "anonymous"} (render ${renders})${"<p>rows of dramas</p>".repeat(100)}`;
  return new Response(body, { headers });
}

/** "/" is kept per viewer (with the account and progress declared), every other page rendered. */
const policy: PagePolicy = {
  plan: (method, path, url, headers) =>
    planFor(method, url, headers, {
      cache: path === "/" ? { anonymous: "never", signedIn: "per-viewer" } : null,
      viewerData: ["account", "progress"],
    }),
};
/** The viewer data each fingerprint read was asked for. */
const asked: string[][] = [];

let base = "";
let close: () => Promise<void>;

beforeAll(async () => {
  const app = express();
  // As server/index.ts: the compression middleware in front (it leaves a body already encoded alone).
  app.use(compression());
  app.all(
    "*",
    createRemixHandler({
      handle,
      policy,
      cache: new PageCache(),
      privateCache: {
        cache,
        viewer: async (cookieHeader, viewerData) => {
          asked.push([...viewerData]);
          return sessions.get(sessionOf(cookieHeader) ?? "") ?? null;
        },
      },
      getLoadContext: () => ({}),
    }),
  );
  ({ base, close } = await listenOnLoopback(app));
});

afterAll(() => close());

beforeEach(() => {
  now += 60_000;
  renders = 0;
  duringRender = null;
  asked.length = 0;
  sessions.clear();
  sessions.set("ana-1", { userId: "ana", fingerprint: "a1" });
  sessions.set("budi-1", { userId: "budi", fingerprint: "b1" });
});

const home = (cookie: string, path = "/") => fetch(`${base}${path}`, { headers: { cookie } });
const ANA = "dracin_session=ana-1; dracin_csrf=ana-secret";
const BUDI = "dracin_session=budi-1; dracin_csrf=budi-secret";

describe("the signed-in page cache", () => {
  it("renders a viewer's home once, then serves the same bytes while their data reads the same", async () => {
    const first = await home(ANA);
    expect(first.headers.get("x-page-cache")).toBe("private-miss");
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    const body = await first.text();
    const second = await home(ANA);
    expect(second.headers.get("x-page-cache")).toBe("private-hit");
    // Each time, the fingerprint of exactly what the page declares.
    expect(asked).toEqual([
      ["account", "progress"],
      ["account", "progress"],
    ]);
    expect(await second.text()).toBe(body);
    expect(renders).toBe(1);
  });

  it("never gives one viewer's page to another, whatever the order", async () => {
    expect(await (await home(ANA)).text()).toContain("home of ana");
    const budi = await home(BUDI);
    expect(budi.headers.get("x-page-cache")).toBe("private-miss");
    expect(await budi.text()).toContain("home of budi");
    expect(await (await home(ANA)).text()).toContain("home of ana");
    expect(await (await home(BUDI)).text()).toContain("home of budi");
    expect(renders).toBe(2);
  });

  it("renders again as soon as the viewer's data changes (a write through any instance)", async () => {
    await home(ANA);
    sessions.set("ana-1", { userId: "ana", fingerprint: "a2" });
    const after = await home(ANA);
    expect(after.headers.get("x-page-cache")).toBe("private-miss");
    expect(await after.text()).toContain("data a2");
    expect((await home(ANA)).headers.get("x-page-cache")).toBe("private-hit");
  });

  it("keeps a page under the data read before its render, so a write during the render is not hidden", async () => {
    duringRender = () => sessions.set("ana-1", { userId: "ana", fingerprint: "a2" });
    await home(ANA);
    duringRender = null;
    // The page was rendered while the data changed: it is not served for the new data.
    expect((await home(ANA)).headers.get("x-page-cache")).toBe("private-miss");
    expect(renders).toBe(2);
  });

  it("serves nothing to a session that ended (signed out, revoked, expired)", async () => {
    await home(ANA);
    sessions.delete("ana-1");
    const after = await home(ANA);
    expect(after.headers.get("x-page-cache")).toBeNull();
    expect(await after.text()).toContain("anonymous");
  });

  it("renders again after the maximum age", async () => {
    await home(ANA);
    now += 5_000;
    expect((await home(ANA)).headers.get("x-page-cache")).toBe("private-miss");
  });

  it("renders every time for a browser without the CSRF cookie, and never keeps a page that sets a cookie", async () => {
    await home("dracin_session=ana-1");
    const again = await home("dracin_session=ana-1");
    expect(again.headers.get("x-page-cache")).toBeNull();
    await home(ANA, "/?flash=1");
    expect((await home(ANA, "/?flash=1")).headers.get("x-page-cache")).toBeNull();
    expect(renders).toBe(4);
  });

  it("compresses a kept page once per coding, for browsers that accept it", async () => {
    const identity = await (await home(ANA)).text();
    for (const coding of ["gzip", "br"]) {
      for (const attempt of [1, 2]) {
        const response = await fetch(`${base}/`, { headers: { cookie: ANA, "accept-encoding": coding } });
        expect(response.headers.get("content-encoding"), `${coding} #${attempt}`).toBe(coding);
        expect(response.headers.get("vary")).toMatch(/Accept-Encoding/i);
        // fetch decodes the body: one layer of compression, the same page.
        expect(await response.text()).toBe(identity);
      }
    }
    const plain = await fetch(`${base}/`, { headers: { cookie: ANA, "accept-encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(renders).toBe(1);
  });

  it("leaves other pages alone", async () => {
    await home(ANA, "/my-list");
    const again = await home(ANA, "/my-list");
    expect(again.headers.get("x-page-cache")).toBeNull();
    expect(renders).toBe(2);
  });
});
