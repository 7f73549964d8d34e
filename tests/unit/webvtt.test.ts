/** The WebVTT reader behind the transcript (app/lib/webvtt.ts): what it keeps, what it skips, what it refuses. */
import { describe, expect, it } from "vitest";
import { cueText, decodeEntities, parseTimestamp, parseWebVtt, WebVttError } from "~/lib/webvtt";

const vtt = (...lines: string[]) => lines.join("\n");

describe("parseTimestamp", () => {
  it("reads mm:ss.ttt and hh:mm:ss.ttt", () => {
    expect(parseTimestamp("00:04.500")).toBe(4.5);
    expect(parseTimestamp("01:02:03.004")).toBeCloseTo(3723.004, 6);
    expect(parseTimestamp("123:00:00.000")).toBe(442800);
  });

  it("refuses malformed timestamps", () => {
    for (const bad of ["0:04.500", "00:60.000", "00:04,500", "00:04.5", "00:04", "aa:bb.ccc", "00:61:00.000", ""]) {
      expect(parseTimestamp(bad), bad).toBeNull();
    }
  });
});

describe("parseWebVtt", () => {
  it("reads cues with and without identifiers, keeping multi-line text", () => {
    const cues = parseWebVtt(
      vtt(
        "WEBVTT",
        "",
        "1",
        "00:00:00.000 --> 00:00:04.000",
        "Your Highness, the Empress has summoned you",
        "to the east pavilion.",
        "",
        "00:04.000 --> 00:07.000",
        "At this hour?",
        "",
      ),
    );
    expect(cues).toEqual([
      { start: 0, end: 4, text: "Your Highness, the Empress has summoned you\nto the east pavilion.", speaker: null },
      { start: 4, end: 7, text: "At this hour?", speaker: null },
    ]);
  });

  it("tolerates a BOM, CRLF and CR line endings, header text and cue settings", () => {
    const body = [
      "WEBVTT - a title",
      "Kind: captions",
      "",
      "a",
      "00:01.000 --> 00:02.000 align:start position:10%",
      "One",
      "",
    ];
    for (const eol of ["\r\n", "\r", "\n"]) {
      const cues = parseWebVtt(`\uFEFF${body.join(eol)}`);
      expect(cues, JSON.stringify(eol)).toEqual([{ start: 1, end: 2, text: "One", speaker: null }]);
    }
  });

  it("skips NOTE, STYLE and REGION blocks", () => {
    const cues = parseWebVtt(
      vtt(
        "WEBVTT",
        "",
        "REGION",
        "id:fred width:40%",
        "",
        "STYLE",
        "::cue { color: red }",
        "",
        "NOTE a comment",
        "that spans lines",
        "",
        "NOTE",
        "00:00.000 --> 00:01.000 is not a cue inside a note",
        "",
        "00:02.000 --> 00:03.000",
        "Kept",
      ),
    );
    expect(cues.map((cue) => cue.text)).toEqual(["Kept"]);
  });

  it("skips malformed cues and keeps the rest of the file", () => {
    const cues = parseWebVtt(
      vtt(
        "WEBVTT",
        "",
        "00:00.000 --> 00:01.000",
        "first",
        "",
        "just some text without a timing line",
        "",
        "00:0x.000 --> 00:02.000",
        "bad start",
        "",
        "00:05.000 --> 00:04.000",
        "ends before it starts",
        "",
        "00:06.000 -> 00:07.000",
        "bad arrow",
        "",
        "00:08.000 --> 00:09.000",
        "",
        "00:10.000 --> 00:11.000",
        "last",
      ),
    );
    expect(cues.map((cue) => cue.text)).toEqual(["first", "last"]);
  });

  it("sorts overlapping and out-of-order cues by start, stably", () => {
    const cues = parseWebVtt(
      vtt(
        "WEBVTT",
        "",
        "00:05.000 --> 00:08.000",
        "c",
        "",
        "00:01.000 --> 00:09.000",
        "a",
        "",
        "00:05.000 --> 00:06.000",
        "d",
        "",
        "00:02.000 --> 00:03.000",
        "b",
      ),
    );
    expect(cues.map((cue) => [cue.text, cue.start])).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 5],
      ["d", 5],
    ]);
  });

  it("refuses a file without the WEBVTT header", () => {
    expect(() => parseWebVtt("1\n00:00:00,000 --> 00:00:01,000\nan SRT file\n")).toThrow(WebVttError);
    expect(() => parseWebVtt("WEBVTTX\n\n00:00.000 --> 00:01.000\nx")).toThrow(WebVttError);
    expect(() => parseWebVtt("")).toThrow(WebVttError);
  });

  it("bounds the input size and the number of cues", () => {
    const many = ["WEBVTT", ""];
    for (let i = 0; i < 50; i += 1)
      many.push(`00:${String(i).padStart(2, "0")}.000 --> 00:${String(i).padStart(2, "0")}.500`, `cue ${i}`, "");
    const text = many.join("\n");
    expect(parseWebVtt(text, { maxCues: 10 })).toHaveLength(10);
    expect(parseWebVtt(text, { maxCues: 10 })[9].text).toBe("cue 9");
    expect(() => parseWebVtt(text, { maxChars: 100 })).toThrow(new WebVttError("too-large"));
  });

  it("stops a cue's text at a timing line that lost its blank line", () => {
    const cues = parseWebVtt(vtt("WEBVTT", "", "00:00.000 --> 00:01.000", "one", "00:01.000 --> 00:02.000", "two"));
    expect(cues.map((cue) => cue.text)).toEqual(["one"]);
  });
});

describe("cue text", () => {
  it("drops formatting tags and keeps their text", () => {
    expect(cueText("<i>Quiet</i>, <b>now</b> <u>please</u> <c.yellow.bg_blue>here</c>").text).toBe(
      "Quiet, now please here",
    );
    expect(cueText("<lang zh>月下茶馆</lang> means moonlit tea house").text).toBe("月下茶馆 means moonlit tea house");
    expect(cueText("One<00:00:01.000> two<00:00:01.500> three").text).toBe("One two three");
  });

  it("writes ruby text in parentheses after its base", () => {
    expect(cueText("<ruby>茶<rt>chá</rt></ruby> house").text).toBe("茶(chá) house");
    expect(cueText("<ruby>茶<rt>chá</ruby>").text).toBe("茶(chá)");
  });

  it("keeps the voice's name as the speaker", () => {
    expect(cueText("<v Su Wan>We open at moonrise.</v>")).toEqual({ text: "We open at moonrise.", speaker: "Su Wan" });
    expect(cueText("<v.loud Mo>Stop!")).toEqual({ text: "Stop!", speaker: "Mo" });
    expect(cueText("<v A>Hi.</v>\n<v B>Hello.</v>")).toEqual({ text: "Hi.\nB: Hello.", speaker: "A" });
    expect(cueText("no voice").speaker).toBeNull();
  });

  it("decodes entities and never returns markup", () => {
    expect(cueText("Tom &amp; Jerry &lt;3 &gt; &lrm;x&rlm; a&nbsp;b &#65;&#x42; &bogus;").text).toBe(
      "Tom & Jerry <3 > \u200Ex\u200F a\u00A0b AB &bogus;",
    );
    expect(decodeEntities("&#0; &#xD800; &#x110000;")).toBe("\uFFFD \uFFFD \uFFFD");
    // A script tag in a cue is only text once its tag is dropped.
    expect(cueText("<script>alert(1)</script>").text).toBe("alert(1)");
    expect(cueText("a < b").text).toBe("a");
  });

  it("trims and drops blank lines inside a cue", () => {
    expect(cueText("  one  \n\n  two ").text).toBe("one\ntwo");
  });
});
