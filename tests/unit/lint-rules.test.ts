/**
 * The lint rules that keep the layout and the CSRF rules honest (eslint.config.js, eslint-rules/):
 * 1. each local rule on its own (RuleTester: what it reports and what it lets through);
 * 2. the real config, through ESLint's Node API, on snippets placed at virtual paths: every boundary
 *    fires where it should and a clean snippet passes. These replace the regex scans of
 *    tests/unit/csrf-coverage.test.ts (actions must use readForm/requireSameSite; POST forms carry <CsrfField />).
 */
import path from "node:path";
import { ESLint, RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { beforeAll, describe, expect, it } from "vitest";
import csrfAction from "../../eslint-rules/csrf-action.js";
import csrfField from "../../eslint-rules/csrf-field.js";
import importBoundaries, { resolveSpecifier } from "../../eslint-rules/import-boundaries.js";

const root = path.resolve(import.meta.dirname, "..", "..");

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({
  languageOptions: {
    parser: tseslint.parser,
    parserOptions: { ecmaFeatures: { jsx: true } },
  },
});

describe("dracin/import-boundaries", () => {
  it("resolves the ~/ alias and relative paths to repository paths, and leaves packages alone", () => {
    const from = path.join(root, "app/routes/login.tsx");
    expect(resolveSpecifier("~/utils/db.server", from, root)).toBe("app/utils/db.server");
    expect(resolveSpecifier("./history.tsx", from, root)).toBe("app/routes/history");
    expect(resolveSpecifier("../components/field", from, root)).toBe("app/components/field");
    expect(resolveSpecifier("@remix-run/node", from, root)).toBeNull();
    expect(resolveSpecifier("node:path", from, root)).toBeNull();
  });

  const options = [{ forbid: [{ path: "^app/routes/", message: "no routes" }] }];
  tester.run("import-boundaries", importBoundaries, {
    valid: [
      { code: 'import { x } from "~/components/field";', filename: path.join(root, "app/routes/a.tsx"), options },
      { code: 'import { json } from "@remix-run/node";', filename: path.join(root, "app/routes/a.tsx"), options },
    ],
    invalid: [
      ["import", 'import { loader } from "~/routes/login";'],
      ["relative import", 'import { loader } from "./login";'],
      ["parent import", 'import { loader } from "../routes/login.tsx";'],
      ["re-export", 'export { loader } from "./login";'],
      ["export *", 'export * from "~/routes/login";'],
      ["dynamic import", 'const m = await import("./login");'],
    ].map(([name, code]) => ({
      name,
      code,
      filename: path.join(root, "app/routes/a.tsx"),
      options,
      errors: [{ messageId: "forbidden" }],
    })),
  });
});

describe("dracin/csrf-action", () => {
  const filename = path.join(root, "app/routes/x.tsx");
  tester.run("csrf-action", csrfAction, {
    valid: [
      { filename, code: "export async function action({ request }) { const form = await readForm(request); }" },
      { filename, code: "export const action = async ({ request }) => { requireSameSite(request); };" },
      { filename, code: "export async function loader({ request }) { return null; }" },
    ],
    invalid: [
      {
        name: "reads request.formData() itself",
        filename,
        code: "export async function action({ request }) { requireSameSite(request); const f = await request.formData(); }",
        errors: [{ messageId: "rawFormData" }],
      },
      {
        name: "reads request.clone().formData()",
        filename,
        code: "export async function action({ request }) { readForm(request); await request.clone().formData(); }",
        errors: [{ messageId: "rawFormData" }],
      },
      {
        name: "never checks",
        filename,
        code: "export async function action({ request }) { return null; }",
        errors: [{ messageId: "unchecked" }],
      },
      {
        name: "const action, never checks",
        filename,
        code: "export const action = async () => null;",
        errors: [{ messageId: "unchecked" }],
      },
      {
        name: "export { action }",
        filename,
        code: "async function action() { return null; }\nexport { action };",
        errors: [{ messageId: "unchecked" }],
      },
    ],
  });
});

describe("dracin/csrf-field", () => {
  const filename = path.join(root, "app/components/x.tsx");
  tester.run("csrf-field", csrfField, {
    valid: [
      { filename, code: 'const a = <form method="post" action="/x"><CsrfField /><button>Go</button></form>;' },
      { filename, code: 'const a = <form method="post"><div><CsrfField /></div></form>;' },
      { filename, code: 'const a = <form method="get" action="/search"><input name="q" /></form>;' },
      { filename, code: 'const a = <form><input name="q" /></form>;' },
    ],
    invalid: [
      { name: "post form", code: '<form method="post" action="/x"><button>Go</button></form>' },
      { name: "POST, upper case", code: '<form method="POST"><button>Go</button></form>' },
      { name: "Remix Form", code: '<Form method="post"><button>Go</button></Form>' },
      { name: "method in braces", code: '<form method={"post"}><button>Go</button></form>' },
      {
        name: "the field of an outer form does not count for an inner one",
        code: '<div><form method="post"><CsrfField /></form><form method="post"><button>Go</button></form></div>',
      },
    ].map(({ name, code }) => ({ name, filename, code: `const a = ${code};`, errors: [{ messageId: "missing" }] })),
  });
});

describe("eslint.config.js on snippets at virtual paths", () => {
  let eslint: ESLint;
  beforeAll(() => {
    // The snippets are not files on disk, so no tsconfig program holds them: lint them without type information
    // (none of the rules tested here needs it). Everything else is the real config.
    eslint = new ESLint({
      cwd: root,
      overrideConfigFile: path.join(root, "eslint.config.js"),
      overrideConfig: tseslint.configs.disableTypeChecked,
    });
  });

  /** The rule ids reported for `code` as if it were the file at `file` (repository-relative). */
  async function rulesAt(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    const fatal = result.messages.filter((message) => message.fatal);
    expect(fatal, JSON.stringify(fatal)).toEqual([]);
    return result.messages.map((message) => message.ruleId ?? "");
  }

  const route = "app/routes/virtual-lint-probe.tsx";

  it.each([
    ["~/ alias", 'import { loader } from "~/routes/login";'],
    ["sibling", 'import { loader } from "./login";'],
    ["parent", 'import { loader } from "../routes/login";'],
  ])("reports a route importing another route (%s)", async (_name, code) => {
    expect(await rulesAt(route, code)).toContain("dracin/import-boundaries");
  });

  it.each([
    ["app/client/virtual-lint-probe.ts", 'import { prisma } from "~/utils/db.server";'],
    ["app/client/virtual-lint-probe.ts", 'import { prisma } from "../utils/db.server";'],
    ["app/lib/virtual-lint-probe.ts", 'import { prisma } from "~/utils/db.server";'],
    ["app/lib/virtual-lint-probe.ts", 'import { prisma } from "../utils/db.server.ts";'],
  ])("reports %s importing a *.server module (%s)", async (file, code) => {
    expect(await rulesAt(file, code)).toContain("dracin/import-boundaries");
  });

  it.each([
    'import { Field } from "~/components/field";',
    'import { Field } from "../components/field";',
    'import { loader } from "~/routes/login";',
  ])("reports a model importing a component or a route (%s)", async (code) => {
    expect(await rulesAt("app/models/virtual-lint-probe.server.ts", code)).toContain("dracin/import-boundaries");
  });

  it.each([
    ["app/routes/virtual-lint-probe.tsx", 'export const f = (r: Request) => r.headers.get("HX-Request");'],
    ["app/utils/virtual-lint-probe.server.ts", 'export const f = (h: Headers) => h.set("Vary", "Cookie, HX-Request");'],
    ["app/root.tsx", 'export const f = (h: Headers) => h.set("hx-redirect", "/");'],
    ["server/virtual-lint-probe.ts", "export const f = (r: Request) => r.headers.get(`HX-Target`);"],
    [
      "app/utils/virtual-lint-probe.server.ts",
      'export const f = (names: string[]) => names.filter((n) => n.startsWith("hx-"));',
    ],
  ])("reports an HX-* header named outside htmx.server.ts (%s)", async (file, code) => {
    expect(await rulesAt(file, code)).toContain("no-restricted-syntax");
  });

  it("lets app/utils/htmx.server.ts name HX-* headers", async () => {
    const code = 'export const f = (r: Request) => r.headers.get("HX-Request");\n';
    expect(await rulesAt("app/utils/htmx.server.ts", code)).not.toContain("no-restricted-syntax");
  });

  it("reports a route action that reads request.formData() or skips the check", async () => {
    const raw =
      'import type { ActionFunctionArgs } from "@remix-run/node";\nexport async function action({ request }: ActionFunctionArgs) {\n  const form = await request.formData();\n  return form.get("x");\n}\n';
    const rules = await rulesAt(route, raw);
    expect(rules).toContain("dracin/csrf-action");
    expect(rules.filter((rule) => rule === "dracin/csrf-action")).toHaveLength(2);
  });

  it("reports a POST form without <CsrfField />", async () => {
    const code =
      'export function Probe() {\n  return (\n    <form method="post" action="/x">\n      <button type="submit">Go</button>\n    </form>\n  );\n}\n';
    expect(await rulesAt("app/components/virtual-lint-probe.tsx", code)).toContain("dracin/csrf-field");
  });

  it("lets a named scrollable region take focus, but no other non-interactive element", async () => {
    const region = 'export const A = () => <div role="region" aria-label="Sessions" tabIndex={0}><table /></div>;\n';
    const plain = "export const A = () => <div tabIndex={0}><table /></div>;\n";
    expect(await rulesAt("app/components/virtual-lint-probe.tsx", region)).toEqual([]);
    expect(await rulesAt("app/components/virtual-lint-probe.tsx", plain)).toContain(
      "jsx-a11y/no-noninteractive-tabindex",
    );
  });

  it("passes a clean route: htmx attributes, a checked action, a POST form with its token field", async () => {
    const code = [
      'import type { ActionFunctionArgs } from "@remix-run/node";',
      'import { CsrfField } from "~/components/csrf-field";',
      'import { readForm } from "~/utils/csrf.server";',
      "",
      "export async function action({ request }: ActionFunctionArgs) {",
      "  const form = await readForm(request);",
      '  return { name: form.get("name") };',
      "}",
      "",
      "export default function Probe() {",
      "  return (",
      '    <form method="post" action="/probe" hx-post="/probe" hx-target="this" hx-swap="outerHTML">',
      "      <CsrfField />",
      '      <label htmlFor="name">Name</label>',
      '      <input id="name" name="name" />',
      '      <button type="submit">Save</button>',
      "    </form>",
      "  );",
      "}",
      "",
    ].join("\n");
    expect(await rulesAt(route, code)).toEqual([]);
  });
});
