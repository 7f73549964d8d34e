import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { fragment, isHtmxRequest, redirectFor, varyOnHtmx } from "~/utils/htmx.server";
import { redact, REDACTED } from "~/utils/log.server";
import { pageParam, responseBytes, wholeBytesResponse } from "~/utils/responses.server";
import { crossSiteReason, setSecurityHeaders } from "~/utils/security.server";
import { searchPath } from "~/utils/search-path";
import { getRequest } from "../helpers/requests";

describe("htmx helpers", () => {
  it("treat HX-Request as partial, except for a history restore", () => {
    expect(isHtmxRequest(getRequest("/"))).toBe(false);
    expect(isHtmxRequest(getRequest("/", { htmx: true }))).toBe(true);
    expect(isHtmxRequest(getRequest("/", { htmx: true, headers: { "HX-History-Restore-Request": "true" } }))).toBe(
      false,
    );
  });

  it("redirect htmx with HX-Redirect and plain requests with a 303, both varying on HX-Request", () => {
    const htmx = redirectFor(getRequest("/", { htmx: true }), "/login");
    expect(htmx.status).toBe(204);
    expect(htmx.headers.get("HX-Redirect")).toBe("/login");
    expect(htmx.headers.get("Location")).toBeNull();
    const plain = redirectFor(getRequest("/"), "/login");
    expect(plain.status).toBe(303);
    expect(plain.headers.get("Location")).toBe("/login");
    for (const response of [htmx, plain]) expect(response.headers.get("Vary")).toBe("HX-Request");
  });

  it("render fragments as uncached HTML with Vary and an optional pushed URL", async () => {
    const response = fragment(createElement("p", { id: "x" }, "Hi <there>"), {
      pushUrl: "/search?q=a",
      headers: { Vary: "Cookie" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    expect(response.headers.get("HX-Push-Url")).toBe("/search?q=a");
    expect(response.headers.get("Vary")).toBe("Cookie, HX-Request");
    expect(await response.text()).toBe('<p id="x">Hi &lt;there&gt;</p>');
  });

  it("add HX-Request to Vary only once", () => {
    expect(varyOnHtmx(new Headers({ Vary: "hx-request" })).get("Vary")).toBe("hx-request");
  });
});

describe("crossSiteReason", () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it("lets safe methods through whatever their origin", () => {
    expect(crossSiteReason("GET", headers({ "Sec-Fetch-Site": "cross-site" }), "dracin.test")).toBeNull();
  });

  it("refuses a cross-site or same-site POST by Sec-Fetch-Site", () => {
    expect(crossSiteReason("POST", headers({ "Sec-Fetch-Site": "cross-site" }), "dracin.test")).toMatch(/cross-site/);
    expect(crossSiteReason("POST", headers({ "Sec-Fetch-Site": "same-site" }), "dracin.test")).toMatch(/same-site/);
    expect(crossSiteReason("POST", headers({ "Sec-Fetch-Site": "same-origin" }), "dracin.test")).toBeNull();
  });

  it("falls back to Origin", () => {
    expect(crossSiteReason("POST", headers({ Origin: "https://evil.test" }), "dracin.test")).toMatch(/evil/);
    expect(crossSiteReason("POST", headers({ Origin: "null" }), "dracin.test")).toMatch(/null/);
    expect(crossSiteReason("POST", headers({ Origin: "http://dracin.test" }), "dracin.test")).toBeNull();
    expect(crossSiteReason("POST", headers({}), "dracin.test")).toBeNull();
  });

  it("refuses an Origin that is empty or no URL", () => {
    expect(crossSiteReason("POST", headers({ Origin: "" }), "dracin.test")).toMatch(/unparseable/);
    expect(crossSiteReason("POST", headers({ Origin: "dracin.test" }), "dracin.test")).toMatch(/unparseable/);
  });
});

describe("setSecurityHeaders", () => {
  it("sets the document headers and leaves caching to the cache policy", () => {
    const fresh = new Headers();
    setSecurityHeaders(fresh);
    expect(fresh.get("X-Content-Type-Options")).toBe("nosniff");
    expect(fresh.get("X-Frame-Options")).toBe("DENY");
    expect(fresh.get("Cache-Control")).toBeNull();
    const cached = new Headers({ "Cache-Control": "public, max-age=60" });
    setSecurityHeaders(cached);
    expect(cached.get("Cache-Control")).toBe("public, max-age=60");
  });
});

describe("redact", () => {
  it("hides values under secret-looking keys at any depth", () => {
    const error = new Error("bad");
    expect(
      redact({
        email: "a@example.com",
        password: "hunter22",
        nested: { sessionToken: "t", list: [{ apiKey: "k" }] },
        error,
      }),
    ).toEqual({
      email: "a@example.com",
      password: REDACTED,
      nested: { sessionToken: REDACTED, list: [{ apiKey: REDACTED }] },
      error: { name: "Error", message: "bad", stack: error.stack },
    });
  });
});

describe("pageParam and searchPath", () => {
  it("pageParam accepts positive integers only", () => {
    expect(pageParam("3")).toBe(3);
    for (const value of [null, "", "0", "-1", "1.5", "abc", "100000"]) expect(pageParam(value)).toBe(1);
  });

  it("searchPath encodes the query", () => {
    expect(searchPath("")).toBe("/search");
    expect(searchPath("tea & cake")).toBe("/search?q=tea+%26+cake");
  });

  it("searchPath keeps the track filter and pages from 2 on", () => {
    expect(searchPath("tea", { subtitles: "id", descriptions: "en" })).toBe(
      "/search?q=tea&subtitles=id&descriptions=en",
    );
    expect(searchPath("tea", { descriptions: "id" }, 2)).toBe("/search?q=tea&descriptions=id&page=2");
    expect(searchPath("tea", {}, 1)).toBe("/search?q=tea");
  });
});

describe("wholeBytesResponse and responseBytes", () => {
  it("hands the adapter the bytes a document was made from, and leaves its body readable", async () => {
    const bytes = Buffer.from("<!DOCTYPE html><p>Hello</p>");
    expect(await responseBytes(wholeBytesResponse(bytes, { status: 200 }))).toBe(bytes);
    const read = wholeBytesResponse(bytes, { status: 200, headers: { "Content-Type": "text/html" } });
    expect(await read.text()).toBe("<!DOCTYPE html><p>Hello</p>");
    expect(read.headers.get("Content-Type")).toBe("text/html");
  });

  it("reads any other body, and never hands out bytes a reader already took", async () => {
    expect((await responseBytes(new Response("plain"))).toString()).toBe("plain");
    const taken = wholeBytesResponse(Buffer.from("once"), { status: 200 });
    await taken.text();
    await expect(responseBytes(taken)).rejects.toThrow(TypeError);
  });
});
