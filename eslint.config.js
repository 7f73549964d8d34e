/**
 * ESLint (flat config). `npm run lint` runs it with `prettier --check`; `npm test` runs lint after the build
 * (the type-aware rules need the generated Prisma clients in app/generated).
 *
 * - TypeScript: typescript-eslint's type-checked recommended rules, through the project service (tsconfig.json).
 * - React (server-rendered only, JSX runtime, no prop-types) and JSX accessibility (jsx-a11y recommended).
 * - The layout's boundaries (docs/decisions, STYLE "Layout that shows the architecture"), enforced here rather
 *   than in comments: see the "Boundaries" blocks below and eslint-rules/.
 * - Plain JS (scripts, test servers, config files) is linted without type information: tsconfig covers only .ts/.tsx.
 */
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import dracin from "./eslint-rules/index.js";

/** Server-side code: everything that may see a Request. Only app/utils/htmx.server.ts may name HX-* headers. */
const SERVER_FILES = [
  "app/**/*.server.ts",
  "app/**/*.server.tsx",
  "app/routes/**",
  "app/root.tsx",
  "app/entry.server.tsx",
  "server/**",
];

/** htmx 2's attributes, allowed on DOM elements (hx-on:* handlers are not: the CSP forbids inline code). */
const HTMX_ATTRIBUTES = [
  "boost",
  "confirm",
  "delete",
  "disable",
  "disabled-elt",
  "disinherit",
  "encoding",
  "ext",
  "get",
  "headers",
  "history",
  "history-elt",
  "include",
  "indicator",
  "inherit",
  "params",
  "patch",
  "post",
  "preserve",
  "prompt",
  "push-url",
  "put",
  "replace-url",
  "request",
  "select",
  "select-oob",
  "swap",
  "swap-oob",
  "sync",
  "target",
  "trigger",
  "validate",
  "vals",
].map((name) => `hx-${name}`);

/** A string or template piece that names an htmx header ("HX-Request", "…, HX-Request"). */
const HX_HEADER = "/(?:^|[\\s,])hx-/i";
const HX_MESSAGE =
  "Only app/utils/htmx.server.ts knows htmx's HX-* headers; ask it (isHtmxRequest, htmxRedirect, ...) instead.";

export default defineConfig(
  {
    ignores: [
      "build/",
      "public/",
      "app/generated/",
      "node_modules/",
      "data/",
      ".cache/",
      "tests/.tmp/",
      "test-results*/",
      "playwright-report/",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_`-prefixed names are the codebase's way to say "deliberately unused" (e.g. `(_request, res)`).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" },
      ],
      // Remix loaders/actions are `async` by contract even when they await nothing (the framework awaits them).
      "@typescript-eslint/require-await": "off",
      // Event listeners and Express handlers take async functions on purpose; the promise rule still checks
      // every other place (arguments, conditions, spreads) where a forgotten await is a real bug.
      "@typescript-eslint/no-misused-promises": [
        "error",
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      // Remix's control flow throws Responses (404s, redirects, guards like requireUserId): allow exactly those.
      "@typescript-eslint/only-throw-error": [
        "error",
        {
          allow: [
            { from: "lib", name: "Response" },
            { from: "package", package: "@remix-run/server-runtime", name: "TypedResponse" },
          ],
          allowRethrowing: true,
        },
      ],
    },
  },
  {
    // Plain JavaScript: no tsconfig covers it, so no type-aware rules; it runs on Node.
    files: ["**/*.{js,mjs,cjs}"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["**/*.{jsx,tsx}"],
    extends: [react.configs.flat.recommended, react.configs.flat["jsx-runtime"], jsxA11y.flatConfigs.recommended],
    plugins: { "react-hooks": reactHooks },
    settings: { react: { version: "18.3" } },
    rules: {
      // TypeScript types the props.
      "react/prop-types": "off",
      // htmx's attributes are the pages' behaviour (STYLE: "htmx attributes are added on top" of plain HTML).
      "react/no-unknown-property": ["error", { ignore: HTMX_ATTRIBUTES }],
      // A wide table scrolls inside a named role="region"; that region takes tabIndex={0} so a keyboard user can
      // scroll it (WCAG 2.1.1; axe's scrollable-region-focusable). Allowed for exactly that role (and tabpanel).
      "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: [], roles: ["tabpanel", "region"] }],
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    files: ["app/client/**"],
    languageOptions: { globals: globals.browser },
  },

  // --- Boundaries: the layout, as rules -------------------------------------------------------------------------
  { plugins: { dracin } },
  {
    files: ["app/routes/**"],
    rules: {
      "dracin/import-boundaries": [
        "error",
        {
          forbid: [
            {
              path: "^app/routes/",
              message: "Routes never import other routes; move the shared part to app/components, app/lib or a model.",
            },
          ],
        },
      ],
      // Every action passes the CSRF check; every POST form carries the token (app/utils/csrf.server.ts).
      "dracin/csrf-action": "error",
    },
  },
  {
    files: ["app/client/**", "app/lib/**"],
    rules: {
      "dracin/import-boundaries": [
        "error",
        {
          forbid: [
            {
              path: "\\.server(?:/|$)",
              message:
                "Browser code and shared libraries never import *.server modules (the compiler would turn them into empty modules in the browser).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/models/**"],
    rules: {
      "dracin/import-boundaries": [
        "error",
        {
          forbid: [
            {
              path: "^app/(?:components|routes)(?:/|$)",
              message: "Models hold data access only; they never import components or routes.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{jsx,tsx}"],
    rules: { "dracin/csrf-field": "error" },
  },
  {
    files: SERVER_FILES,
    ignores: ["app/utils/htmx.server.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        // JSX attribute values (hx-target="#x") are markup, not headers; attribute NAMES are not literals at all.
        { selector: `Literal[value=${HX_HEADER}]:not(JSXAttribute > Literal)`, message: HX_MESSAGE },
        { selector: `TemplateElement[value.raw=${HX_HEADER}]`, message: HX_MESSAGE },
      ],
    },
  },
  {
    files: ["tests/**/*.ts"],
    rules: {
      // vitest's asymmetric matchers (expect.stringContaining(...), expect.any(...)) are typed `any` by design.
      "@typescript-eslint/no-unsafe-assignment": "off",
      // Tests compare method identities (expect(client.prepare).not.toBe(db.prepare)) without calling them.
      "@typescript-eslint/unbound-method": "off",
    },
  },
);
