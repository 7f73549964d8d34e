/**
 * Our patch of @remix-run/router (patches/, applied by patch-package after
 * every install): a routes array's ranked branches and a path's matcher are
 * computed once. The patch must be installed, match exactly as before, and
 * see routes patched in later (the router mutates route arrays in place).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import { createMemoryHistory, createRouter, matchPath, matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";

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

describe("the router memo patch", () => {
  it("is installed in both builds of @remix-run/router", () => {
    const entry = require.resolve("@remix-run/router");
    const dist = entry.slice(0, entry.lastIndexOf("/"));
    for (const file of ["router.cjs.js", "router.js"]) {
      const source = fs.readFileSync(`${dist}/${file}`, "utf8");
      expect(source, file).toContain("rankedBranchesCache.get(routes)");
      expect(source, file).toContain("compiledPaths.get(key)");
    }
  });

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
