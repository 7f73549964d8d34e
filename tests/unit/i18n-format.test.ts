import { describe, expect, it } from "vitest";
import { pageWindow } from "~/components/pagination";
import { isMessageKey, msg, translator } from "~/i18n";
import { en } from "~/i18n/en";
import { AUDIT_ACTIONS } from "~/models/audit.server";
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatDuration,
  formatElapsed,
  formatList,
  formatMinutes,
  formatNumber,
  formatRelativeMinutes,
  formatTimestamp,
  minutesLeft,
} from "~/i18n/format";
import * as viewHelpers from "~/lib/format";

describe("translator", () => {
  const t = translator("en");

  it("returns the message for a key", () => {
    expect(t("nav.signIn")).toBe("Sign in");
  });

  it("fills placeholders", () => {
    expect(t("favorites.added", { title: "Neon Rain" })).toBe("Added Neon Rain to My List.");
    expect(t("continue.minutesLeft", { episode: 3, minutes: 12 })).toBe("Episode 3: 12 min left");
  });

  it("leaves a placeholder it has no value for", () => {
    expect(t("favorites.added", {})).toBe("Added {title} to My List.");
  });

  it("picks the singular or plural form by {count}", () => {
    expect(t("browse.count", { count: 1 })).toBe("1 drama");
    expect(t("browse.count", { count: 0 })).toBe("0 dramas");
    expect(t("browse.count", { count: 24 })).toBe("24 dramas");
    expect(t("search.count", { count: 1, q: "tea" })).toBe("1 drama found for “tea”.");
    expect(t("search.count", { count: 3, q: "tea" })).toBe("3 dramas found for “tea”.");
  });

  it("formats a plural's number in the locale", () => {
    expect(t("browse.count", { count: 1234 })).toBe("1,234 dramas");
    expect(translator("id")("drama.ratingValue", { rating: 8.5 })).toContain("8,5");
  });
});

describe("message keys", () => {
  it("msg is the identity and isMessageKey knows the catalog", () => {
    expect(msg("login.invalid")).toBe("login.invalid");
    expect(isMessageKey("login.invalid")).toBe(true);
    expect(isMessageKey("login.nope")).toBe(false);
    expect(isMessageKey("toString")).toBe(false);
  });

  it("every plural message has exactly two forms and both use {count}", () => {
    for (const [key, text] of Object.entries(en)) {
      if (!text.includes("|")) continue;
      const forms = text.split("|");
      expect(forms, key).toHaveLength(2);
      for (const form of forms) expect(form, key).toContain("{count}");
    }
  });
});

describe("pageWindow", () => {
  it("shows the only page", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
  });

  it("shows every page when there are few", () => {
    expect(pageWindow(2, 3)).toEqual([1, 2, 3]);
  });

  it("shows first, last and neighbours with gaps", () => {
    expect(pageWindow(5, 10)).toEqual([1, null, 4, 5, 6, null, 10]);
  });

  it("has no gap where the pages are adjacent", () => {
    expect(pageWindow(1, 10)).toEqual([1, 2, null, 10]);
    expect(pageWindow(3, 10)).toEqual([1, 2, 3, 4, null, 10]);
    expect(pageWindow(10, 10)).toEqual([1, null, 9, 10]);
  });
});

describe("formatDuration", () => {
  it("formats minutes and seconds", () => {
    expect(formatDuration(95)).toBe("1:35");
    expect(formatDuration(5)).toBe("0:05");
    expect(formatDuration(0)).toBe("0:00");
  });

  it("formats hours with two-digit minutes", () => {
    expect(formatDuration(3725)).toBe("1:02:05");
  });

  it("rounds and never goes negative", () => {
    expect(formatDuration(59.6)).toBe("1:00");
    expect(formatDuration(-3)).toBe("0:00");
  });
});

describe("minutesLeft", () => {
  it("is at least 1 while anything is left, 0 when nothing is", () => {
    expect(minutesLeft(10)).toBe(1);
    expect(minutesLeft(150)).toBe(3);
    expect(minutesLeft(0)).toBe(0);
    expect(minutesLeft(-5)).toBe(0);
  });
});

describe("formatDateTime", () => {
  it("formats in UTC whatever the server's time zone", () => {
    expect(formatDateTime(new Date(Date.UTC(2026, 10, 27, 10, 31)), "en")).toBe("27 Nov 2026, 10:31 UTC");
    expect(formatDateTime(new Date(Date.UTC(2026, 0, 1, 23, 5)), "en")).toBe("1 Jan 2026, 23:05 UTC");
  });

  it("writes Indonesian dates and times as id-ID does", () => {
    expect(formatDateTime(new Date(Date.UTC(2026, 10, 27, 10, 31)), "id")).toBe("27 Nov 2026, 10.31 UTC");
    expect(formatDateTime(new Date(Date.UTC(2026, 4, 3, 8, 5)), "id")).toBe("3 Mei 2026, 08.05 UTC");
  });
});

describe("formatDate", () => {
  it("writes the long month in the language, for the UTC day", () => {
    expect(formatDate(new Date(Date.UTC(2026, 0, 5)), "en")).toBe("5 January 2026");
    expect(formatDate(new Date(Date.UTC(2026, 0, 5)), "id")).toBe("5 Januari 2026");
    expect(formatDate(new Date(Date.UTC(2026, 7, 17, 23, 59)), "id")).toBe("17 Agustus 2026");
  });
});

describe("formatNumber", () => {
  it("groups and marks decimals as the language does", () => {
    expect(formatNumber(1234, "en")).toBe("1,234");
    expect(formatNumber(1234, "id")).toBe("1.234");
    expect(formatNumber(8.5, "en")).toBe("8.5");
    expect(formatNumber(8.5, "id")).toBe("8,5");
    expect(formatNumber(1234567.25, "id")).toBe("1.234.567,25");
  });

  it("reuses one formatter per locale (the same text twice, in either order)", () => {
    expect([formatNumber(1000, "id"), formatNumber(1000, "en"), formatNumber(1000, "id")]).toEqual([
      "1.000",
      "1,000",
      "1.000",
    ]);
  });
});

describe("formatBytes", () => {
  it("writes megabytes with one decimal at most", () => {
    expect(formatBytes(12_500_000, "en")).toBe("12.5 MB");
    expect(formatBytes(12_500_000, "id")).toBe("12,5 MB");
    expect(formatBytes(3_000_000, "id")).toBe("3 MB");
  });

  it("writes sizes under a megabyte in kilobytes", () => {
    expect(formatBytes(800_000, "en")).toBe("800 kB");
    expect(formatBytes(1_500, "id")).toBe("2 kB");
    expect(formatBytes(456_417, "en")).toBe("456 kB");
    expect(formatBytes(-1, "en")).toBe("0 kB");
    // A month of video: gigabytes from 1,000,000,000 bytes on.
    expect(formatBytes(1_300_000_000, "id")).toBe("1,3 GB");
    expect(formatBytes(999_900_000, "en")).toBe("999.9 MB");
  });
});

describe("remaining time", () => {
  it("formatRelativeMinutes says it in the language", () => {
    expect(formatRelativeMinutes(4, "en")).toBe("in 4 minutes");
    expect(formatRelativeMinutes(4, "id")).toBe("dalam 4 menit");
    expect(formatRelativeMinutes(-1, "en")).toBe("1 minute ago");
  });

  it("formatMinutes names the unit", () => {
    expect(formatMinutes(1, "en")).toBe("1 minute");
    expect(formatMinutes(4, "en")).toBe("4 minutes");
    expect(formatMinutes(4, "id")).toBe("4 menit");
  });
});

describe("formatList and formatTimestamp", () => {
  it("joins a list without a conjunction", () => {
    expect(formatList(["Romance", "Family"], "en")).toBe("Romance, Family");
    expect(formatList(["Romansa", "Keluarga", "Fantasi"], "id")).toBe("Romansa, Keluarga, Fantasi");
    expect(formatList([], "id")).toBe("");
  });

  it("keeps the admin pages' exact UTC timestamps", () => {
    expect(formatTimestamp("2026-11-27T10:31:05.123Z")).toBe("2026-11-27 10:31:05 UTC");
  });
});

describe("app/lib/format.ts", () => {
  it("re-exports the clock helpers from the one home", () => {
    expect(viewHelpers.formatDuration).toBe(formatDuration);
    expect(viewHelpers.minutesLeft).toBe(minutesLeft);
  });
});

describe("audit action names", () => {
  it("every audit action has a name in the catalog", () => {
    for (const action of AUDIT_ACTIONS) expect(isMessageKey(`admin.audit.actionName.${action}`), action).toBe(true);
  });
});

describe("formatElapsed", () => {
  it("says how long work took in milliseconds under a second, else in seconds to a tenth, in the viewer's language", () => {
    expect(formatElapsed(12, "en")).toBe("12 ms");
    expect(formatElapsed(17_504, "en")).toBe("17.5 secs");
    expect(formatElapsed(17_504, "id")).toBe("17,5 dtk");
    expect(formatElapsed(999.6, "id")).toBe("1 dtk");
  });
});
