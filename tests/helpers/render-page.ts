/**
 * Renders whole documents in a test process, from the app's own modules:
 * a Remix server build assembled from app/entry.server.tsx, app/root.tsx and
 * the route modules given, handled by Remix's real request handler. The page
 * is the HTML a browser would get (minus the HTTP server's caches).
 */
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import * as entry from "~/entry.server";
import * as root from "~/root";
import { CsrfTokenSource } from "~/utils/csrf.server";
import remixConfig from "../../remix.config.js";

type RouteModule = ServerBuild["routes"][string] extends infer R ? (R extends { module: infer M } ? M : never) : never;

export interface PageRoute {
  /** Remix's id, e.g. "routes/_index". */
  id: string;
  path?: string;
  index?: boolean;
  module: unknown;
}

/** A build of the root and `routes` (children of the root), as the Remix compiler would make it. */
export function buildOf(routes: PageRoute[]): ServerBuild {
  const all = [
    { id: "root", path: "", index: false, parentId: undefined, module: root },
    ...routes.map((route) => ({ ...route, parentId: "root" })),
  ];
  const manifestRoutes = Object.fromEntries(
    all.map((route) => {
      const module = route.module as Record<string, unknown>;
      return [
        route.id,
        {
          id: route.id,
          parentId: route.parentId,
          path: route.path,
          index: route.index,
          module: `/build/${route.id}.js`,
          hasAction: "action" in module,
          hasLoader: "loader" in module,
          hasClientAction: false,
          hasClientLoader: false,
          hasErrorBoundary: "ErrorBoundary" in module,
        },
      ];
    }),
  );
  return {
    mode: "production",
    entry: { module: entry },
    routes: Object.fromEntries(
      all.map((route) => [
        route.id,
        {
          id: route.id,
          parentId: route.parentId,
          path: route.path,
          index: route.index,
          module: route.module as RouteModule,
        },
      ]),
    ),
    assets: {
      entry: { imports: [], module: "/build/entry.js" },
      routes: manifestRoutes,
      url: "/build/manifest.js",
      version: "test",
    },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    // remix.config.js sets every flag, as the compiler passes them on.
    future: remixConfig.future as ServerBuild["future"],
    isSpaMode: false,
  };
}

/** More of the request: other headers (Accept-Language, HX-Request), or a form POST. */
export interface RenderOptions {
  headers?: Record<string, string>;
  /** Sent as a same-origin urlencoded POST. */
  form?: Record<string, string>;
  /** The POST's Origin; null sends none, as a browser that sends neither Origin nor Sec-Fetch-Site. */
  origin?: string | null;
}

/** A function that renders `path` of `build` for a browser sending `cookie`, as the HTTP server would hand it to Remix. */
export function pageRenderer(build: ServerBuild) {
  const handle = createRequestHandler(build, "production");
  return async (
    path: string,
    cookie: string,
    options: RenderOptions = {},
  ): Promise<{ status: number; html: string; headers: Headers }> => {
    const headers = new Headers({ ...options.headers, cookie });
    let init: RequestInit = { headers };
    if (options.form) {
      headers.set("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8");
      if (options.origin !== null) headers.set("Origin", options.origin ?? "http://dracin.test");
      // Remix compares a form post's Origin with its Host before running the action.
      headers.set("Host", "dracin.test");
      init = { method: "POST", headers, body: new URLSearchParams(options.form) };
    }
    const request = new Request(`http://dracin.test${path}`, init);
    const response = await handle(request, {
      clientIp: "127.0.0.1",
      requestId: "test",
      csrf: new CsrfTokenSource(cookie),
    });
    return { status: response.status, html: await response.text(), headers: response.headers };
  };
}
