/**
 * Every route action goes through the CSRF check: it reads its form with
 * readForm() or, without a body, calls requireSameSite(). A new action that
 * reads request.formData() directly fails here.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const routes = path.resolve(import.meta.dirname, "..", "..", "app", "routes");
const files = fs.readdirSync(routes).filter((file) => /\.(tsx?|jsx?)$/.test(file));
const withActions = files.filter((file) => /export (async )?function action\b|export const action\b/.test(fs.readFileSync(path.join(routes, file), "utf8")));

describe("CSRF coverage of route actions", () => {
  it("finds the actions", () => {
    expect(withActions.length).toBeGreaterThan(8);
    expect(withActions).toContain("logout.tsx");
  });

  it.each(withActions)("%s checks the request before changing anything", (file) => {
    const source = fs.readFileSync(path.join(routes, file), "utf8");
    expect(source).not.toMatch(/request(\.clone\(\))?\.formData\(\)/);
    expect(source).toMatch(/readForm\(request\)|requireSameSite\(request\)/);
  });
});
