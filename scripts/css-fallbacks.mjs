// PostCSS plugin (postcss.config.mjs; the Remix build runs it on app/styles/*.css): before each
// declaration that uses var(), a copy with every var() replaced by its value from the top-level
// `:root` rules (of the theme file, then of the file itself), for browsers without custom
// properties (Opera Mini). A copy is only written when
// it holds no var() and the rule has no var()-free declaration of that property yet (a
// handwritten fallback wins). `calc(<length> * <number>)` and friends are folded to a plain
// length, since those browsers lack calc() too. Values that need min()/clamp() have no static
// equivalent: they get handwritten fallbacks in the stylesheet, and the CSS check in the tests
// fails where one is missing (docs/browsers.md, "CSS").

import fs from "node:fs";
import path from "node:path";
import postcss from "postcss";

/**
 * The position just after the parenthesis that closes the one opened before `start`, or -1.
 * @param {string} text
 * @param {number} start
 */
function closingParen(text, start) {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * `value` with every var() replaced by its static value, or null where one is unknown.
 * @param {string} value
 * @param {ReadonlyMap<string, string>} properties
 * @param {ReadonlySet<string>} [seen] custom properties being resolved (a cycle resolves to null)
 * @returns {string | null}
 */
export function resolveVars(value, properties, seen = new Set()) {
  let out = "";
  let rest = value;
  for (let at = rest.search(/\bvar\(/i); at !== -1; at = rest.search(/\bvar\(/i)) {
    const end = closingParen(rest, at + 4);
    if (end === -1) return null;
    const inner = rest.slice(at + 4, end - 1);
    const comma = inner.indexOf(",");
    const name = (comma === -1 ? inner : inner.slice(0, comma)).trim();
    const own = properties.get(name);
    let replacement = null;
    if (own !== undefined && !seen.has(name)) {
      replacement = resolveVars(own, properties, new Set([...seen, name]));
    } else if (own === undefined && comma !== -1) {
      replacement = resolveVars(inner.slice(comma + 1).trim(), properties, seen);
    }
    if (replacement === null) return null;
    out += rest.slice(0, at) + replacement;
    rest = rest.slice(end);
  }
  return out + rest;
}

/** @param {number} n */
const formatNumber = (n) => String(Number(n.toFixed(4)));

/**
 * `calc(a op b)` with two plain numbers or lengths folded where the result is one plain value
 * (`calc(0.6rem * 2)` → `1.2rem`); everything else is left as it is.
 * @param {string} value
 */
export function foldCalc(value) {
  const number = "(-?(?:\\d+\\.?\\d*|\\.\\d+))([a-z%]*)";
  const simple = new RegExp(`calc\\(\\s*${number}\\s*([*/+-])\\s*${number}\\s*\\)`, "gi");
  return value.replace(simple, (whole, a, unitA, op, b, unitB) => {
    const x = Number(a);
    const y = Number(b);
    if (op === "*" && (unitA === "" || unitB === "")) return formatNumber(x * y) + (unitA || unitB);
    if (op === "/" && unitB === "" && y !== 0) return formatNumber(x / y) + unitA;
    if ((op === "+" || op === "-") && unitA === unitB) return formatNumber(op === "+" ? x + y : x - y) + unitA;
    return whole;
  });
}

/**
 * The custom properties of the top-level `:root` rules (the last value of each wins). Values set
 * inside @supports or @media are enhancements, not the static values.
 * @param {import("postcss").Root} root
 */
export function staticProperties(root) {
  /** @type {Map<string, string>} */
  const properties = new Map();
  root.each((node) => {
    if (node.type !== "rule" || node.selector.trim() !== ":root") return;
    node.each((child) => {
      if (child.type === "decl" && child.prop.startsWith("--")) properties.set(child.prop, child.value.trim());
    });
  });
  return properties;
}

/**
 * @typedef {object} CssFallbacksOptions
 * @property {string} [theme] a stylesheet whose top-level `:root` custom properties every file may use
 */

/** @type {import("postcss").PluginCreator<CssFallbacksOptions>} */
const cssFallbacks = (options = {}) => ({
  postcssPlugin: "dracin-css-fallbacks",
  Once(root, { result }) {
    /** @type {Map<string, string>} */
    let properties = new Map();
    if (options.theme !== undefined) {
      const theme = path.resolve(options.theme);
      properties = staticProperties(postcss.parse(fs.readFileSync(theme, "utf8"), { from: theme }));
      result.messages.push({ type: "dependency", plugin: "dracin-css-fallbacks", file: theme });
    }
    for (const [name, value] of staticProperties(root)) properties.set(name, value);
    root.walkDecls((decl) => {
      if (decl.prop.startsWith("--") || !/\bvar\(/i.test(decl.value)) return;
      const parent = decl.parent;
      if (parent === undefined) return;
      const index = parent.index(decl);
      const covered = parent.nodes.some(
        (other, i) =>
          i < index &&
          other.type === "decl" &&
          other.prop.toLowerCase() === decl.prop.toLowerCase() &&
          !/\bvar\(/i.test(other.value),
      );
      if (covered) return;
      const resolved = resolveVars(decl.value, properties);
      if (resolved === null) return;
      decl.cloneBefore({ value: foldCalc(resolved) });
    });
  },
});
cssFallbacks.postcss = true;

export default cssFallbacks;
