/** Captions start in the viewer's language until the viewer chooses (app/utils/preferences.server.ts). */
import { describe, expect, it } from "vitest";
import { captionsFor, DEFAULT_PREFERENCES, PreferencesSchema } from "~/utils/preferences.server";

const BOTH = ["en", "id"];

describe("captionsFor", () => {
  it("follows the viewer's language when the viewer has not chosen", () => {
    expect(captionsFor(DEFAULT_PREFERENCES, "id", BOTH)).toBe("id");
    expect(captionsFor(DEFAULT_PREFERENCES, "en", BOTH)).toBe("en");
    expect(captionsFor({ captions: undefined }, "id", ["id", "en"])).toBe("id");
  });

  it("keeps a choice the viewer made, whatever their language", () => {
    expect(captionsFor({ captions: "en" }, "id", BOTH)).toBe("en");
    expect(captionsFor({ captions: "id" }, "en", BOTH)).toBe("id");
    expect(captionsFor({ captions: "off" }, "id", BOTH)).toBe("off");
  });

  it("falls back to a track the episode has, else off", () => {
    expect(captionsFor(DEFAULT_PREFERENCES, "id", ["en"])).toBe("en");
    expect(captionsFor(DEFAULT_PREFERENCES, "en", ["id"])).toBe("id");
    expect(captionsFor(DEFAULT_PREFERENCES, "id", ["fr"])).toBe("off");
    expect(captionsFor(DEFAULT_PREFERENCES, "id", [])).toBe("off");
  });
});

describe("the preferences cookie's captions", () => {
  it("are unchosen when absent or unreadable, and kept when valid", () => {
    expect(PreferencesSchema.parse({ autoplay: false, dataSaver: false }).captions).toBeUndefined();
    expect(PreferencesSchema.parse({ captions: "fr", autoplay: true, dataSaver: false }).captions).toBeUndefined();
    expect(PreferencesSchema.parse({ captions: "off", autoplay: true, dataSaver: false }).captions).toBe("off");
    expect(DEFAULT_PREFERENCES.captions).toBeUndefined();
  });
});
