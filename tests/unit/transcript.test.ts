/** Building the transcript (captions and descriptions in one time line) and searching it (app/lib/transcript.ts). */
import { describe, expect, it } from "vitest";
import { buildTranscript, matchText, searchTerms, searchTranscript, type TranscriptLine } from "~/lib/transcript";
import type { VttCue } from "~/lib/webvtt";

const cue = (start: number, text: string, speaker: string | null = null): VttCue => ({
  start,
  end: start + 2,
  text,
  speaker,
});

describe("buildTranscript", () => {
  it("interleaves descriptions with captions by start time, marking each", () => {
    const lines = buildTranscript(
      [cue(0, "Your Highness,\nthe Empress"), cue(4, "At this hour?"), cue(7, "She found it.")],
      [cue(0, "A crimson title card."), cue(5, "An amber clock.")],
    );
    expect(lines.map((line) => [line.kind, line.start, line.text])).toEqual([
      ["description", 0, "A crimson title card."],
      ["caption", 0, "Your Highness, the Empress"],
      ["caption", 4, "At this hour?"],
      ["description", 5, "An amber clock."],
      ["caption", 7, "She found it."],
    ]);
  });

  it("sorts lines that came out of order and keeps ties in their own order", () => {
    const lines = buildTranscript([cue(9, "last"), cue(1, "first"), cue(1, "second")]);
    expect(lines.map((line) => line.text)).toEqual(["first", "second", "last"]);
    expect(lines.every((line) => line.kind === "caption")).toBe(true);
  });

  it("is only captions without descriptions", () => {
    expect(buildTranscript([cue(0, "a")], [])).toHaveLength(1);
    expect(buildTranscript([], [])).toEqual([]);
  });
});

describe("search", () => {
  const lines: TranscriptLine[] = buildTranscript(
    [
      cue(0, "Qiáo opened the TEA house."),
      cue(2, "Nobody came.", "Su Wan"),
      cue(4, "Tea again? Tea forever."),
      cue(6, "Café au lait"),
    ],
    [cue(1, "Lanterns glow over the tea house.")],
  );

  it("normalises the search like the catalog's: case and accents do not matter", () => {
    expect(searchTerms("  Qiáo   TEA ")).toEqual(["qiao", "tea"]);
    expect(searchTerms("")).toEqual([]);
    expect(searchTerms("!!!")).toEqual([]);
    expect(searchTerms("a".repeat(500))).toEqual(["a".repeat(100)]);
  });

  it("keeps lines with every word, case- and accent-insensitively", () => {
    expect(searchTranscript(lines, "tea").map((line) => line.start)).toEqual([0, 1, 4]);
    expect(searchTranscript(lines, "QIAO tea").map((line) => line.start)).toEqual([0]);
    expect(searchTranscript(lines, "cafe").map((line) => line.start)).toEqual([6]);
    expect(searchTranscript(lines, "café").map((line) => line.start)).toEqual([6]);
    expect(searchTranscript(lines, "wan").map((line) => line.start)).toEqual([2]);
    expect(searchTranscript(lines, "zzz")).toEqual([]);
  });

  it("keeps every line for a blank search, with their indexes", () => {
    const all = searchTranscript(lines, "   ");
    expect(all.map((line) => line.index)).toEqual([0, 1, 2, 3, 4]);
    expect(all.every((line) => line.parts.every((part) => !part.mark))).toBe(true);
  });

  it("marks every occurrence in the original text, accents included", () => {
    const [first] = searchTranscript(lines, "qiao tea");
    expect(first.parts).toEqual([
      { text: "Qiáo", mark: true },
      { text: " opened the ", mark: false },
      { text: "TEA", mark: true },
      { text: " house.", mark: false },
    ]);
    const again = searchTranscript(lines, "tea").find((line) => line.start === 4);
    expect(again?.parts.filter((part) => part.mark).map((part) => part.text)).toEqual(["Tea", "Tea"]);
    const speaker = searchTranscript(lines, "su").find((line) => line.start === 2);
    expect(speaker?.speakerParts).toEqual([
      { text: "Su", mark: true },
      { text: " Wan", mark: false },
    ]);
    expect(speaker?.parts).toEqual([{ text: "Nobody came.", mark: false }]);
  });

  it("marks a decomposed accent with its letter", () => {
    expect(matchText("Cafe\u0301 noir", ["cafe"])).toEqual([
      { text: "Cafe\u0301", mark: true },
      { text: " noir", mark: false },
    ]);
    expect(matchText("abc", ["x"])).toBeNull();
  });
});
