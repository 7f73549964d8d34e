/**
 * dracin/csrf-field: every POST form renders the CSRF token field. A JSX
 * `<form method="post">` (or Remix `<Form method="post">`) must contain a
 * `<CsrfField />` element (app/components/csrf-field.tsx) somewhere inside it.
 */

function elementName(node) {
  const name = node.openingElement.name;
  return name.type === "JSXIdentifier" ? name.name : null;
}

function isPostForm(node) {
  const name = elementName(node);
  if (name !== "form" && name !== "Form") return false;
  return node.openingElement.attributes.some((attribute) => {
    if (attribute.type !== "JSXAttribute" || attribute.name.name !== "method" || !attribute.value) return false;
    const value =
      attribute.value.type === "Literal"
        ? attribute.value.value
        : attribute.value.type === "JSXExpressionContainer" && attribute.value.expression.type === "Literal"
          ? attribute.value.expression.value
          : null;
    return typeof value === "string" && value.toLowerCase() === "post";
  });
}

/** @type {import("eslint").Rule.RuleModule} */
export default {
  meta: {
    type: "problem",
    docs: { description: "POST forms render <CsrfField />." },
    schema: [],
    messages: { missing: "A POST form must render <CsrfField /> (~/components/csrf-field)." },
  },
  create(context) {
    /** Open POST forms, innermost last; each records whether a CsrfField was seen inside. */
    const open = [];
    return {
      JSXElement(node) {
        if (isPostForm(node)) open.push({ node, found: false });
        else if (elementName(node) === "CsrfField") for (const form of open) form.found = true;
      },
      "JSXElement:exit"(node) {
        const last = open.at(-1);
        if (last?.node !== node) return;
        open.pop();
        if (!last.found) context.report({ node: node.openingElement, messageId: "missing" });
      },
    };
  },
};
