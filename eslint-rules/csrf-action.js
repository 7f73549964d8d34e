/**
 * dracin/csrf-action: every route action goes through the CSRF check
 * (app/utils/csrf.server.ts). A module that exports `action` must call
 * `readForm(request)` (reads the form and checks the token) or
 * `requireSameSite(request)` (actions without a body), and no module may read
 * `request.formData()` or `request.clone().formData()` itself: that would
 * skip the token check.
 */

const CHECKS = new Set(["readForm", "requireSameSite"]);

/** request.formData() or request.clone().formData() */
function isRawFormRead(node) {
  const callee = node.callee;
  if (callee.type !== "MemberExpression" || callee.computed || callee.property.name !== "formData") return false;
  let object = callee.object;
  if (
    object.type === "CallExpression" &&
    object.callee.type === "MemberExpression" &&
    !object.callee.computed &&
    object.callee.property.name === "clone"
  )
    object = object.callee.object;
  return object.type === "Identifier" && object.name === "request";
}

/** The node that exports `action`, if any. */
function actionExport(node) {
  const declaration = node.declaration;
  if (declaration?.type === "FunctionDeclaration" && declaration.id?.name === "action") return declaration.id;
  if (declaration?.type === "VariableDeclaration") {
    const found = declaration.declarations.find((d) => d.id.type === "Identifier" && d.id.name === "action");
    if (found) return found.id;
  }
  const specifier = node.specifiers?.find((s) => (s.exported.name ?? s.exported.value) === "action");
  return specifier ?? null;
}

/** @type {import("eslint").Rule.RuleModule} */
export default {
  meta: {
    type: "problem",
    docs: { description: "Route actions read their form through readForm() or call requireSameSite()." },
    schema: [],
    messages: {
      rawFormData:
        "Read the form with readForm(request) (~/utils/csrf.server): request.formData() skips the CSRF check.",
      unchecked: "This action never calls readForm(request) or requireSameSite(request): the CSRF check is missing.",
    },
  },
  create(context) {
    const actions = [];
    let checked = false;
    return {
      CallExpression(node) {
        if (isRawFormRead(node)) context.report({ node, messageId: "rawFormData" });
        if (node.callee.type === "Identifier" && CHECKS.has(node.callee.name)) checked = true;
      },
      ExportNamedDeclaration(node) {
        const found = actionExport(node);
        if (found) actions.push(found);
      },
      "Program:exit"() {
        if (!checked) for (const node of actions) context.report({ node, messageId: "unchecked" });
      },
    };
  },
};
