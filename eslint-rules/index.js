/**
 * Dracin's own ESLint rules (used by eslint.config.js as the `dracin` plugin).
 * Each one keeps a layout or security rule in code; tests in
 * tests/unit/lint-rules.test.ts.
 */
import csrfAction from "./csrf-action.js";
import csrfField from "./csrf-field.js";
import importBoundaries from "./import-boundaries.js";

export default {
  meta: { name: "eslint-plugin-dracin" },
  rules: {
    "csrf-action": csrfAction,
    "csrf-field": csrfField,
    "import-boundaries": importBoundaries,
  },
};
