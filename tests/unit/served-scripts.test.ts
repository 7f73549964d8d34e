/**
 * Every script the site serves parses on the oldest browser of the full tier
 * (docs/browsers.md, "Scripts"): each .js file under public/assets, as built by
 * `npm run build` (`npm test` builds first), parsed by acorn at the policy's
 * ECMAScript level as a module, the way the pages load it (<script type="module">).
 * A file with newer syntax (`?.`, `??`, …) would fail to parse there and take
 * every enhancement of the page with it.
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "acorn";
import { describe, expect, it } from "vitest";
import { SCRIPT_ECMA_VERSION, esbuildTarget } from "../../scripts/script-targets.mjs";

const assets = path.resolve(import.meta.dirname, "..", "..", "public", "assets");

/** Why `source` does not parse as a module at the policy's level, or null when it does. */
function syntaxError(source: string): string | null {
  try {
    parse(source, { ecmaVersion: SCRIPT_ECMA_VERSION, sourceType: "module" });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function servedScripts(): string[] {
  if (!fs.existsSync(path.join(assets, "manifest.json"))) {
    throw new Error(`No ${assets}/manifest.json: run "npm run build" first.`);
  }
  return fs
    .readdirSync(assets)
    .filter((name) => name.endsWith(".js"))
    .sort();
}

describe("served scripts", () => {
  it("are built for the policy's level, ES2017", () => {
    expect(SCRIPT_ECMA_VERSION).toBe(2017);
    expect(esbuildTarget()[0]).toBe("es2017");
    expect(esbuildTarget()).toContain("chrome61");
  });

  it("include every script the manifest names, htmx among them", () => {
    // The scripts' entries are URLs; `files` (fingerprinted public files) is a map of them.
    const manifest = JSON.parse(fs.readFileSync(path.join(assets, "manifest.json"), "utf8")) as Record<string, unknown>;
    const files = servedScripts();
    const named = Object.values(manifest).filter(
      (url): url is string => typeof url === "string" && url.endsWith(".js"),
    );
    expect(named.length).toBeGreaterThanOrEqual(3);
    expect(manifest.htmx).toMatch(/\.js$/);
    for (const url of named) expect(files).toContain(path.basename(url));
  });

  it.each(servedScripts())("%s parses as an ES2017 module", (name) => {
    expect(syntaxError(fs.readFileSync(path.join(assets, name), "utf8"))).toBeNull();
  });

  it("would catch a script with newer syntax", () => {
    expect(syntaxError("const a = {}; export const b = a?.c;")).toMatch(/Unexpected token/);
    expect(syntaxError("export const d = null ?? 1;")).toMatch(/Unexpected token/);
    expect(syntaxError("try { f(); } catch { }")).toMatch(/Unexpected token/);
    expect(syntaxError("export const e = async () => { for await (const x of []) x; };")).not.toBeNull();
    expect(syntaxError("const o = { a: 1 }; export const c = async () => ({ ...o });")).not.toBeNull();
  });
});
