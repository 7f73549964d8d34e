/**
 * The public-page cache and the request adapter (app/utils/remix-handler.server.ts)
 * over real HTTP on 127.0.0.1, with a stand-in for Remix that decides like
 * the document entry does (finishDocument) and counts its renders. Every
 * path is declared as a public page (the declarations themselves are
 * tested in tests/unit/cache-policy.test.ts).
 */
import type { AppLoadContext } from "@remix-run/node";
import express from "express";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback } from "../helpers/listen";
import { finishDocument, planFor, type PagePolicy } from "~/utils/cache-policy.server";
import { PageCache } from "~/utils/page-cache.server";
import { createRemixHandler } from "~/utils/remix-handler.server";

/** Every page public for signed-out visitors, rendered for signed-in ones. */
const policy: PagePolicy = {
  plan: (method, _path, url, headers) =>
    planFor(method, url, headers, { cache: { anonymous: "public", signedIn: "never" }, viewerData: [] }),
};

let now = 0;
const cache = new PageCache({ freshMs: 5_000, staleMs: 30_000, now: () => now });
const renders: string[] = [];
const signals: AbortSignal[] = [];
let release: (() => void) | null = null;

/** Stands in for Remix: the page shows who asked and which variant. */
async function handle(request: Request, context?: AppLoadContext): Promise<Response> {
  const url = new URL(request.url);
  renders.push(`${url.pathname}${url.search}`);
  signals.push(request.signal);
  if (url.pathname === "/slow") await new Promise<void>((resolve) => (release = resolve));
  const cookie = request.headers.get("cookie") ?? "";
  const user = /dracin_session=([^;]+)/.exec(cookie)?.[1] ?? null;
  const htmx = request.headers.get("hx-request") === "true";
  const status = url.pathname === "/missing" ? 404 : url.pathname === "/broken" ? 500 : 200;
  const headers = new Headers({ "Content-Type": "text/html; charset=utf-8" });
  if (url.pathname === "/login") headers.append("Set-Cookie", "dracin_csrf=issued; Path=/; HttpOnly");
  finishDocument(context?.cachePlan ?? "none", { status, headers, csrfTokenUsed: url.pathname === "/form" });
  const body = `${htmx ? "<section>" : "<!DOCTYPE html><main>"}${user ? `signed in as ${user}` : "anonymous"} render ${renders.length}`;
  return new Response(body, { status, headers });
}

let base = "";
let close: () => Promise<void>;

beforeAll(async () => {
  const app = express();
  app.all("*", createRemixHandler({ handle, policy, cache, getLoadContext: () => ({}) }));
  ({ base, close } = await listenOnLoopback(app));
});

afterAll(() => close());

afterEach(() => {
  // Every test starts after every earlier page has expired.
  now += 60_000;
  renders.length = 0;
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

describe("the public-page cache", () => {
  it("renders once, then serves the same bytes from memory while fresh, with a validator", async () => {
    const first = await get("/drama/a");
    expect(first.headers.get("x-page-cache")).toBe("miss");
    expect(first.headers.get("cache-control")).toMatch(/^public, /);
    const body = await first.text();
    const second = await get("/drama/a");
    expect(second.headers.get("x-page-cache")).toBe("hit");
    expect(await second.text()).toBe(body);
    expect(renders).toEqual(["/drama/a"]);
    // (fetch adds Cache-Control: no-cache to a conditional request unless told otherwise; a browser revalidating sends max-age=0.)
    const notModified = await get("/drama/a", {
      "If-None-Match": second.headers.get("etag")!,
      "Cache-Control": "max-age=0",
    });
    expect(notModified.status).toBe(304);
    expect(renders).toHaveLength(1);
  });

  it("renders again after the fresh window, and forgets the page after the stale window", async () => {
    await get("/browse");
    now += 5_001;
    const afterFresh = await get("/browse");
    // No render was in flight: this request rendered the successor.
    expect(afterFresh.headers.get("x-page-cache")).toBe("miss");
    now += 40_000;
    expect((await get("/browse")).headers.get("x-page-cache")).toBe("miss");
    expect(renders).toEqual(["/browse", "/browse", "/browse"]);
  });

  it("serves the stale page while one request renders its successor", async () => {
    const first = get("/slow");
    await expect.poll(() => renders.length).toBe(1);
    release?.();
    await first;
    now += 6_000;
    const rendering = get("/slow");
    await expect.poll(() => renders.length).toBe(2);
    const meanwhile = await get("/slow");
    expect(meanwhile.headers.get("x-page-cache")).toBe("stale");
    expect(await meanwhile.text()).toContain("render 1");
    release?.();
    expect(await (await rendering).text()).toContain("render 2");
    expect((await get("/slow")).headers.get("x-page-cache")).toBe("hit");
  });

  it("lets concurrent first requests share one render", async () => {
    const all = Promise.all([get("/slow?q=x"), get("/slow?q=x"), get("/slow?q=x")]);
    await expect.poll(() => renders.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    release?.();
    const responses = await all;
    expect(renders).toHaveLength(1);
    const texts = await Promise.all(responses.map((response) => response.text()));
    expect(new Set(texts).size).toBe(1);
  });

  it("keys the query and keeps htmx fragments apart from full pages", async () => {
    const page = await (await get("/search?q=tea")).text();
    const fragment = await (await get("/search?q=tea", { "HX-Request": "true" })).text();
    const other = await (await get("/search?q=moon")).text();
    expect(page).toMatch(/^<!DOCTYPE html><main>/);
    expect(fragment).toMatch(/^<section>/);
    expect(other).not.toBe(page);
    expect((await get("/search?q=tea", { "HX-Request": "true" })).headers.get("x-page-cache")).toBe("hit");
    expect(await (await get("/search?q=tea")).text()).toBe(page);
    expect(renders).toEqual(["/search?q=tea", "/search?q=tea", "/search?q=moon"]);
  });

  it("never serves the shared page to a signed-in viewer, and never stores theirs", async () => {
    await get("/home");
    for (const name of ["ana", "budi"]) {
      const mine = await get("/home", { Cookie: `dracin_csrf=x; dracin_session=${name}` });
      expect(mine.headers.get("x-page-cache")).toBeNull();
      expect(mine.headers.get("cache-control")).toBe("private, no-cache");
      expect(await mine.text()).toContain(`signed in as ${name}`);
    }
    const anonymous = await get("/home");
    expect(anonymous.headers.get("x-page-cache")).toBe("hit");
    expect(await anonymous.text()).toContain("anonymous");
    expect(renders).toEqual(["/home", "/home", "/home"]);
  });

  it("stores no page with Set-Cookie, with a per-browser token, or with an error status", async () => {
    for (const path of ["/login", "/form", "/missing", "/broken"]) {
      const first = await get(path);
      await get(path);
      expect(first.headers.get("x-page-cache"), path).toBeNull();
      expect(first.headers.get("cache-control"), path).toBe("private, no-cache");
    }
    expect(renders).toEqual(["/login", "/login", "/form", "/form", "/missing", "/missing", "/broken", "/broken"]);
    expect((await get("/login")).headers.getSetCookie()).toEqual(["dracin_csrf=issued; Path=/; HttpOnly"]);
  });

  it("passes POSTs through with their body, uncached", async () => {
    const response = await fetch(`${base}/drama/a`, { method: "POST", body: "x=1" });
    expect(response.headers.get("x-page-cache")).toBeNull();
    expect(renders).toEqual(["/drama/a"]);
  });
});

describe("the request adapter", () => {
  it("aborts the request's signal once the response is sent (Remix's timers wait on it)", async () => {
    signals.length = 0;
    await (await get("/form")).text();
    await expect.poll(() => signals[0]?.aborted).toBe(true);
  });
});
