/**
 * Caption styles (app/lib/caption-style.ts, app/lib/caption-style-schema.ts):
 * every listed value accepted, anything else refused; the CSS for each
 * setting, nothing for "as authored", bounded and free of anything a viewer
 * could inject.
 */
import { describe, expect, it } from "vitest";
import {
  AS_AUTHORED,
  CAPTION_COLOURS,
  CAPTION_CSS_MAX_LENGTH,
  CAPTION_EDGES,
  CAPTION_OPACITIES,
  CAPTION_SETTINGS,
  captionStyleFrom,
  cueCss,
  isAsAuthored,
  previewCss,
  type CaptionSetting,
  type CaptionStyle,
} from "~/lib/caption-style";
import {
  CaptionStyleFormSchema,
  CaptionStyleSchema,
  captionStyleJson,
  parseCaptionStyleJson,
} from "~/lib/caption-style-schema";

const SETTINGS = Object.keys(CAPTION_SETTINGS) as CaptionSetting[];

function styleWith(overrides: Partial<CaptionStyle>): CaptionStyle {
  return { ...AS_AUTHORED, ...overrides };
}

/** The declarations of the rule for `selector` in some CSS, or null when there is no such rule. */
function ruleFor(css: string, selector: string): string | null {
  for (const line of css.split("\n")) {
    if (line.startsWith(`${selector}{`)) return line.slice(selector.length + 1, -1);
  }
  return null;
}

const CUE = "video::cue";
const NATIVE_WINDOW = "video::-webkit-media-text-track-display";
const VJS_WINDOW = ".video-js .vjs-text-track-display .vjs-text-track-cue";
const VJS_CUE = ".video-js .vjs-text-track-display .vjs-text-track-cue > div";

describe("the caption style schema", () => {
  it("accepts every listed value of every setting", () => {
    for (const setting of SETTINGS) {
      for (const value of CAPTION_SETTINGS[setting]) {
        const parsed = CaptionStyleSchema.safeParse({ ...AS_AUTHORED, [setting]: value });
        expect(parsed.success, `${setting}=${value}`).toBe(true);
      }
    }
  });

  it("offers the colours, opacities and edges the FCC set names", () => {
    expect(CAPTION_COLOURS).toEqual([
      "authored",
      "white",
      "yellow",
      "green",
      "cyan",
      "blue",
      "magenta",
      "red",
      "black",
    ]);
    expect(CAPTION_OPACITIES).toEqual(["authored", "0", "25", "50", "75", "100"]);
    expect(CAPTION_EDGES).toEqual(["authored", "none", "raised", "depressed", "uniform", "drop-shadow"]);
    expect(CAPTION_SETTINGS.size).toEqual(expect.arrayContaining(["small", "standard", "large", "x-large"]));
    expect(CAPTION_SETTINGS.font).toEqual(expect.arrayContaining(["readable", "mono"]));
  });

  it("refuses a value outside a setting's list, another setting's value, free text and a missing setting", () => {
    const refused: [CaptionSetting, unknown][] = [
      ["size", "huge"],
      ["size", "150%"],
      ["font", "Comic Sans MS"],
      ["textColour", "#ff0"],
      ["textColour", "rgb(255,255,0)"],
      ["textColour", "25"],
      ["textOpacity", "30"],
      ["textOpacity", 50],
      ["backgroundOpacity", "yellow"],
      ["windowColour", "red;}body{display:none"],
      ["edge", "outline"],
      ["edge", ""],
      ["edge", null],
    ];
    for (const [setting, value] of refused) {
      expect(
        CaptionStyleSchema.safeParse({ ...AS_AUTHORED, [setting]: value }).success,
        `${setting}=${String(value)}`,
      ).toBe(false);
    }
    const { edge: _edge, ...missing } = AS_AUTHORED;
    expect(CaptionStyleSchema.safeParse(missing).success).toBe(false);
  });

  it("takes a form's save with every setting, or a reset, and refuses an unknown intent", () => {
    expect(CaptionStyleFormSchema.safeParse({ intent: "save", ...AS_AUTHORED, size: "large" }).success).toBe(true);
    expect(CaptionStyleFormSchema.safeParse({ intent: "reset" }).success).toBe(true);
    expect(CaptionStyleFormSchema.safeParse({ intent: "save", size: "large" }).success).toBe(false);
    expect(CaptionStyleFormSchema.safeParse({ intent: "delete", ...AS_AUTHORED }).success).toBe(false);
  });

  it("stores only the overrides, nothing for as authored, and reads stored values leniently", () => {
    expect(captionStyleJson({ ...AS_AUTHORED })).toBeNull();
    const json = captionStyleJson(styleWith({ textColour: "yellow", edge: "uniform" }));
    expect(JSON.parse(json ?? "")).toEqual({ textColour: "yellow", edge: "uniform" });
    expect(parseCaptionStyleJson(json)).toEqual(styleWith({ textColour: "yellow", edge: "uniform" }));
    // A value no longer offered reads as "authored" for that setting only; junk reads as authored.
    expect(parseCaptionStyleJson('{"textColour":"orange","size":"large"}')).toEqual(styleWith({ size: "large" }));
    expect(parseCaptionStyleJson("not json")).toEqual(AS_AUTHORED);
    expect(parseCaptionStyleJson("[1,2]")).toEqual(AS_AUTHORED);
    expect(parseCaptionStyleJson(null)).toEqual(AS_AUTHORED);
    expect(captionStyleFrom({ size: "x-large", font: "constructor", edge: "__proto__" })).toEqual(
      styleWith({ size: "x-large" }),
    );
  });
});

describe("cueCss", () => {
  it("is empty for as authored: no overrides at all", () => {
    expect(isAsAuthored({ ...AS_AUTHORED })).toBe(true);
    expect(cueCss({ ...AS_AUTHORED })).toBe("");
    expect(previewCss({ ...AS_AUTHORED })).toBe("");
  });

  it("draws each edge style as a text shadow, the same in the native and the video.js player", () => {
    const shadows = new Set<string>();
    for (const edge of CAPTION_EDGES.filter((value) => value !== "authored")) {
      const css = cueCss(styleWith({ edge }));
      const native = ruleFor(css, CUE);
      const vjs = ruleFor(css, VJS_CUE);
      expect(native, edge).toMatch(/^text-shadow:[^;]+!important$/);
      expect(vjs, edge).toBe(native);
      shadows.add(native ?? "");
    }
    expect(ruleFor(cueCss(styleWith({ edge: "none" })), CUE)).toBe("text-shadow:none!important");
    expect(ruleFor(cueCss(styleWith({ edge: "raised" })), CUE)).toContain("3px 3px #222");
    expect(ruleFor(cueCss(styleWith({ edge: "depressed" })), CUE)).toContain("-1px -1px #222");
    expect(ruleFor(cueCss(styleWith({ edge: "uniform" })), CUE)).toContain("0 0 4px #222");
    expect(ruleFor(cueCss(styleWith({ edge: "drop-shadow" })), CUE)).toContain("2px 2px 5px #222");
    // Five different looks.
    expect(shadows.size).toBe(5);
  });

  it("turns colours and opacities into rgba(), falling back to the players' own colour or opacity", () => {
    const css = cueCss(
      styleWith({
        textColour: "yellow",
        textOpacity: "75",
        backgroundColour: "blue",
        backgroundOpacity: "50",
        windowColour: "magenta",
        windowOpacity: "25",
      }),
    );
    expect(ruleFor(css, CUE)).toBe("color:rgba(255,255,0,0.75)!important;background-color:rgba(0,0,255,0.5)!important");
    expect(ruleFor(css, VJS_CUE)).toBe(ruleFor(css, CUE));
    expect(ruleFor(css, NATIVE_WINDOW)).toBe("background-color:rgba(255,0,255,0.25)!important");
    expect(ruleFor(css, VJS_WINDOW)).toBe("background-color:rgba(255,0,255,0.25)!important");

    // Only a colour: at the player's opacity (text solid, background 75 %); only an opacity: the player's colour.
    expect(ruleFor(cueCss(styleWith({ textColour: "green" })), CUE)).toBe("color:rgba(0,255,0,1)!important");
    expect(ruleFor(cueCss(styleWith({ backgroundColour: "red" })), CUE)).toBe(
      "background-color:rgba(255,0,0,0.75)!important",
    );
    expect(ruleFor(cueCss(styleWith({ backgroundOpacity: "0" })), CUE)).toBe(
      "background-color:rgba(0,0,0,0)!important",
    );
    expect(ruleFor(cueCss(styleWith({ windowOpacity: "100" })), NATIVE_WINDOW)).toBe(
      "background-color:rgba(0,0,0,1)!important",
    );
    // Every opacity maps to its alpha.
    const alphas = CAPTION_OPACITIES.filter((value) => value !== "authored").map((textOpacity) =>
      ruleFor(cueCss(styleWith({ textColour: "white", textOpacity })), CUE),
    );
    expect(alphas).toEqual([
      "color:rgba(255,255,255,0)!important",
      "color:rgba(255,255,255,0.25)!important",
      "color:rgba(255,255,255,0.5)!important",
      "color:rgba(255,255,255,0.75)!important",
      "color:rgba(255,255,255,1)!important",
    ]);
  });

  it("sizes text in percent and names fonts by installed families with a generic fallback", () => {
    expect(ruleFor(cueCss(styleWith({ size: "small" })), CUE)).toBe("font-size:75%!important");
    expect(ruleFor(cueCss(styleWith({ size: "x-large" })), CUE)).toBe("font-size:200%!important");
    for (const font of CAPTION_SETTINGS.font.filter((value) => value !== "authored")) {
      const rule = ruleFor(cueCss(styleWith({ font })), CUE) ?? "";
      expect(rule, font).toMatch(/font-family:[^;]*\b(sans-serif|serif|monospace|cursive)!important/);
    }
    expect(ruleFor(cueCss(styleWith({ font: "mono" })), CUE)).toContain("monospace");
    expect(ruleFor(cueCss(styleWith({ font: "small-caps" })), CUE)).toContain("font-variant:small-caps");
  });

  it("frees video.js's cue box to grow upwards when the text's size or font changes, and only then", () => {
    for (const overrides of [{ size: "large" }, { font: "mono" }] as Partial<CaptionStyle>[]) {
      expect(ruleFor(cueCss(styleWith(overrides)), VJS_WINDOW)).toBe("height:auto!important;top:auto!important");
    }
    expect(ruleFor(cueCss(styleWith({ textColour: "yellow", edge: "raised" })), VJS_WINDOW)).toBeNull();
    // The native player lays cues out itself.
    expect(cueCss(styleWith({ size: "large" }))).not.toMatch(/video::[^{]*\{[^}]*height/);
  });

  it("keeps the window out of ::cue, and puts each engine-specific selector in a rule of its own", () => {
    const css = cueCss(styleWith({ windowColour: "black", textColour: "white" }));
    expect(ruleFor(css, CUE)).not.toContain("rgba(0,0,0");
    for (const line of css.trim().split("\n")) expect(line.split("{")[0]).not.toContain(",");
  });

  it("stays bounded and injection-free for every value of every setting, and for values outside the lists", () => {
    const longest: CaptionStyle = {
      size: "x-large",
      font: "mono",
      textColour: "magenta",
      textOpacity: "100",
      backgroundColour: "magenta",
      backgroundOpacity: "100",
      windowColour: "magenta",
      windowOpacity: "100",
      edge: "drop-shadow",
    };
    const outputs = [cueCss(longest)];
    for (const setting of SETTINGS) {
      for (const value of CAPTION_SETTINGS[setting]) outputs.push(cueCss({ ...longest, [setting]: value }));
    }
    for (const css of outputs) {
      expect(css.length).toBeLessThanOrEqual(CAPTION_CSS_MAX_LENGTH);
      // Nothing that could end the <style> element, open a comment or a new at-rule, or load anything.
      expect(css).not.toMatch(/<|\/\*|@|url\(|expression|\\/);
    }
    // A value that slipped past the schema finds nothing in the tables: no CSS at all for it.
    const hostile = {
      ...AS_AUTHORED,
      textColour: "red;}</style><script>alert(1)</script>",
      size: "constructor",
      font: "__proto__",
      edge: "toString",
    } as unknown as CaptionStyle;
    expect(cueCss(hostile)).toBe("");
    expect(previewCss(hostile)).toBe("");
  });

  it("styles the settings page's sample with the same declarations", () => {
    const style = styleWith({
      textColour: "cyan",
      backgroundColour: "black",
      backgroundOpacity: "100",
      edge: "raised",
    });
    const preview = previewCss(style);
    const cue = ruleFor(cueCss(style), CUE) ?? "";
    expect(ruleFor(preview, ".caption-sample-cue")).toBe(cue.replaceAll("!important", ""));
  });
});
