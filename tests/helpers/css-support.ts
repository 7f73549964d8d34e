/**
 * The CSS check (docs/browsers.md, "CSS"): doiuse lists every CSS feature that some browser of the
 * policy (package.json "browserslist") lacks; a finding is fine only
 *  - with a fallback: an earlier declaration of the same property in the same rule that has no
 *    finding of its own beyond the allow-list (the browser that drops the new one keeps that one);
 *  - inside an `@supports` block whose condition tests the same feature;
 *  - or on the allow-list below, for exactly the browsers it names, with the reason it is harmless.
 * Everything else is a problem. A custom property holding a modern value has no fallback by an
 * earlier declaration: the browser keeps the property and the declarations that use it become
 * invalid at computed-value time (they do not fall back), so it must sit inside @supports.
 */
import fs from "node:fs";
import path from "node:path";
import doiuse, { type FeatureUsage } from "doiuse";
import postcss, { type AtRule, type Declaration, type Node, type Rule } from "postcss";

const root = path.resolve(import.meta.dirname, "..", "..");

/** The policy, as the build and docs/browsers.md state it. */
export const POLICY_BROWSERS: string[] = (
  JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { browserslist: string[] }
).browserslist;

export interface Allowance {
  /** caniuse feature ids, as doiuse reports them. */
  features: readonly string[];
  /** caniuse agents (chrome, android, samsung, ios_saf, and_uc, kaios, op_mini, firefox) that may lack them. */
  browsers: readonly string[];
  reason: string;
}

/** Every caniuse agent the policy selects, for entries that are harmless wherever they are missing. */
const EVERY_BROWSER = ["chrome", "android", "and_chr", "samsung", "ios_saf", "and_uc", "kaios", "op_mini", "firefox"];

/** Features that may be missing without a fallback, and where. Keep it short; every entry says why. */
export const ALLOWED: readonly Allowance[] = [
  {
    features: [
      "border-radius",
      "css-boxshadow",
      "css-textshadow",
      "css-letter-spacing",
      "css-transitions",
      "css-animation",
      "transforms2d",
      "pointer-events",
      "outline",
    ],
    browsers: ["op_mini"],
    reason:
      "Decoration Opera Mini draws plainly: square corners, no shadows or motion, and " +
      "only the browser's own marking of the selected link. Text, colours and layout are unchanged.",
  },
  {
    features: ["css-grid"],
    browsers: ["op_mini"],
    reason: "Opera Mini lays grids out as blocks: one column in source order, which reads the same.",
  },
  {
    features: ["viewport-units"],
    browsers: ["op_mini"],
    reason:
      "Only body's min-height: 100vh (the footer stays at the bottom of short pages) and values that " +
      "already have a fallback; Opera Mini puts the footer after the content.",
  },
  {
    features: ["flexbox-gap"],
    browsers: ["chrome", "android", "and_chr", "samsung", "ios_saf", "kaios", "op_mini"],
    reason:
      "Spacing between flex and grid items. Without gap the items sit closer together (every button " +
      "and link keeps its own padding and border); nothing overlaps or overflows.",
  },
  {
    features: [
      "css-focus-visible",
      "css-focus-within",
      "prefers-reduced-motion",
      "css-scroll-behavior",
      "css-media-interaction",
      "css-snappoints",
      "text-size-adjust",
      "css-appearance",
      "font-family-system-ui",
    ],
    browsers: EVERY_BROWSER,
    reason:
      "Enhancements an older engine skips (a selector or media query drops its whole rule): it keeps " +
      "its own focus ring, motion, touch sizes, text inflation and native controls, unsnapped " +
      "scrolling, and the next font of the stack.",
  },
  {
    features: ["word-break", "wordwrap", "css-display-contents"],
    browsers: EVERY_BROWSER,
    reason:
      "Admin tables and detail lists only: long values break less eagerly (the table scrolls) and a " +
      "label and its value share one grid cell.",
  },
  {
    features: ["css-overflow", "background-img-opts"],
    browsers: EVERY_BROWSER,
    reason:
      "Partial support only (caniuse 'a'): overflow: auto/hidden and background-clip: content-box, which " +
      "every engine of the policy reads; the partial notes are about other values.",
  },
];

export interface CssProblem {
  feature: string;
  title: string;
  /** The browsers that lack it, as doiuse words them. */
  lacking: string;
  /** The declaration, selector or at-rule where it is used. */
  where: string;
  line: number;
}

/** caniuse agents that lack a feature (missing or only partly supported) in the selected browsers. */
function lackingAgents(usage: FeatureUsage): string[] {
  return [
    ...new Set([
      ...Object.keys(usage.featureData.missingData ?? {}),
      ...Object.keys(usage.featureData.partialData ?? {}),
    ]),
  ];
}

function allowed(usage: FeatureUsage): boolean {
  const agents = lackingAgents(usage);
  return ALLOWED.some(
    (entry) => entry.features.includes(usage.feature) && agents.every((agent) => entry.browsers.includes(agent)),
  );
}

/**
 * doiuse takes `minmax(` (CSS Grid, checked as css-grid) for min()/max(): a css-math-functions
 * finding is real only where min(, max( or clamp( remain once minmax( is taken out.
 */
function falsePositive(usage: FeatureUsage): boolean {
  if (usage.feature !== "css-math-functions" || usage.usage.type !== "decl") return false;
  const value = (usage.usage as Declaration).value.replace(/minmax\(/gi, "");
  return !/\b(min|max|clamp)\(/i.test(value);
}

async function findUsages(css: string, from: string | undefined, browsers: string[]): Promise<FeatureUsage[]> {
  const usages: FeatureUsage[] = [];
  await postcss([doiuse({ browsers, onFeatureUsage: (usage) => usages.push(usage) })]).process(css, { from });
  return usages.filter((usage) => !falsePositive(usage));
}

/** The `(property: value)` tests of an @supports condition. */
function supportsTests(params: string): string[] {
  return [...params.matchAll(/\(\s*([-\w]+)\s*:\s*((?:[^()]|\([^()]*(?:\([^()]*\))*[^()]*\))+)\)/g)].map(
    ([, property, value]) => `${property}: ${value.trim()}`,
  );
}

async function guardedBySupports(usage: FeatureUsage, browsers: string[]): Promise<boolean> {
  for (let node: Node | undefined = usage.usage.parent; node; node = node.parent as Node | undefined) {
    if (node.type !== "atrule" || (node as AtRule).name.toLowerCase() !== "supports") continue;
    for (const test of supportsTests((node as AtRule).params)) {
      const tested = await findUsages(`a { ${test}; }`, undefined, browsers);
      if (tested.some((found) => found.feature === usage.feature)) return true;
    }
  }
  return false;
}

function describe(node: Node): string {
  if (node.type === "decl") {
    const decl = node as Declaration;
    return `${decl.prop}: ${decl.value}`;
  }
  if (node.type === "rule") return (node as Rule).selector;
  if (node.type === "atrule") return `@${(node as AtRule).name} ${(node as AtRule).params}`;
  return node.type;
}

/** The features of `css` that some browser of `browsers` lacks, with no fallback and not on the allow-list. */
export async function unsupportedWithoutFallback(
  css: string,
  from?: string,
  browsers: string[] = POLICY_BROWSERS,
): Promise<CssProblem[]> {
  const usages = await findUsages(css, from, browsers);
  // Browsers without custom properties skip a custom property's declaration whatever its value.
  const probe = await findUsages("a { --probe: 1; }", undefined, browsers);
  const withoutCustomProperties = new Set(probe.flatMap(lackingAgents));
  const byNode = new Map<Node, FeatureUsage[]>();
  for (const usage of usages) byNode.set(usage.usage, [...(byNode.get(usage.usage) ?? []), usage]);
  /** A declaration whose every finding is allowed: a browser of the policy reads it (or harmlessly skips it). */
  const readable = (node: Node) => (byNode.get(node) ?? []).every(allowed);

  const problems: CssProblem[] = [];
  for (const usage of usages) {
    if (allowed(usage)) continue;
    const node = usage.usage;
    if (node.type === "decl") {
      const decl = node as Declaration;
      // Declaring a custom property changes nothing by itself (each use of it is checked), and only
      // browsers with custom properties read its value.
      if (decl.prop.startsWith("--")) {
        if (usage.feature === "css-variables") continue;
        if (lackingAgents(usage).every((agent) => withoutCustomProperties.has(agent))) continue;
      }
      const siblings = decl.parent?.nodes ?? [];
      const hasFallback =
        !decl.prop.startsWith("--") &&
        siblings
          .slice(0, siblings.indexOf(decl))
          .some(
            (other) => other.type === "decl" && other.prop.toLowerCase() === decl.prop.toLowerCase() && readable(other),
          );
      if (hasFallback) continue;
    }
    if (await guardedBySupports(usage, browsers)) continue;
    problems.push({
      feature: usage.feature,
      title: usage.featureData.title,
      lacking: [usage.featureData.missing, usage.featureData.partial].filter(Boolean).join("; partly: "),
      where: describe(node),
      line: node.source?.start?.line ?? 0,
    });
  }
  return problems;
}
