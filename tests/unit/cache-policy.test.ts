/**
 * The caching rules (app/utils/cache-policy.server.ts): what a request's page
 * may become from its routes' declarations and its cookies, the headers a
 * rendered document gets, and what a store may keep.
 */
import type { ServerBuild } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import {
  PRIVATE_CACHE_CONTROL,
  PUBLIC_CACHE_CONTROL,
  createPagePolicy,
  finishDocument,
  mayStore,
  planFor,
  type Declared,
  type RequestHeaders,
} from "~/utils/cache-policy.server";
import type { RouteHandle } from "~/utils/route-handle";

const URL = "http://dracin.test/drama/kite-season";
const HOME = "http://dracin.test/";
const SIGNED_IN = { cookie: "dracin_session=s1.sig; dracin_csrf=secretA" };

const PUBLIC_ONLY: Declared = { cache: { anonymous: "public", signedIn: "never" }, viewerData: [] };
const PER_VIEWER: Declared = {
  cache: { anonymous: "public", signedIn: "per-viewer" },
  viewerData: ["account", "progress"],
};

function publicKey(method: string, url: string, headers: RequestHeaders): string | null {
  const plan = planFor(method, url, headers, PUBLIC_ONLY);
  return plan.kind === "public" ? plan.key : null;
}

function viewerKey(method: string, url: string, headers: RequestHeaders): string | null {
  const plan = planFor(method, url, headers, PER_VIEWER);
  return plan.kind === "per-viewer" ? plan.key : null;
}

describe("planFor", () => {
  it("follows the declaration: public for a signed-out visitor, per-viewer for a signed-in one, else none", () => {
    expect(planFor("GET", HOME, {}, PER_VIEWER)).toMatchObject({ kind: "public" });
    expect(planFor("GET", HOME, SIGNED_IN, PER_VIEWER)).toEqual({
      kind: "per-viewer",
      key: expect.stringContaining("dracin_session=s1.sig"),
      viewerData: ["account", "progress"],
    });
    expect(planFor("GET", HOME, SIGNED_IN, PUBLIC_ONLY)).toEqual({ kind: "none" });
    expect(planFor("GET", HOME, {}, { cache: null, viewerData: [] })).toEqual({ kind: "none" });
    expect(planFor("GET", HOME, {}, { cache: { anonymous: "never", signedIn: "per-viewer" }, viewerData: [] })).toEqual(
      { kind: "none" },
    );
  });
});

/** A build's route manifest as Remix makes it, with the handles given. */
function routes(
  handles: Record<string, { path?: string; index?: boolean; parentId?: string; handle?: RouteHandle }>,
): ServerBuild["routes"] {
  return Object.fromEntries(
    Object.entries(handles).map(([id, route]) => [
      id,
      { id, path: route.path, index: route.index, parentId: route.parentId, module: { handle: route.handle } },
    ]),
  ) as unknown as ServerBuild["routes"];
}

describe("createPagePolicy", () => {
  const policy = createPagePolicy(
    routes({
      root: { path: "", handle: { viewerData: ["account"] } },
      "routes/_index": {
        index: true,
        parentId: "root",
        handle: { cache: PER_VIEWER.cache ?? undefined, viewerData: ["progress", "favorites"] },
      },
      "routes/drama.$dramaId": {
        path: "drama/:dramaId",
        parentId: "root",
        handle: { cache: PUBLIC_ONLY.cache ?? undefined },
      },
      "routes/my-list": { path: "my-list", parentId: "root" },
      "routes/$": { path: "*", parentId: "root" },
    }),
  );
  const plan = (path: string, headers: RequestHeaders = {}) =>
    policy.plan("GET", path, `http://dracin.test${path}`, headers);

  it("finds the declaration of the route a path matches, as Remix matches it", () => {
    expect(plan("/").kind).toBe("public");
    expect(plan("/drama/kite-season").kind).toBe("public");
    expect(plan("/my-list").kind).toBe("none");
    expect(plan("/no/such/page").kind).toBe("none");
    expect(plan("/drama/kite-season", SIGNED_IN).kind).toBe("none");
  });

  it("fingerprints a per-viewer page by the viewer data of every route it matches", () => {
    const home = plan("/", SIGNED_IN);
    expect(home.kind).toBe("per-viewer");
    if (home.kind === "per-viewer") expect([...home.viewerData].sort()).toEqual(["account", "favorites", "progress"]);
  });

  it("plans nothing for a request that may change something", () => {
    expect(policy.plan("POST", "/", HOME, {}).kind).toBe("none");
    expect(policy.plan("HEAD", "/", HOME, {}).kind).toBe("none");
  });
});

describe("a public plan's key", () => {
  it("keys an anonymous GET by its URL and query", () => {
    expect(publicKey("GET", URL, {})).toBe(`${URL}\nlocale=en`);
    expect(publicKey("GET", `${URL}?a=1`, {})).not.toBe(publicKey("GET", `${URL}?a=2`, {}));
  });

  it("keys the language the page is rendered in: from ?lang=, the language cookie, Accept-Language", () => {
    const english = publicKey("GET", URL, { "accept-language": "en-US,en;q=0.9" });
    const indonesian = publicKey("GET", URL, { "accept-language": "id-ID,id;q=0.9,en;q=0.5" });
    expect(english).toBe(`${URL}\nlocale=en`);
    expect(indonesian).toBe(`${URL}\nlocale=id`);
    expect(publicKey("GET", URL, { "accept-language": "en", cookie: "dracin_lang=id" })).toContain("locale=id");
    expect(publicKey("GET", `${URL}?lang=id`, { "accept-language": "en" })).toContain("locale=id");
    expect(viewerKey("GET", URL, { ...SIGNED_IN, "accept-language": "id" })).toContain("locale=id");
    expect(viewerKey("GET", URL, { ...SIGNED_IN, "accept-language": "en" })).toContain("locale=en");
  });

  it("never keys a request that may change something or carries credentials", () => {
    expect(publicKey("POST", URL, {})).toBeNull();
    expect(publicKey("HEAD", URL, {})).toBeNull();
    expect(publicKey("GET", URL, { authorization: "Bearer x" })).toBeNull();
  });

  it("refuses a session, a flash or any unknown cookie; ignores the CSRF secret; keys preferences", () => {
    expect(publicKey("GET", URL, { cookie: "dracin_session=abc" })).toBeNull();
    expect(publicKey("GET", URL, { cookie: "dracin_csrf=x; dracin_session=abc" })).toBeNull();
    expect(publicKey("GET", URL, { cookie: "dracin_flash=notice" })).toBeNull();
    expect(publicKey("GET", URL, { cookie: "oauth2:1234=state" })).toBeNull();
    expect(publicKey("GET", URL, { cookie: "dracin_csrf=secret-one" })).toBe(publicKey("GET", URL, {}));
    const en = publicKey("GET", URL, { cookie: "dracin_prefs=en; dracin_csrf=x" });
    const off = publicKey("GET", URL, { cookie: "dracin_prefs=off" });
    expect(en).not.toBeNull();
    expect(en).not.toBe(publicKey("GET", URL, {}));
    expect(en).not.toBe(off);
  });

  it("keeps htmx requests apart from full pages, and history restores apart from both", () => {
    const page = publicKey("GET", URL, {});
    const partial = publicKey("GET", URL, { "hx-request": "true" });
    const restore = publicKey("GET", URL, { "hx-request": "true", "hx-history-restore-request": "true" });
    const otherTarget = publicKey("GET", URL, { "hx-request": "true", "hx-target": "results" });
    expect(new Set([page, partial, restore, otherTarget]).size).toBe(4);
  });
});

describe("a per-viewer plan's key", () => {
  it("keys a signed-in GET of the home page by its session and CSRF cookies", () => {
    const key = viewerKey("GET", HOME, SIGNED_IN);
    expect(key).not.toBeNull();
    expect(key).toContain("dracin_session=s1.sig");
    // Another session, or the same session in a browser with another CSRF secret: another key.
    expect(viewerKey("GET", HOME, { cookie: "dracin_session=s2.sig; dracin_csrf=secretA" })).not.toBe(key);
    expect(viewerKey("GET", HOME, { cookie: "dracin_session=s1.sig; dracin_csrf=secretB" })).not.toBe(key);
    // Cookie order does not matter; preferences are part of the key.
    expect(viewerKey("GET", HOME, { cookie: "dracin_csrf=secretA; dracin_session=s1.sig" })).toBe(key);
    expect(viewerKey("GET", HOME, { cookie: `${SIGNED_IN.cookie}; dracin_prefs=x` })).not.toBe(key);
  });

  it("keeps only GETs without credentials", () => {
    expect(viewerKey("POST", HOME, SIGNED_IN)).toBeNull();
    expect(viewerKey("HEAD", HOME, SIGNED_IN)).toBeNull();
    expect(viewerKey("GET", HOME, { ...SIGNED_IN, authorization: "Bearer x" })).toBeNull();
  });

  it("needs both the session and the CSRF secret (a page without the secret issues one: never kept)", () => {
    expect(viewerKey("GET", HOME, {})).toBeNull();
    expect(viewerKey("GET", HOME, { cookie: "dracin_session=s1.sig" })).toBeNull();
    expect(viewerKey("GET", HOME, { cookie: "dracin_csrf=secretA" })).toBeNull();
  });

  it("renders when any other cookie comes along: a flash notice, an OAuth state, a recent write", () => {
    for (const extra of ["dracin_flash=notice", "oauth2:github=state", "dracin_primary=1", "tracker=1"]) {
      expect(viewerKey("GET", HOME, { cookie: `${SIGNED_IN.cookie}; ${extra}` }), extra).toBeNull();
    }
  });

  it("keeps htmx requests apart from the full page", () => {
    const page = viewerKey("GET", HOME, SIGNED_IN);
    const partial = viewerKey("GET", HOME, { ...SIGNED_IN, "hx-request": "true" });
    expect(partial).not.toBeNull();
    expect(partial).not.toBe(page);
  });
});

describe("finishDocument", () => {
  const page = { status: 200, headers: new Headers(), csrfTokenUsed: false };
  const finished = (plan: "public" | "per-viewer" | "none", changes: Partial<typeof page> = {}) => {
    const rendered = { ...page, headers: new Headers(), ...changes };
    finishDocument(plan, rendered);
    return rendered.headers;
  };

  it("shares a page planned public: an anonymous 200 that rendered nothing per-browser", () => {
    expect(finished("public").get("Cache-Control")).toBe(PUBLIC_CACHE_CONTROL);
  });

  it("keeps private a page with a token, a cookie, an error status, or another plan; a route's own Cache-Control stays", () => {
    expect(finished("public", { csrfTokenUsed: true }).get("Cache-Control")).toBe(PRIVATE_CACHE_CONTROL);
    expect(finished("public", { headers: new Headers({ "Set-Cookie": "a=b" }) }).get("Cache-Control")).toBe(
      PRIVATE_CACHE_CONTROL,
    );
    expect(finished("public", { status: 404 }).get("Cache-Control")).toBe(PRIVATE_CACHE_CONTROL);
    expect(finished("public", { status: 503 }).get("Cache-Control")).toBe(PRIVATE_CACHE_CONTROL);
    expect(finished("per-viewer").get("Cache-Control")).toBe(PRIVATE_CACHE_CONTROL);
    expect(finished("none").get("Cache-Control")).toBe(PRIVATE_CACHE_CONTROL);
    const own = finished("public", { headers: new Headers({ "Cache-Control": "private, no-store" }) });
    expect(own.get("Cache-Control")).toBe("private, no-store");
  });

  it("sets the shared Cache-Control and merges Vary", () => {
    const headers = finished("public", { headers: new Headers({ Vary: "hx-request, Accept-Encoding" }) });
    expect(PUBLIC_CACHE_CONTROL).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+$/);
    expect(headers.get("Vary")).toBe(
      "hx-request, Accept-Encoding, Cookie, Accept-Language, HX-History-Restore-Request",
    );
    expect(mayStore("public", 200, headers)).toBe(true);
  });
});

describe("mayStore", () => {
  it("stores only public 200s without Set-Cookie for a public plan", () => {
    const pub = { "Cache-Control": PUBLIC_CACHE_CONTROL };
    expect(mayStore("public", 200, new Headers(pub))).toBe(true);
    expect(mayStore("public", 404, new Headers(pub))).toBe(false);
    expect(mayStore("public", 200, new Headers({ ...pub, "Set-Cookie": "a=b" }))).toBe(false);
    expect(mayStore("public", 200, new Headers({ "Cache-Control": "private, no-cache" }))).toBe(false);
    expect(mayStore("public", 200, new Headers({ "Cache-Control": "public, no-store" }))).toBe(false);
    expect(mayStore("public", 200, new Headers())).toBe(false);
    expect(mayStore("none", 200, new Headers(pub))).toBe(false);
  });
});

describe("mayStore for a per-viewer plan", () => {
  const html = (headers: Record<string, string>) =>
    new Headers({ "Content-Type": "text/html; charset=utf-8", ...headers });

  it("keeps a private 200 page that sets no cookie", () => {
    expect(mayStore("per-viewer", 200, html({ "Cache-Control": "private, no-cache" }))).toBe(true);
  });

  it("never keeps an error, a cookie, a no-store or public response, or something other than a page", () => {
    expect(mayStore("per-viewer", 404, html({ "Cache-Control": "private, no-cache" }))).toBe(false);
    expect(mayStore("per-viewer", 503, html({ "Cache-Control": "private, no-cache" }))).toBe(false);
    expect(
      mayStore("per-viewer", 200, html({ "Cache-Control": "private, no-cache", "Set-Cookie": "dracin_csrf=new" })),
    ).toBe(false);
    expect(mayStore("per-viewer", 200, html({ "Cache-Control": "private, no-store" }))).toBe(false);
    expect(mayStore("per-viewer", 200, html({ "Cache-Control": "public, max-age=0" }))).toBe(false);
    expect(mayStore("per-viewer", 200, html({}))).toBe(false);
    expect(
      mayStore("per-viewer", 200, new Headers({ "Content-Type": "application/json", "Cache-Control": "private" })),
    ).toBe(false);
  });
});
