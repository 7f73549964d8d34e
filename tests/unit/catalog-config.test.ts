import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "~/catalog/http.server";
import { ConfigError, parseEnv } from "~/utils/env.server";
import { normaliseRoute } from "~/utils/metrics.server";

function env(values: Record<string, string>): NodeJS.ProcessEnv {
  return values as NodeJS.ProcessEnv;
}

describe("catalog configuration", () => {
  it("keeps the local provider the default and needs nothing else for it", () => {
    const parsed = parseEnv(env({}));
    expect(parsed.CATALOG_PROVIDER).toBe("local");
    expect(parsed.CATALOG_API_URL).toBeUndefined();
  });

  it("refuses CATALOG_PROVIDER=http without CATALOG_API_URL, naming the variable", () => {
    expect(() => parseEnv(env({ CATALOG_PROVIDER: "http" }))).toThrow(ConfigError);
    expect(() => parseEnv(env({ CATALOG_PROVIDER: "http" }))).toThrow(
      /CATALOG_API_URL: is required when CATALOG_PROVIDER=http/,
    );
  });

  it("refuses a CATALOG_API_URL that is not http(s) and an unknown provider", () => {
    expect(() => parseEnv(env({ CATALOG_PROVIDER: "http", CATALOG_API_URL: "ftp://example.com" }))).toThrow(
      /CATALOG_API_URL: must be an http\(s\) URL/,
    );
    expect(() => parseEnv(env({ CATALOG_PROVIDER: "graphql" }))).toThrow(/CATALOG_PROVIDER: must be "local"/);
  });

  it("accepts the HTTP provider's settings", () => {
    const parsed = parseEnv(
      env({
        CATALOG_PROVIDER: "http",
        CATALOG_API_URL: "http://127.0.0.1:4000",
        CATALOG_API_KEY: "k",
        CATALOG_TIMEOUT_MS: "1500",
      }),
    );
    expect(parsed).toMatchObject({
      CATALOG_API_URL: "http://127.0.0.1:4000",
      CATALOG_API_KEY: "k",
      CATALOG_TIMEOUT_MS: 1500,
    });
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP dates", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe("normaliseRoute", () => {
  it("gives bounded route labels, never raw ids", () => {
    expect(normaliseRoute("/")).toBe("/");
    expect(normaliseRoute("/drama/moonlit-tea-house")).toBe("/drama/:dramaId");
    expect(normaliseRoute("/watch/ext:moonlit-tea-house-ep-1")).toBe("/watch/:episodeId");
    expect(normaliseRoute("/resources/favorites")).toBe("/resources/favorites");
    expect(normaliseRoute("/media/sample-1/720p.mp4")).toBe("/media/*");
    expect(normaliseRoute("/browse/")).toBe("/browse");
    expect(normaliseRoute("/wp-admin/x.php")).toBe("other");
  });
});
