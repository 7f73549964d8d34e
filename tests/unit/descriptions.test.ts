import { describe, expect, it } from "vitest";
import { plainCueText, readingTimeMs } from "~/lib/descriptions";
import { descriptionLanguage } from "~/utils/preferences.server";

describe("readingTimeMs", () => {
  it("grows with the words and shrinks with the rate, within 1 to 20 seconds", () => {
    const thirteen = "A crimson title card. White letters in the middle read: Dracin sample 1.";
    expect(readingTimeMs(thirteen, 1)).toBe(Math.round(600 + (13 / 180) * 60_000));
    expect(readingTimeMs(thirteen, 2)).toBeLessThan(readingTimeMs(thirteen, 1));
    expect(readingTimeMs("Hi.", 2)).toBe(1_000);
    expect(readingTimeMs("word ".repeat(500), 1)).toBe(20_000);
  });

  it("treats a nonsense rate as normal speed", () => {
    expect(readingTimeMs("one two three", 0)).toBe(readingTimeMs("one two three", 1));
    expect(readingTimeMs("one two three", Number.NaN)).toBe(readingTimeMs("one two three", 1));
  });
});

describe("plainCueText", () => {
  it("drops WebVTT tags and timestamps, decodes entities and folds whitespace", () => {
    expect(plainCueText("<v Mei>Run!</v>\n<i>Now</i> &amp; <00:00:01.500>here &lt;3")).toBe("Run! Now & here <3");
    expect(plainCueText("&lrm;A&nbsp;b")).toBe("A b");
    expect(plainCueText("  ")).toBe("");
  });
});

describe("descriptionLanguage", () => {
  it("follows the captions, then the viewer's language, then the first track", () => {
    expect(descriptionLanguage(["en", "id"], "id", "en")).toBe("id");
    expect(descriptionLanguage(["en", "id"], "off", "id")).toBe("id");
    expect(descriptionLanguage(["en"], "id", "id")).toBe("en");
    expect(descriptionLanguage([], "en", "en")).toBe("");
  });
});
