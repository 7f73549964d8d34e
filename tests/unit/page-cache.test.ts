import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { PageCache, cachedPage, encodedBody, keptSize } from "~/utils/page-cache.server";

describe("PageCache", () => {
  function clock() {
    let now = 1_000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  }
  const body = (text: string) => Buffer.from(text);

  it("misses, then hits while fresh, serves stale after, and forgets after the stale window", () => {
    const time = clock();
    const cache = new PageCache({ freshMs: 5_000, staleMs: 30_000, now: time.now });
    expect(cache.lookup("k")).toBeNull();
    cache.startRender("k")(cachedPage(200, new Headers(), body("one"), time.now()));
    expect(cache.lookup("k")).toMatchObject({ state: "fresh" });
    time.advance(4_999);
    expect(cache.lookup("k")?.state).toBe("fresh");
    time.advance(1);
    expect(cache.lookup("k")?.state).toBe("stale");
    time.advance(30_000);
    expect(cache.lookup("k")).toBeNull();
    expect(cache.size).toBe(0);
  });

  it("shares one render among concurrent requests, and stores nothing when the render was not storable", async () => {
    const cache = new PageCache();
    const finish = cache.startRender("k");
    const waiting = cache.rendering("k");
    expect(waiting).toBeDefined();
    finish(null);
    expect(await waiting).toBeNull();
    expect(cache.rendering("k")).toBeUndefined();
    expect(cache.lookup("k")).toBeNull();
  });

  it("gives each page a validator of its body", () => {
    const a = cachedPage(200, new Headers(), body("a"), 0);
    expect(a.etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(cachedPage(200, new Headers(), body("a"), 5).etag).toBe(a.etag);
    expect(cachedPage(200, new Headers(), body("b"), 0).etag).not.toBe(a.etag);
  });

  it("stays within its byte budget, dropping the least recently used", () => {
    const cache = new PageCache({ maxBytes: 3_000 });
    for (const key of ["a", "b", "c", "d"])
      cache.startRender(key)(cachedPage(200, new Headers(), Buffer.alloc(800), cache.now()));
    expect(cache.size).toBeLessThan(4);
    expect(cache.lookup("d")).not.toBeNull();
    expect(cache.lookup("a")).toBeNull();
  });

  it("keeps a small page's codings in memory of their own size, not zlib's 16 KiB output chunk", () => {
    const page = cachedPage(200, new Headers(), Buffer.from("<p>hello</p>".repeat(200)), 0);
    for (const encoding of ["br", "gzip"] as const) {
      const { body, made } = encodedBody(page, encoding);
      expect(made).toBe(true);
      expect(body.byteLength).toBeLessThan(1_000);
      expect(body.buffer.byteLength).toBe(body.byteLength);
      expect(encodedBody(page, encoding)).toEqual({ body, made: false });
    }
  });

  it("counts a page's body, codings, headers and key", () => {
    const page = cachedPage(200, new Headers({ "Content-Type": "text/html" }), Buffer.alloc(2_000), 0);
    const bare = keptSize(page, "/k");
    expect(bare).toBeGreaterThanOrEqual(2_000 + 4 + "content-type".length + "text/html".length);
    const { body } = encodedBody(page, "gzip");
    expect(keptSize(page, "/k")).toBe(bare + body.byteLength);
  });

  it("counts a coding made for a kept page against its budget", () => {
    // Text that compresses little, so its codings need room the budget does not have.
    const text = () => Buffer.from(crypto.randomBytes(1_500).toString("base64"));
    const pages = ["a", "b", "c"].map((key) => ({ key, page: cachedPage(200, new Headers(), text(), Date.now()) }));
    const cache = new PageCache({ maxBytes: pages.reduce((sum, { key, page }) => sum + keptSize(page, key), 0) + 100 });
    for (const { key, page } of pages) cache.startRender(key)(page);
    expect(cache.size).toBe(3);
    cache.encoded("c", pages[2].page, "gzip");
    // The least recently used page made room for c's coding.
    expect(cache.lookup("a")).toBeNull();
    expect(cache.lookup("c")).not.toBeNull();
  });
});
