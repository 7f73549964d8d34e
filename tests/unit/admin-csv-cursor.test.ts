import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { niceMax } from "~/components/admin/login-chart";
import {
  chartDays,
  csvCell,
  csvLine,
  decodeCursor,
  encodeCursor,
  filterQuery,
  parseAuditQuery,
} from "~/models/admin-audit.server";

describe("csvCell", () => {
  it("quotes every cell and doubles inner quotes", () => {
    expect(csvCell("plain")).toBe('"plain"');
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell("two\r\nlines")).toBe('"two\r\nlines"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(undefined)).toBe('""');
  });

  it("defuses cells a spreadsheet would run as formulas", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      expect(csvCell(`${start}SUM(A1)`)).toBe(`"'${start}SUM(A1)"`);
    }
    expect(csvCell("a=b")).toBe('"a=b"');
    // What users can plant: an email, a display name, a browser's User-Agent.
    expect(csvCell("-2+3@evil.example")).toBe(`"'-2+3@evil.example"`);
    expect(csvCell('=HYPERLINK("http://evil.example","Click")')).toBe(
      `"'=HYPERLINK(""http://evil.example"",""Click"")"`,
    );
    expect(csvCell("@SUM(1+1)*cmd|' /C calc'!A0")).toBe(`"'@SUM(1+1)*cmd|' /C calc'!A0"`);
    // Only the first character counts; a leading space or apostrophe is already text.
    expect(csvCell(" =1")).toBe('" =1"');
    expect(csvCell("'=1")).toBe(`"'=1"`);
    expect(csvLine(["=1", "x"])).toBe(`"'=1","x"\r\n`);
  });

  it("always gives one well-formed quoted field", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const cell = csvCell(value);
        expect(cell.startsWith('"') && cell.endsWith('"')).toBe(true);
        const inner = cell.slice(1, -1);
        // No lone quote inside: every quote is doubled.
        expect(inner.replace(/""/g, "")).not.toContain('"');
        expect(/^[=+\-@\t\r]/.test(inner)).toBe(false);
      }),
    );
  });
});

describe("cursors", () => {
  it("round-trips any valid cursor and rejects everything else", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
        (t, id) => {
          expect(decodeCursor(encodeCursor({ t, id }))).toEqual({ t, id });
        },
      ),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (value) => {
        const decoded = decodeCursor(value);
        if (decoded !== undefined) expect(encodeCursor(decoded)).toBe(value);
      }),
    );
  });
});

describe("filters", () => {
  it("ignores empty and 'any' values and keeps only the set ones in links", () => {
    const parsed = parseAuditQuery(new URLSearchParams("action=any&email=&ip=%20&from=&to=2026-01-31"));
    expect(parsed).toEqual({
      ok: true,
      filters: { action: undefined, email: undefined, ip: undefined, from: undefined, to: "2026-01-31" },
      cursor: null,
    });
    if (parsed.ok) expect(filterQuery(parsed.filters, "abc")).toBe("?to=2026-01-31&after=abc");
    expect(filterQuery({})).toBe("");
  });

  it("lower-cases the email and accepts IPv6", () => {
    const parsed = parseAuditQuery(new URLSearchParams("email=Ana%40Example.COM&ip=2001:db8::1"));
    expect(parsed).toMatchObject({ ok: true, filters: { email: "ana@example.com", ip: "2001:db8::1" } });
  });
});

describe("chart helpers", () => {
  it("lists the last 30 UTC days, oldest first, across a month end", () => {
    const days = chartDays(new Date("2026-03-01T23:30:00-05:00"));
    expect(days).toHaveLength(30);
    expect(days[29]).toBe("2026-03-02");
    expect(days[0]).toBe("2026-02-01");
  });

  it("rounds the y axis up to 1, 2 or 5 times a power of ten, at least 5", () => {
    expect([0, 3, 4, 5, 11, 20, 21, 99, 501].map(niceMax)).toEqual([5, 5, 5, 5, 20, 20, 50, 100, 1000]);
  });
});
