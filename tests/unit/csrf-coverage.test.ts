/**
 * Every route action goes through the CSRF check: it reads its form with
 * readForm() or, without a body, calls requireSameSite(). A new action that
 * reads request.formData() directly fails here.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const app = path.resolve(import.meta.dirname, "..", "..", "app");
const routes = path.join(app, "routes");
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

function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(full);
    return entry.name.endsWith(".tsx") ? [full] : [];
  });
}

describe("CSRF field in every POST form", () => {
  const forms = tsxFiles(app).flatMap((file) => {
    const source = fs.readFileSync(file, "utf8");
    return [...source.matchAll(/<form\b[^>]*?>/gs)]
      .filter((match) => /method="post"/i.test(match[0]))
      .map((match) => {
        const start = (match.index ?? 0) + match[0].length;
        const line = source.slice(0, match.index).split("\n").length;
        return [`${path.relative(app, file)}:${line}`, source.slice(start, source.indexOf("</form>", start))] as const;
      });
  });

  it("finds the forms", () => {
    expect(forms.length).toBeGreaterThan(15);
  });

  it.each(forms)("%s renders <CsrfField />", (_where, body) => {
    expect(body).toContain("<CsrfField />");
  });
});
