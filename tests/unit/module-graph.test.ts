/**
 * One module graph: the HTTP server's bundle (build/server.js) holds no app
 * module, so each app module (database clients, metrics, catalog, mail
 * queue, lifecycle state, page caches) is instantiated once per process, in
 * the Remix build. scripts/build.mjs refuses to build otherwise; this test
 * bundles the server the same way and checks the same thing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";
import { appModulesIn, serverBundleOptions } from "../../scripts/server-bundle.mjs";

const root = path.resolve(import.meta.dirname, "..", "..");

describe("the server bundle", () => {
  it("holds no app module: the app reaches it only through the Remix build", async () => {
    const result = await esbuild.build({ ...serverBundleOptions(root), write: false });
    expect(Object.keys(result.metafile.inputs)).toContain("server/index.ts");
    expect(appModulesIn(result.metafile)).toEqual([]);
  });

  it("would be caught holding one (the check sees a server file that imports app code)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dracin-graph-"));
    try {
      const entry = path.join(dir, "server.ts");
      fs.writeFileSync(
        entry,
        `import { isDraining } from "${path.join(root, "app/utils/lifecycle.server.ts")}";\nconsole.log(isDraining());\n`,
      );
      const result = await esbuild.build({ ...serverBundleOptions(root), entryPoints: [entry], write: false });
      expect(appModulesIn(result.metafile)).toEqual(["app/utils/lifecycle.server.ts"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
