import { describe, expect, it } from "vitest";
import { pathWithSearch, safeRedirect } from "~/utils/redirect";

describe("safeRedirect", () => {
  it("accepts local paths with query and hash", () => {
    expect(safeRedirect("/")).toBe("/");
    expect(safeRedirect("/my-list")).toBe("/my-list");
    expect(safeRedirect("/browse?genre=romance&page=2")).toBe("/browse?genre=romance&page=2");
    expect(safeRedirect("/drama/neon-rain#episodes")).toBe("/drama/neon-rain#episodes");
  });

  it.each([
    ["protocol-relative", "//evil.com"],
    ["protocol-relative with path", "//evil.com/login"],
    ["backslash", "/\\evil.com"],
    ["backslash later", "/foo\\..\\\\evil.com"],
    ["absolute URL", "https://evil.com"],
    ["absolute URL to ourselves", "http://localhost:3000/"],
    ["javascript URL", "javascript:alert(1)"],
    ["relative path", "my-list"],
    ["tab hiding a protocol-relative URL", "/\t/evil.com"],
    ["newline", "/\n/evil.com"],
    ["carriage return", "/\r/evil.com"],
    ["NUL", "/\u0000/evil.com"],
    ["DEL", "/\u007f/evil.com"],
    ["dot segment collapsing into //", "/.//evil.com"],
    ["double-dot segment collapsing into //", "/..//evil.com"],
    ["path then .. collapsing into //", "/a/..//evil.com"],
    ["percent-encoded dot segment collapsing into //", "/%2e//evil.com"],
  ])("rejects a %s (%j)", (_label, target) => {
    expect(safeRedirect(target)).toBe("/");
  });

  it("rejects empty, non-string and huge values", () => {
    expect(safeRedirect("")).toBe("/");
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect(new File(["x"], "x.txt"))).toBe("/");
    expect(safeRedirect(`/${"a".repeat(5000)}`)).toBe("/");
  });

  it("returns the given fallback", () => {
    expect(safeRedirect("//evil.com", "/drama/neon-rain")).toBe("/drama/neon-rain");
  });

  it("normalises dot segments without leaving the site", () => {
    expect(safeRedirect("/a/../../b")).toBe("/b");
  });
});

describe("pathWithSearch", () => {
  it("keeps the path and query of a request, not the origin", () => {
    expect(pathWithSearch(new Request("http://localhost:3000/watch/x-ep-1?t=5"))).toBe("/watch/x-ep-1?t=5");
  });
});
