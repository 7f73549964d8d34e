// What the browser scripts are built for, derived from the one browser policy: the `browserslist` field of
// package.json (docs/browsers.md). Scripts are served as <script type="module">, so only the full tier runs them:
// browsers that run modules. The no-JS tier's engines (KaiOS, UC Browser, Opera Mini) skip module scripts whole.
import path from "node:path";
import browserslist from "browserslist";

const root = path.resolve(import.meta.dirname, "..");

/**
 * The ECMAScript syntax level every served script must parse at: ES2017, which every module-capable engine has
 * (Chrome 61, Safari and iOS 11, Firefox 60). esbuild lowers anything newer (`?.`, `??`, `**=`, object spread,
 * optional catch binding, …) and tests/unit/served-scripts.test.ts parses the build output at this level.
 */
export const SCRIPT_ECMA_VERSION = 2017;

/** The first version of each engine (esbuild's names) that runs <script type="module">. */
const MODULE_SUPPORT = { chrome: 61, ios: 11, safari: 11, firefox: 60, edge: 16, opera: 48 };

/** browserslist families of the full tier, by esbuild's engine name (Samsung Internet 8.2+ is Chromium 63+). */
const FULL_TIER = {
  chrome: "chrome",
  and_chr: "chrome",
  android: "chrome",
  ios_saf: "ios",
  safari: "safari",
  firefox: "firefox",
  and_ff: "firefox",
  edge: "edge",
  opera: "opera",
  samsung: null,
};

/** Families of the no-JS tier: their engines do not run module scripts, so they never run ours. */
const NO_JS_TIER = new Set(["kaios", "and_uc", "op_mini", "ie", "ie_mob", "bb", "op_mob", "baidu", "and_qq"]);

/**
 * esbuild's `target` for the browser scripts: the ES level, then the oldest version of each full-tier engine in
 * the policy (so esbuild also works around those engines' known bugs). Throws when the policy names a family this
 * file does not know, or puts a browser without module scripts in the full tier.
 * @returns {string[]}
 */
export function esbuildTarget() {
  const oldest = new Map();
  for (const entry of browserslist(undefined, { path: root })) {
    const [family, versions] = entry.split(" ");
    if (NO_JS_TIER.has(family)) continue;
    if (!(family in FULL_TIER)) {
      throw new Error(`browserslist names "${family}": put it in the full or no-JS tier in scripts/script-targets.mjs`);
    }
    const engine = FULL_TIER[family];
    if (engine === null) continue;
    const version = Number.parseFloat(versions);
    if (version < MODULE_SUPPORT[engine]) {
      throw new Error(`${entry} does not run module scripts: it belongs in the no-JS tier (docs/browsers.md)`);
    }
    if (!oldest.has(engine) || version < oldest.get(engine)) oldest.set(engine, version);
  }
  return [`es${SCRIPT_ECMA_VERSION}`, ...[...oldest].map(([engine, version]) => `${engine}${version}`)];
}
