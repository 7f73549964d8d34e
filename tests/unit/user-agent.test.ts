import { describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import { describeUserAgent } from "~/utils/user-agent.server";

const en = translator("en");

const UA = {
  chromeAndroid:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.135 Mobile Safari/537.36",
  firefoxWindows: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
  safariIphone:
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  chromeMac:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
};

describe("describeUserAgent", () => {
  it("names the browser with its major version and the operating system", () => {
    expect(describeUserAgent(UA.chromeAndroid, en)).toBe("Chrome 131 on Android");
    expect(describeUserAgent(UA.firefoxWindows, en)).toBe("Firefox 133 on Windows");
    expect(describeUserAgent(UA.safariIphone, en)).toBe("Mobile Safari 17 on iOS");
    expect(describeUserAgent(UA.chromeMac, en)).toBe("Chrome 131 on Mac OS");
  });

  it("leaves out a version the header does not give", () => {
    expect(describeUserAgent("Mozilla/5.0 (Windows NT 10.0) Gecko/20100101 Firefox/unknown", en)).toBe(
      "Firefox on Windows",
    );
  });

  it("says 'Unknown browser' for missing, empty or unrecognised headers", () => {
    expect(describeUserAgent(null, en)).toBe("Unknown browser");
    expect(describeUserAgent(undefined, en)).toBe("Unknown browser");
    expect(describeUserAgent("   ", en)).toBe("Unknown browser");
    expect(describeUserAgent("curl/8.5.0", en)).toBe("Unknown browser");
    expect(describeUserAgent("DracinTest/1.0 (vitest)", en)).toBe("Unknown browser");
  });

  it("keeps the operating system when only it is known", () => {
    expect(describeUserAgent("SomeApp/2.0 (Windows NT 10.0)", en)).toBe("Unknown browser on Windows");
  });

  it("copes with hostile input: very long or markup-laden headers", () => {
    expect(describeUserAgent("A".repeat(100_000), en)).toBe("Unknown browser");
    const description = describeUserAgent(`<script>alert(1)</script> ${UA.chromeAndroid}`, en);
    expect(description).toBe("Chrome 131 on Android");
  });
});
