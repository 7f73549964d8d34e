// How build/server.js (the HTTP server, server/index.ts) is bundled, and the
// check that it holds no app module: the app reaches the server only through
// the Remix build (app/utils/http-hooks.server.ts). Used by scripts/build.mjs
// and tests/unit/module-graph.test.ts.
import path from "node:path";

/** esbuild options for a Node program of ours bundled into build/ (packages stay external). */
export function nodeBundleOptions(root, entry, outfile) {
  return {
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outfile,
    metafile: true,
    logLevel: "warning",
  };
}

/** esbuild options for the server bundle. */
export function serverBundleOptions(root) {
  return nodeBundleOptions(root, "server/index.ts", "build/server.js");
}

/** The files under app/ that a bundle's metafile says it contains. */
export function appModulesIn(metafile) {
  return Object.keys(metafile.inputs).filter((file) => file.split(path.sep).join("/").startsWith("app/"));
}
