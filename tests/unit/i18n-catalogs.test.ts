/**
 * Every catalog says the same things as the English one: the same keys, each
 * message valid ICU MessageFormat, the same placeholders with the same types
 * (a "{count, plural, …}" stays a plural, "{rating, number}" stays a number),
 * plurals that only use the locale's own categories, and no empty text. A
 * translation that drops or renames a placeholder would otherwise only show
 * up as a raw "{title}" on one page in one language.
 */
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import { intlTag, LOCALE_CODES, LOCALES, REFERENCE_LOCALE, type Locale } from "~/i18n/catalog";

type ArgumentKind = "plain" | "number" | "date" | "time" | "select" | "plural" | "selectordinal";

/** What a message asks of its values: each argument name with the kinds it is used as, and its select options. */
interface Shape {
  args: Map<string, Set<ArgumentKind>>;
  /** "name" → the option keys of a select on that argument (the values it is chosen by). */
  selectOptions: Map<string, Set<string>>;
  /** Option keys of every plural, for the plural-category checks. */
  plurals: { name: string; options: string[] }[];
}

function parseMessage(message: string): MessageFormatElement[] {
  // The same option the app compiles with (app/i18n/index.tsx): "<" is text.
  return parse(message, { ignoreTag: true });
}

function shapeOf(elements: MessageFormatElement[], shape: Shape = emptyShape()): Shape {
  const note = (name: string, kind: ArgumentKind) => {
    let kinds = shape.args.get(name);
    if (!kinds) shape.args.set(name, (kinds = new Set()));
    kinds.add(kind);
  };
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        note(element.value, "plain");
        break;
      case TYPE.number:
        note(element.value, "number");
        break;
      case TYPE.date:
        note(element.value, "date");
        break;
      case TYPE.time:
        note(element.value, "time");
        break;
      case TYPE.select: {
        note(element.value, "select");
        const keys = shape.selectOptions.get(element.value) ?? new Set<string>();
        for (const [key, option] of Object.entries(element.options)) {
          keys.add(key);
          shapeOf(option.value, shape);
        }
        shape.selectOptions.set(element.value, keys);
        break;
      }
      case TYPE.plural:
        note(element.value, element.pluralType === "ordinal" ? "selectordinal" : "plural");
        shape.plurals.push({ name: element.value, options: Object.keys(element.options) });
        for (const option of Object.values(element.options)) shapeOf(option.value, shape);
        break;
      case TYPE.tag:
        // Not produced with ignoreTag; walked anyway so a tag can never hide an argument.
        shapeOf(element.children, shape);
        break;
      case TYPE.literal:
      case TYPE.pound:
        break;
    }
  }
  return shape;
}

function emptyShape(): Shape {
  return { args: new Map(), selectOptions: new Map(), plurals: [] };
}

/** A comparable description: { count: ["plural"], q: ["plain"] }. */
function argumentKinds(shape: Shape): Record<string, ArgumentKind[]> {
  return Object.fromEntries(
    [...shape.args.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, kinds]) => [name, [...kinds].sort()]),
  );
}

function selectKeys(shape: Shape): Record<string, string[]> {
  return Object.fromEntries(
    [...shape.selectOptions.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, keys]) => [name, [...keys].sort()]),
  );
}

const reference = LOCALES[REFERENCE_LOCALE].messages;
const referenceKeys = Object.keys(reference).sort();

describe.each(LOCALE_CODES)("the %s catalog", (locale: Locale) => {
  const messages: Record<string, string> = LOCALES[locale].messages;
  const pluralCategories = new Set<string>(new Intl.PluralRules(intlTag(locale)).resolvedOptions().pluralCategories);

  it("has exactly the English keys", () => {
    expect(Object.keys(messages).sort()).toEqual(referenceKeys);
  });

  it("parses every message as ICU MessageFormat", () => {
    const failures: string[] = [];
    for (const [key, message] of Object.entries(messages)) {
      try {
        parseMessage(message);
      } catch (error) {
        failures.push(`${key}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("uses the same arguments, of the same kinds, as English in every message", () => {
    const mismatches: string[] = [];
    for (const key of referenceKeys) {
      const message = messages[key];
      if (message === undefined) continue; // reported by the keys test
      const ours = shapeOf(parseMessage(message));
      const theirs = shapeOf(parseMessage(reference[key as keyof typeof reference]));
      const [a, b] = [JSON.stringify(argumentKinds(ours)), JSON.stringify(argumentKinds(theirs))];
      if (a !== b) mismatches.push(`${key}: ${a} (English ${b})`);
      const [sa, sb] = [JSON.stringify(selectKeys(ours)), JSON.stringify(selectKeys(theirs))];
      if (sa !== sb) mismatches.push(`${key}: select options ${sa} (English ${sb})`);
    }
    expect(mismatches).toEqual([]);
  });

  it("gives every plural an `other` form and only the locale's own categories", () => {
    const problems: string[] = [];
    for (const [key, message] of Object.entries(messages)) {
      for (const plural of shapeOf(parseMessage(message)).plurals) {
        if (!plural.options.includes("other")) problems.push(`${key}: {${plural.name}} has no "other"`);
        // "=0"-style exact matches are fine in any language; "one" in Indonesian would never be chosen.
        const foreign = plural.options.filter((option) => !option.startsWith("=") && !pluralCategories.has(option));
        if (foreign.length > 0) problems.push(`${key}: {${plural.name}} has ${foreign.join(", ")}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("has no empty message", () => {
    const empty = Object.entries(messages)
      .filter(([, message]) => message.trim() === "")
      .map(([key]) => key);
    expect(empty).toEqual([]);
  });
});

describe("Indonesian formatting", () => {
  const t = translator("id");

  it("groups a plural's number the Indonesian way", () => {
    expect(t("browse.count", { count: 1234 })).toBe("1.234 drama");
  });

  it("has one plural form for every count", () => {
    expect(t("browse.count", { count: 1 })).toBe("1 drama");
    expect(t("search.count", { count: 3, q: "teh" })).toBe("3 drama ditemukan untuk “teh”.");
  });

  it("formats a decimal with a comma", () => {
    expect(t("drama.ratingValue", { rating: 8.5 })).toBe("8,5 dari 10");
  });
});
