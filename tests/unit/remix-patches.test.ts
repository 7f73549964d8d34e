/**
 * Our patches of Remix's packages (patches/, applied by patch-package after
 * every install; docs/decisions/022-remix-patches.md), each installed and
 * behaving as before:
 * - @remix-run/router: a routes array's ranked branches, a path's matcher and
 *   each pathname's matches computed once; every caller gets its own copy of the
 *   matches; routes patched in later still match;
 * - @remix-run/server-runtime: a loader gets the request itself when there is
 *   no Remix parameter to strip, so every loader of one request sees one
 *   Request (what the per-request session read relies on);
 * - @remix-run/react and react-router-dom: the server routes and data routes
 *   of a build made once, not on every render;
 * - @remix-run/server-runtime and @remix-run/react: the loaders' data encoded
 *   for hydration only when <Scripts> reads it (no page does).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { createMemoryHistory, createRouter, matchPath, matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import type { StaticHandlerContext } from "@remix-run/router";
import { createStaticRouter } from "react-router-dom/server";
import { describe, expect, it, vi } from "vitest";

const require = createRequire(import.meta.url);

function routes(): AgnosticRouteObject[] {
  return [
    {
      id: "root",
      path: "/",
      children: [
        { id: "home", index: true },
        { id: "drama", path: "drama/:dramaId" },
        { id: "watch", path: "watch/:episodeId" },
        { id: "my-list", path: "my-list" },
        { id: "splat", path: "*" },
      ],
    },
  ];
}

function idsOf(matches: ReturnType<typeof matchRoutes>): string[] | null {
  return matches ? matches.map((match) => match.route.id ?? "") : null;
}

/** The files of a package, next to the one `entry` resolves to. */
function packageFile(entry: string, file: string): string {
  const resolved = require.resolve(entry);
  return fs.readFileSync(`${resolved.slice(0, resolved.lastIndexOf("/"))}/${file}`, "utf8");
}

describe("the patches", () => {
  it("are installed, in the CommonJS and the ES module build of each package", () => {
    const installed: [string, string, string][] = [
      ["@remix-run/router", "router.cjs.js", "rankedBranchesCache.get(routes)"],
      ["@remix-run/router", "router.js", "rankedBranchesCache.get(routes)"],
      ["@remix-run/router", "router.cjs.js", "compiledPaths.get(key)"],
      ["@remix-run/router", "router.js", "compiledPaths.get(key)"],
      ["@remix-run/router", "router.cjs.js", "cached.matches.get(key)"],
      ["@remix-run/router", "router.js", "cached.matches.get(key)"],
      ["@remix-run/server-runtime", "data.js", 'if (!url.searchParams.has("_routes")) return request;'],
      ["@remix-run/server-runtime", "esm/data.js", 'if (!url.searchParams.has("_routes")) return request;'],
      ["@remix-run/server-runtime", "server.js", "function lazyHandoffStream("],
      ["@remix-run/server-runtime", "esm/server.js", "function lazyHandoffStream("],
      ["@remix-run/react", "server.js", "reader: lazyReader(context)"],
      ["@remix-run/react", "esm/server.js", "reader: lazyReader(context)"],
      ["@remix-run/react", "server.js", "serverRoutesByManifest.get(manifest.routes)"],
      ["@remix-run/react", "esm/server.js", "serverRoutesByManifest.get(manifest.routes)"],
      ["react-router-dom/server", "server.js", "dataRoutesCache.get(routes)"],
      ["react-router-dom/server", "server.mjs", "dataRoutesCache.get(routes)"],
    ];
    for (const [entry, file, text] of installed) expect(packageFile(entry, file), `${entry} ${file}`).toContain(text);
  });
});

describe("the router memo patch", () => {
  it("matches as before, again and again on the same routes array", () => {
    const tree = routes();
    for (let round = 0; round < 3; round += 1) {
      expect(idsOf(matchRoutes(tree, "/"))).toEqual(["root", "home"]);
      expect(idsOf(matchRoutes(tree, "/drama/moonlit"))).toEqual(["root", "drama"]);
      expect(matchRoutes(tree, "/drama/moonlit")?.[1].params).toEqual({ dramaId: "moonlit" });
      expect(idsOf(matchRoutes(tree, "/MY-LIST/"))).toEqual(["root", "my-list"]);
      expect(idsOf(matchRoutes(tree, "/nowhere/at/all"))).toEqual(["root", "splat"]);
    }
    // Another array with other routes is matched on its own.
    expect(idsOf(matchRoutes([{ id: "only", path: "/only" }], "/drama/moonlit"))).toBeNull();
  });

  it("gives every caller its own matches, shaped as before: one params object per answer", () => {
    const tree = routes();
    const first = matchRoutes(tree, "/watch/ep-1");
    const second = matchRoutes(tree, "/watch/ep-1");
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(second?.[1]).not.toBe(first?.[1]);
    // As matchRouteBranch() makes them: every match of one answer holds the same params object.
    expect(second?.[0].params).toBe(second?.[1].params);
    expect(second?.[1].params).not.toBe(first?.[1].params);
    // What one caller does to its answer is not what the next one gets.
    if (first) {
      (first[1].params as Record<string, string>).episodeId = "changed";
      first.pop();
    }
    expect(matchRoutes(tree, "/watch/ep-1")?.map((match) => [match.route.id, match.params.episodeId])).toEqual([
      ["root", "ep-1"],
      ["watch", "ep-1"],
    ]);
    // An encoded path is matched decoded, as before, whichever spelling came first.
    expect(matchRoutes(tree, "/watch/ep%201")?.[1]).toMatchObject({
      params: { episodeId: "ep 1" },
      pathname: "/watch/ep 1",
    });
    expect(matchRoutes(tree, "/watch/ep 1")?.[1]).toMatchObject({
      params: { episodeId: "ep 1" },
      pathname: "/watch/ep 1",
    });
    // A path no route takes stays unmatched, asked again.
    expect(matchRoutes([{ id: "only", path: "/only" }], "/elsewhere")).toBeNull();
    expect(matchRoutes([{ id: "only", path: "/only" }], "/elsewhere")).toBeNull();
  });

  it("keeps case sensitivity and end apart for the same path", () => {
    expect(matchPath({ path: "/Drama", caseSensitive: true }, "/drama")).toBeNull();
    expect(matchPath({ path: "/Drama" }, "/drama")).not.toBeNull();
    expect(matchPath({ path: "/drama", end: false }, "/drama/x")?.pathnameBase).toBe("/drama");
    expect(matchPath({ path: "/drama" }, "/drama/x")).toBeNull();
  });

  it("sees routes patched into a router after it matched", () => {
    const router = createRouter({ routes: routes(), history: createMemoryHistory() });
    expect(idsOf(matchRoutes(router.routes, "/history"))).toEqual(["root", "splat"]);
    router.patchRoutes("root", [{ id: "history", path: "history" }]);
    expect(idsOf(matchRoutes(router.routes, "/history"))).toEqual(["root", "history"]);
    router.dispose();
  });
});

/** A one-route build whose loaders record the Request they were given; the document is the loaders' verdict. */
/** What the entry module is handed: the parts these tests read. */
interface EntryContextSeen {
  staticHandlerContext: StaticHandlerContext;
  serverHandoffStream?: ReadableStream<Uint8Array>;
}

function recordingBuild(seen: Request[], inspect: (context: EntryContextSeen) => void = () => undefined): ServerBuild {
  const loader = ({ request }: { request: Request }) => {
    seen.push(request);
    return { url: request.url };
  };
  const entryRoute = (id: string, parentId: string | undefined, path: string | undefined, index?: boolean) => ({
    id,
    parentId,
    path,
    index,
    hasAction: false,
    hasLoader: true,
    hasClientAction: false,
    hasClientLoader: false,
    hasErrorBoundary: false,
    module: `/${id}.js`,
  });
  const root = entryRoute("root", undefined, "");
  const page = entryRoute("routes/_index", "root", undefined, true);
  return {
    mode: "production",
    entry: {
      module: {
        default: (_request: Request, status: number, _headers: Headers, context: EntryContextSeen) => {
          inspect(context);
          return new Response(JSON.stringify(context.staticHandlerContext.loaderData), { status });
        },
      },
    },
    routes: {
      root: { ...root, module: { loader, default: () => null } },
      "routes/_index": { ...page, module: { loader, default: () => null } },
    },
    assets: {
      entry: { imports: [], module: "/entry.js" },
      routes: { root, "routes/_index": page },
      url: "/manifest.js",
      version: "1",
    },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_singleFetch: true,
      v3_lazyRouteDiscovery: true,
    },
    isSpaMode: false,
  };
}

describe("the server-runtime patch", () => {
  it("hands every loader of a document request the request itself when there is nothing to strip", async () => {
    const seen: Request[] = [];
    const handler = createRequestHandler(recordingBuild(seen), "production");
    const request = new Request("http://127.0.0.1/?page=2");
    const response = await handler(request);
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(seen.every((each) => each === request)).toBe(true);
  });

  it("still strips Remix's own parameters, on a copy", async () => {
    const seen: Request[] = [];
    const handler = createRequestHandler(recordingBuild(seen), "production");
    const response = await handler(new Request("http://127.0.0.1/?index&page=2"));
    expect(response.status).toBe(200);
    expect(seen.map((each) => each.url)).toEqual(["http://127.0.0.1/?page=2", "http://127.0.0.1/?page=2"]);
  });
});

describe("the hand-off stream patch", () => {
  it("encodes the loaders' data for hydration only when something reads it, once", async () => {
    let lazy = false;
    let text = "";
    const handler = createRequestHandler(
      recordingBuild([], (context) => {
        lazy = typeof Object.getOwnPropertyDescriptor(context, "serverHandoffStream")?.get === "function";
        const stream = context.serverHandoffStream;
        expect(context.serverHandoffStream).toBe(stream);
        void new Response(stream).text().then((body) => (text = body));
      }),
      "production",
    );
    expect((await handler(new Request("http://127.0.0.1/?page=3"))).status).toBe(200);
    expect(lazy).toBe(true);
    await vi.waitFor(() => expect(text).toContain("http://127.0.0.1/?page=3"));
  });
});

describe("the static router patch", () => {
  it("makes the data routes of a routes array once, and matches each render's own context", () => {
    const tree = routes();
    const contextFor = (pathname: string): StaticHandlerContext => {
      const matches = matchRoutes(tree, pathname) ?? [];
      return {
        basename: "/",
        location: { pathname, search: "", hash: "", state: null, key: "default" },
        matches: matches.map((match) => ({ ...match, route: { ...match.route, id: match.route.id ?? "" } })),
        loaderData: {},
        actionData: null,
        errors: null,
        statusCode: 200,
        loaderHeaders: {},
        actionHeaders: {},
        activeDeferreds: null,
      } as StaticHandlerContext;
    };
    const first = createStaticRouter(tree, contextFor("/drama/a"));
    const second = createStaticRouter(tree, contextFor("/my-list"));
    expect(second.routes).toBe(first.routes);
    expect(first.state.matches.map((match) => match.route.id)).toEqual(["root", "drama"]);
    expect(second.state.matches.map((match) => match.route.id)).toEqual(["root", "my-list"]);
    // A match carries the data route (with its element properties), not the bare route it came from.
    expect(first.state.matches[1].route).toBe(first.routes[0].children?.find((route) => route.id === "drama"));
    expect(createStaticRouter(routes(), contextFor("/")).routes).not.toBe(first.routes);
  });
});
