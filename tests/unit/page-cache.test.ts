import { describe, expect, it } from "vitest";
import {
  PUBLIC_CACHE_CONTROL,
  PageCache,
  cachedPage,
  isStorable,
  markPublic,
  mayBePublic,
  pageCacheKey,
} from "~/utils/page-cache.server";

const URL = "http://dracin.test/drama/kite-season";

describe("pageCacheKey", () => {
  it("keys an anonymous GET by its URL and query", () => {
    expect(pageCacheKey("GET", URL, {})).toBe(URL);
    expect(pageCacheKey("GET", `${URL}?a=1`, {})).not.toBe(pageCacheKey("GET", `${URL}?a=2`, {}));
  });

  it("never keys a request that may change something or carries credentials", () => {
    expect(pageCacheKey("POST", URL, {})).toBeNull();
    expect(pageCacheKey("HEAD", URL, {})).toBeNull();
    expect(pageCacheKey("GET", URL, { authorization: "Bearer x" })).toBeNull();
  });

  it("refuses a session, a flash or any unknown cookie; ignores the CSRF secret; keys preferences", () => {
    expect(pageCacheKey("GET", URL, { cookie: "dracin_session=abc" })).toBeNull();
    expect(pageCacheKey("GET", URL, { cookie: "dracin_csrf=x; dracin_session=abc" })).toBeNull();
    expect(pageCacheKey("GET", URL, { cookie: "dracin_flash=notice" })).toBeNull();
    expect(pageCacheKey("GET", URL, { cookie: "oauth2:1234=state" })).toBeNull();
    expect(pageCacheKey("GET", URL, { cookie: "dracin_csrf=secret-one" })).toBe(URL);
    const en = pageCacheKey("GET", URL, { cookie: "dracin_prefs=en; dracin_csrf=x" });
    const off = pageCacheKey("GET", URL, { cookie: "dracin_prefs=off" });
    expect(en).not.toBeNull();
    expect(en).not.toBe(URL);
    expect(en).not.toBe(off);
  });

  it("keeps htmx requests apart from full pages, and history restores apart from both", () => {
    const page = pageCacheKey("GET", URL, {});
    const partial = pageCacheKey("GET", URL, { "hx-request": "true" });
    const restore = pageCacheKey("GET", URL, { "hx-request": "true", "hx-history-restore-request": "true" });
    const otherTarget = pageCacheKey("GET", URL, { "hx-request": "true", "hx-target": "results" });
    expect(new Set([page, partial, restore, otherTarget]).size).toBe(4);
  });
});

describe("mayBePublic and markPublic", () => {
  const page = { candidate: true, status: 200, headers: new Headers(), csrfTokenUsed: false };

  it("shares an anonymous 200 that rendered nothing per-browser", () => {
    expect(mayBePublic(page)).toBe(true);
  });

  it("keeps private a page with a token, a cookie, an error status, a route's own Cache-Control, or a session", () => {
    expect(mayBePublic({ ...page, csrfTokenUsed: true })).toBe(false);
    expect(mayBePublic({ ...page, headers: new Headers({ "Set-Cookie": "a=b" }) })).toBe(false);
    expect(mayBePublic({ ...page, status: 404 })).toBe(false);
    expect(mayBePublic({ ...page, status: 503 })).toBe(false);
    expect(mayBePublic({ ...page, headers: new Headers({ "Cache-Control": "private, no-store" }) })).toBe(false);
    expect(mayBePublic({ ...page, candidate: false })).toBe(false);
  });

  it("sets the shared Cache-Control and merges Vary", () => {
    const headers = new Headers({ Vary: "hx-request, Accept-Encoding" });
    markPublic(headers);
    expect(headers.get("Cache-Control")).toBe(PUBLIC_CACHE_CONTROL);
    expect(PUBLIC_CACHE_CONTROL).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+$/);
    expect(headers.get("Vary")).toBe("hx-request, Accept-Encoding, Cookie, HX-History-Restore-Request");
    expect(isStorable(200, headers)).toBe(true);
  });
});

describe("isStorable", () => {
  it("stores only public 200s without Set-Cookie", () => {
    const pub = { "Cache-Control": PUBLIC_CACHE_CONTROL };
    expect(isStorable(200, new Headers(pub))).toBe(true);
    expect(isStorable(404, new Headers(pub))).toBe(false);
    expect(isStorable(200, new Headers({ ...pub, "Set-Cookie": "a=b" }))).toBe(false);
    expect(isStorable(200, new Headers({ "Cache-Control": "private, no-cache" }))).toBe(false);
    expect(isStorable(200, new Headers({ "Cache-Control": "public, no-store" }))).toBe(false);
    expect(isStorable(200, new Headers())).toBe(false);
  });
});

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
    for (const key of ["a", "b", "c", "d"]) cache.startRender(key)(cachedPage(200, new Headers(), Buffer.alloc(800), cache.now()));
    expect(cache.size).toBeLessThan(4);
    expect(cache.lookup("d")).not.toBeNull();
    expect(cache.lookup("a")).toBeNull();
  });
});
