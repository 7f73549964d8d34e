import { describe, expect, it } from "vitest";
import { cachedPage } from "~/utils/page-cache.server";
import { PrivatePageCache, isPrivateStorable, privatePageKey } from "~/utils/private-page-cache.server";

const URL = "http://dracin.test/";
const SIGNED_IN = { cookie: "dracin_session=s1.sig; dracin_csrf=secretA" };

describe("privatePageKey", () => {
  it("keys a signed-in GET of the home page by its session and CSRF cookies", () => {
    const key = privatePageKey("GET", "/", URL, SIGNED_IN);
    expect(key).not.toBeNull();
    expect(key).toContain("dracin_session=s1.sig");
    // Another session, or the same session in a browser with another CSRF secret: another key.
    expect(privatePageKey("GET", "/", URL, { cookie: "dracin_session=s2.sig; dracin_csrf=secretA" })).not.toBe(key);
    expect(privatePageKey("GET", "/", URL, { cookie: "dracin_session=s1.sig; dracin_csrf=secretB" })).not.toBe(key);
    // Cookie order does not matter; preferences are part of the key.
    expect(privatePageKey("GET", "/", URL, { cookie: "dracin_csrf=secretA; dracin_session=s1.sig" })).toBe(key);
    expect(privatePageKey("GET", "/", URL, { cookie: `${SIGNED_IN.cookie}; dracin_prefs=x` })).not.toBe(key);
  });

  it("keeps nothing but the pages it knows, and only for GET", () => {
    expect(privatePageKey("GET", "/my-list", "http://dracin.test/my-list", SIGNED_IN)).toBeNull();
    expect(privatePageKey("GET", "/account", "http://dracin.test/account", SIGNED_IN)).toBeNull();
    expect(privatePageKey("POST", "/", URL, SIGNED_IN)).toBeNull();
    expect(privatePageKey("HEAD", "/", URL, SIGNED_IN)).toBeNull();
    expect(privatePageKey("GET", "/", URL, { ...SIGNED_IN, authorization: "Bearer x" })).toBeNull();
  });

  it("needs both the session and the CSRF secret (a page without the secret issues one: never kept)", () => {
    expect(privatePageKey("GET", "/", URL, {})).toBeNull();
    expect(privatePageKey("GET", "/", URL, { cookie: "dracin_session=s1.sig" })).toBeNull();
    expect(privatePageKey("GET", "/", URL, { cookie: "dracin_csrf=secretA" })).toBeNull();
  });

  it("renders when any other cookie comes along: a flash notice, an OAuth state, a recent write", () => {
    for (const extra of ["dracin_flash=notice", "oauth2:github=state", "dracin_primary=1", "tracker=1"]) {
      expect(privatePageKey("GET", "/", URL, { cookie: `${SIGNED_IN.cookie}; ${extra}` }), extra).toBeNull();
    }
  });

  it("keeps htmx requests apart from the full page", () => {
    const page = privatePageKey("GET", "/", URL, SIGNED_IN);
    const partial = privatePageKey("GET", "/", URL, { ...SIGNED_IN, "hx-request": "true" });
    expect(partial).not.toBeNull();
    expect(partial).not.toBe(page);
  });
});

describe("isPrivateStorable", () => {
  const html = (headers: Record<string, string>) => new Headers({ "Content-Type": "text/html; charset=utf-8", ...headers });

  it("keeps a private 200 page that sets no cookie", () => {
    expect(isPrivateStorable(200, html({ "Cache-Control": "private, no-cache" }))).toBe(true);
  });

  it("never keeps an error, a cookie, a no-store or public response, or something other than a page", () => {
    expect(isPrivateStorable(404, html({ "Cache-Control": "private, no-cache" }))).toBe(false);
    expect(isPrivateStorable(503, html({ "Cache-Control": "private, no-cache" }))).toBe(false);
    expect(isPrivateStorable(200, html({ "Cache-Control": "private, no-cache", "Set-Cookie": "dracin_csrf=new" }))).toBe(false);
    expect(isPrivateStorable(200, html({ "Cache-Control": "private, no-store" }))).toBe(false);
    expect(isPrivateStorable(200, html({ "Cache-Control": "public, max-age=0" }))).toBe(false);
    expect(isPrivateStorable(200, html({}))).toBe(false);
    expect(isPrivateStorable(200, new Headers({ "Content-Type": "application/json", "Cache-Control": "private" }))).toBe(false);
  });
});

describe("PrivatePageCache", () => {
  let now = 1_000;
  const page = (text: string) => cachedPage(200, new Headers({ "Content-Type": "text/html" }), Buffer.from(text), now);
  const ana = { userId: "ana", fingerprint: "v1" };

  it("serves a page only to the viewer it was made for, while their data reads the same", () => {
    const cache = new PrivatePageCache({ maxAgeMs: 5_000, now: () => now });
    cache.store("k", ana, page("ana's home"));
    expect(cache.lookup("k", ana)?.body.toString()).toBe("ana's home");
    // Another user under the same key (a session handed to someone else): not served, and forgotten.
    expect(cache.lookup("k", { userId: "budi", fingerprint: "v1" })).toBeNull();
    expect(cache.size).toBe(0);
  });

  it("forgets the page once the viewer's data changed", () => {
    const cache = new PrivatePageCache({ maxAgeMs: 5_000, now: () => now });
    cache.store("k", ana, page("before"));
    expect(cache.lookup("k", { ...ana, fingerprint: "v2" })).toBeNull();
    // Even when the data reads as before again, the page is gone: it is rendered anew.
    expect(cache.lookup("k", ana)).toBeNull();
  });

  it("forgets the page after its maximum age (the catalog part may have changed)", () => {
    const cache = new PrivatePageCache({ maxAgeMs: 5_000, now: () => now });
    cache.store("k", ana, page("home"));
    now += 4_999;
    expect(cache.lookup("k", ana)).not.toBeNull();
    now += 1;
    expect(cache.lookup("k", ana)).toBeNull();
  });

  it("stays within its byte budget, dropping the least recently used", () => {
    const cache = new PrivatePageCache({ maxAgeMs: 5_000, maxBytes: 3_000, now: () => now });
    const big = "x".repeat(1_000);
    for (const key of ["a", "b", "c", "d"]) cache.store(key, ana, page(big));
    expect(cache.size).toBeLessThan(4);
    expect(cache.lookup("a", ana)).toBeNull();
    expect(cache.lookup("d", ana)).not.toBeNull();
  });
});
