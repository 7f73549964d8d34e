#!/usr/bin/env node
// Builds everything `npm start` serves: the Prisma clients, the Remix server
// build, the browser scripts (content-hashed under public/assets) and the
// HTTP server (build/server.js).
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as esbuild from "esbuild";
import { esbuildTarget } from "./script-targets.mjs";
import { appModulesIn, nodeBundleOptions, serverBundleOptions } from "./server-bundle.mjs";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });
const started = Date.now();

// Both engines' clients (app/utils/db.server.ts picks one at run time). The URL
// only selects prisma/sqlite or prisma/postgres: generate connects to nothing.
for (const url of ["file:./data/dracin.db", "postgresql://generate@127.0.0.1:1/generate"]) {
  execFileSync(bin("prisma"), ["generate"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: url },
  });
}
run(bin("remix"), ["build"]);

// Browser scripts, content-hashed: every one, htmx included, built by esbuild for the full tier of the browser
// policy (scripts/script-targets.mjs) and served as a module script (app/root.tsx; docs/browsers.md, "Scripts").
const outdir = path.join(root, "public", "assets");
fs.rmSync(outdir, { recursive: true, force: true });
fs.mkdirSync(outdir, { recursive: true });

const scriptOptions = {
  absWorkingDir: root,
  bundle: true,
  minify: true,
  format: "esm",
  target: esbuildTarget(),
  outdir,
  entryNames: "[name]-[hash]",
  chunkNames: "[name]-[hash]",
  metafile: true,
  legalComments: "none",
  logLevel: "warning",
};
const manifest = {};
function addEntries(result) {
  for (const [file, meta] of Object.entries(result.metafile.outputs)) {
    // app/client/player-hls.ts is manifest.playerHls.
    const name = path.basename(meta.entryPoint ?? "", ".ts").replace(/-(\w)/g, (_, letter) => letter.toUpperCase());
    if (meta.entryPoint) manifest[name] = `/assets/${path.basename(file)}`;
  }
}
// One self-contained file per page script: enhance on every page, htmx on the pages that use it.
addEntries(
  await esbuild.build({
    ...scriptOptions,
    entryPoints: {
      enhance: "app/client/enhance.ts",
      htmx: "app/client/htmx.ts",
      // /settings/captions only: redraws the sample caption while choosing (no zod: app/lib/caption-style.ts).
      "caption-style": "app/client/caption-style.ts",
      // /drama/:id/feed only: the binge feed (native <video>, no video.js).
      feed: "app/client/feed.ts",
    },
  }),
);
// The /watch player, in two entries that share one chunk of video.js's core (without VHS): the player, and the
// HLS engine (VHS and the quality levels list) it loads only in browsers that stream through media source extensions
// (app/client/player/hls-engine.ts). Both register on that one core: every import of video.js resolves to it.
addEntries(
  await esbuild.build({
    ...scriptOptions,
    entryPoints: { player: "app/client/player.ts", "player-hls": "app/client/player-hls.ts" },
    splitting: true,
    alias: {
      "video.js": "./node_modules/video.js/dist/alt/video.core.js",
      // `window` and `document` as they are, not copied property by property (app/client/shims/global-window.ts).
      "global/window": "./app/client/shims/global-window.ts",
      "global/document": "./app/client/shims/global-document.ts",
    },
  }),
);

function copyHashed(source, name, ext) {
  const bytes = fs.readFileSync(path.join(root, source));
  const hash = crypto.createHash("sha256").update(bytes).digest("hex").slice(0, 10);
  const file = `${name}-${hash}${ext}`;
  fs.writeFileSync(path.join(outdir, file), bytes);
  return `/assets/${file}`;
}
manifest.playerCss = copyHashed("node_modules/video.js/dist/video-js.min.css", "video-js", ".css");
// Public files that pages link with a fingerprint (served for a year as immutable): the demo posters.
// `/posters/x.svg` stays served too, for links made before a change.
fs.mkdirSync(path.join(outdir, "posters"));
manifest.files = Object.fromEntries(
  fs
    .readdirSync(path.join(root, "public", "posters"))
    .map((file) => [
      `/posters/${file}`,
      copyHashed(`public/posters/${file}`, `posters/${path.parse(file).name}`, path.extname(file)),
    ]),
);
fs.writeFileSync(path.join(outdir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);

// The HTTP server: packages stay external, and it takes everything of the app from the
// Remix build (build.entry.module), so no app module may be bundled into it: a second copy
// would hold its own database clients, caches and state.
const serverBuild = await esbuild.build(serverBundleOptions(root));
const appInServer = appModulesIn(serverBuild.metafile);
if (appInServer.length > 0) {
  console.error(`build/server.js must hold no app code; it bundles:\n  ${appInServer.join("\n  ")}`);
  process.exit(1);
}

// The admin role script (npm run admin:grant / admin:revoke), runnable with plain node where tsx is absent.
await esbuild.build(nodeBundleOptions(root, "scripts/admin-role.ts", "build/admin-role.js"));
// The audit trail's verification (npm run audit:verify), likewise.
await esbuild.build(nodeBundleOptions(root, "scripts/audit-verify.ts", "build/audit-verify.js"));

const { files, ...scripts } = manifest;
console.log(
  `built in ${((Date.now() - started) / 1000).toFixed(1)} s:`,
  scripts,
  `and ${Object.keys(files).length} fingerprinted files`,
);
