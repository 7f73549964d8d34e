/**
 * dracin/import-boundaries: the layout's import rules, on resolved paths.
 *
 * Every module specifier (import, export ... from, import(), require()) that
 * names a file of this repository, by the `~/` alias (tsconfig `paths`:
 * `~/*` -> `app/*`) or by a relative path, is resolved to a path relative to
 * the repository root (`app/routes/login`), without its extension. Each
 * `forbid` entry is a regular expression tested against that path; a match is
 * reported with the entry's message. Package imports are never matched.
 *
 *   "dracin/import-boundaries": ["error", { forbid: [
 *     { path: "^app/routes/", message: "Routes never import other routes." },
 *   ] }]
 */
import path from "node:path";

/** "~/utils/db.server" | "../utils/db.server.ts" -> "app/utils/db.server", or null for a package. */
export function resolveSpecifier(specifier, filename, root) {
  let absolute;
  if (specifier.startsWith("~/")) absolute = path.join(root, "app", specifier.slice(2));
  else if (specifier === "." || specifier === ".." || specifier.startsWith("./") || specifier.startsWith("../"))
    absolute = path.resolve(path.dirname(filename), specifier);
  else if (path.isAbsolute(specifier)) absolute = specifier;
  else return null;
  const relative = path.relative(root, absolute).split(path.sep).join("/");
  return relative.replace(/\.(?:[cm]?[jt]sx?)$/, "");
}

/** @type {import("eslint").Rule.RuleModule} */
export default {
  meta: {
    type: "problem",
    docs: { description: "Forbid imports that cross the layout's boundaries (routes, browser code, models)." },
    schema: [
      {
        type: "object",
        properties: {
          forbid: {
            type: "array",
            items: {
              type: "object",
              properties: { path: { type: "string" }, message: { type: "string" } },
              required: ["path", "message"],
              additionalProperties: false,
            },
          },
        },
        required: ["forbid"],
        additionalProperties: false,
      },
    ],
    messages: { forbidden: "'{{specifier}}' ({{resolved}}): {{message}}" },
  },
  create(context) {
    const root = context.cwd;
    const forbid = context.options[0].forbid.map((entry) => ({
      pattern: new RegExp(entry.path),
      message: entry.message,
    }));

    function check(node) {
      if (!node || node.type !== "Literal" || typeof node.value !== "string") return;
      const resolved = resolveSpecifier(node.value, context.filename, root);
      if (resolved === null) return;
      const hit = forbid.find((entry) => entry.pattern.test(resolved));
      if (hit)
        context.report({
          node,
          messageId: "forbidden",
          data: { specifier: node.value, resolved, message: hit.message },
        });
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportEqualsDeclaration: (node) => check(node.moduleReference?.expression),
      'CallExpression[callee.type="Identifier"][callee.name="require"]': (node) => check(node.arguments[0]),
    };
  },
};
