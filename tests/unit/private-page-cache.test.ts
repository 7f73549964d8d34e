import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { cachedPage, keptSize } from "~/utils/page-cache.server";
import { PrivatePageCache } from "~/utils/private-page-cache.server";

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

  it("counts a coding made for a kept page against its budget", () => {
    // Text that compresses little, so its coding needs room the budget does not have.
    const text = () => crypto.randomBytes(1_500).toString("base64");
    const pages = ["a", "b", "c"].map((key) => ({ key, page: page(text()) }));
    const sizes = pages.map(({ key, page }) => keptSize(page, key) + 2 * (ana.userId.length + ana.fingerprint.length));
    const cache = new PrivatePageCache({
      maxAgeMs: 5_000,
      maxBytes: sizes[0] + sizes[1] + sizes[2] + 100,
      now: () => now,
    });
    for (const { key, page } of pages) cache.store(key, ana, page);
    expect(cache.size).toBe(3);
    const body = cache.encoded("c", pages[2].page, "gzip");
    expect(body.buffer.byteLength).toBe(body.byteLength);
    // The least recently used page made room for c's coding.
    expect(cache.lookup("a", ana)).toBeNull();
    expect(cache.lookup("c", ana)).not.toBeNull();
  });
});
