/**
 * The pure half of the language choice (app/i18n/negotiate.ts): reading
 * Accept-Language and the language cookie, and the order in which `?lang=`,
 * the account, the cookie, the header and the default are tried.
 */
import { describe, expect, it } from "vitest";
import {
  chooseLocale,
  cookieValue,
  LOCALE_COOKIE,
  localeFromUrl,
  negotiateAcceptLanguage,
  type LocaleInputs,
} from "~/i18n/negotiate";

describe("negotiateAcceptLanguage", () => {
  it("finds nothing in a missing or empty header", () => {
    expect(negotiateAcceptLanguage(null)).toBeNull();
    expect(negotiateAcceptLanguage(undefined)).toBeNull();
    expect(negotiateAcceptLanguage("")).toBeNull();
    expect(negotiateAcceptLanguage("   ")).toBeNull();
  });

  it("reads what real browsers send", () => {
    // Chrome on an Indonesian Android phone, and on an English laptop.
    expect(negotiateAcceptLanguage("id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7")).toBe("id");
    expect(negotiateAcceptLanguage("en-US,en;q=0.9")).toBe("en");
    expect(negotiateAcceptLanguage("en-GB,en;q=0.9,id;q=0.8")).toBe("en");
    // Firefox's spacing.
    expect(negotiateAcceptLanguage("id, en-US;q=0.7, en;q=0.3")).toBe("id");
  });

  it("compares regions by their primary tag, in any case and with _ or -", () => {
    for (const tag of ["id", "id-ID", "ID", "id-id", "ID-ID", "id_ID", "id-Latn-ID"]) {
      expect(negotiateAcceptLanguage(tag), tag).toBe("id");
    }
    for (const tag of ["en", "en-US", "en-GB", "EN", "en_AU", "en-Latn-US"]) {
      expect(negotiateAcceptLanguage(tag), tag).toBe("en");
    }
  });

  it("takes the withdrawn code `in` (old Android and Java) as Indonesian", () => {
    expect(negotiateAcceptLanguage("in")).toBe("id");
    expect(negotiateAcceptLanguage("in-ID,in;q=0.9,en;q=0.8")).toBe("id");
    expect(negotiateAcceptLanguage("en;q=0.5, in-ID;q=0.6")).toBe("id");
  });

  it("ranks by q-value, whatever the order of the entries", () => {
    expect(negotiateAcceptLanguage("en;q=0.3, id;q=0.9")).toBe("id");
    expect(negotiateAcceptLanguage("id;q=0.2, en;q=0.8")).toBe("en");
    expect(negotiateAcceptLanguage("en;q=0.5, id")).toBe("id");
    expect(negotiateAcceptLanguage("id;q=0.001, en;q=0.0009")).toBe("id");
    expect(negotiateAcceptLanguage("id;Q=0.4, en;q=0.5")).toBe("en");
    expect(negotiateAcceptLanguage("id ; q = 0.9 , en ; q = 0.4")).toBe("id");
  });

  it("keeps the header's order between equal q-values", () => {
    expect(negotiateAcceptLanguage("en;q=0.8, id;q=0.8")).toBe("en");
    expect(negotiateAcceptLanguage("id;q=0.8, en;q=0.8")).toBe("id");
    expect(negotiateAcceptLanguage("en, id")).toBe("en");
    expect(negotiateAcceptLanguage("id, en")).toBe("id");
  });

  it("skips languages it does not speak and picks the best one it does", () => {
    expect(negotiateAcceptLanguage("fr-FR, de;q=0.9, id;q=0.5, en;q=0.4")).toBe("id");
    expect(negotiateAcceptLanguage("ja, zh-CN;q=0.9, en;q=0.1")).toBe("en");
    expect(negotiateAcceptLanguage("jv, su, ms-MY")).toBeNull();
  });

  it("finds nothing for unknown tags only", () => {
    expect(negotiateAcceptLanguage("fr")).toBeNull();
    expect(negotiateAcceptLanguage("fr-FR, de-DE;q=0.9, zh-Hans-CN;q=0.8")).toBeNull();
    // Not language tags of ours, though they start with letters we know.
    expect(negotiateAcceptLanguage("english, indonesian, ind, eng")).toBeNull();
    expect(negotiateAcceptLanguage("x-klingon, i-default")).toBeNull();
  });

  it("treats `*` as no preference: it never picks a language, and the others still count", () => {
    expect(negotiateAcceptLanguage("*")).toBeNull();
    expect(negotiateAcceptLanguage("*;q=0.5")).toBeNull();
    expect(negotiateAcceptLanguage("fr, *;q=0.5")).toBeNull();
    expect(negotiateAcceptLanguage("*, id;q=0.1")).toBe("id");
    expect(negotiateAcceptLanguage("de, *;q=0.9, en;q=0.2")).toBe("en");
  });

  it("never picks a language the header excludes with q=0", () => {
    expect(negotiateAcceptLanguage("id;q=0")).toBeNull();
    expect(negotiateAcceptLanguage("id;q=0, en")).toBe("en");
    expect(negotiateAcceptLanguage("en, id;q=0")).toBe("en");
    expect(negotiateAcceptLanguage("en;q=0, id;q=0.1")).toBe("id");
    expect(negotiateAcceptLanguage("id;q=0.000, en;q=0.2")).toBe("en");
    // An exclusion counts wherever it is, even after the same language with a q.
    expect(negotiateAcceptLanguage("id-ID;q=0.9, en;q=0.5, id;q=0")).toBe("en");
    expect(negotiateAcceptLanguage("en;q=0, id;q=0")).toBeNull();
  });

  it("skips malformed entries and keeps the well-formed ones", () => {
    expect(negotiateAcceptLanguage("id;q=2, en;q=0.5")).toBe("en");
    expect(negotiateAcceptLanguage("id;q=-1, en;q=0.5")).toBe("en");
    expect(negotiateAcceptLanguage("id;q=..., en;q=0.5")).toBe("en");
    expect(negotiateAcceptLanguage("id;q=abc, en;q=0.5")).toBe("en");
    expect(negotiateAcceptLanguage("id;q=, en;q=0.5")).toBe("en");
    // Another parameter is no reason to drop the entry.
    expect(negotiateAcceptLanguage("en;q=0.5, id;level=1")).toBe("id");
    expect(negotiateAcceptLanguage("id;q=..., en;q=0.5")).toBe("en");
    expect(negotiateAcceptLanguage("id;q=abc, en;q=0.5")).toBe("en");
    expect(negotiateAcceptLanguage("id;q=, en;q=0.5")).toBe("en");
    // Another parameter is no reason to drop the entry.
    expect(negotiateAcceptLanguage("en;q=0.5, id;level=1")).toBe("id");
    expect(negotiateAcceptLanguage(",,, ;q=1, id-, -id, i d, 中文, <id>, en;q=0.1")).toBe("en");
    expect(negotiateAcceptLanguage("id-ID-thisisaverylongsubtag, en;q=0.1")).toBe("en");
    expect(negotiateAcceptLanguage("123, 12-34, en-US;q=0.3")).toBe("en");
    expect(negotiateAcceptLanguage(";;;;")).toBeNull();
    expect(negotiateAcceptLanguage("\u0000id, en\u0000, e\u0301n")).toBeNull();
  });

  it("reads only the start of a huge header, quickly", () => {
    // A preference within the first kilobyte counts, whatever follows.
    expect(negotiateAcceptLanguage(`id,${"x".repeat(1_000_000)}`)).toBe("id");
    expect(negotiateAcceptLanguage(`id;q=0.2,${"fr;q=0.9,".repeat(100_000)}`)).toBe("id");
    // One far beyond it is never read: an attacker cannot make the parser walk megabytes.
    expect(negotiateAcceptLanguage(`${"fr,".repeat(100_000)}id`)).toBeNull();
    const started = performance.now();
    for (let i = 0; i < 20; i++) negotiateAcceptLanguage(`${"de-DE;q=0.5, ".repeat(200_000)}en`);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("cookieValue", () => {
  it("reads one cookie from a Cookie header", () => {
    expect(cookieValue(`${LOCALE_COOKIE}=id`, LOCALE_COOKIE)).toBe("id");
    expect(cookieValue(`dracin_session=abc; ${LOCALE_COOKIE}=en; dracin_csrf=x`, LOCALE_COOKIE)).toBe("en");
    expect(cookieValue(`a=1;${LOCALE_COOKIE}=id;b=2`, LOCALE_COOKIE)).toBe("id");
    expect(cookieValue(`  ${LOCALE_COOKIE} = id  `, LOCALE_COOKIE)).toBe("id");
  });

  it("finds nothing without the cookie, and never takes another cookie's name that merely contains it", () => {
    expect(cookieValue(null, LOCALE_COOKIE)).toBeNull();
    expect(cookieValue(undefined, LOCALE_COOKIE)).toBeNull();
    expect(cookieValue("", LOCALE_COOKIE)).toBeNull();
    expect(cookieValue("dracin_session=abc", LOCALE_COOKIE)).toBeNull();
    expect(cookieValue(`x${LOCALE_COOKIE}=id`, LOCALE_COOKIE)).toBeNull();
    expect(cookieValue(`${LOCALE_COOKIE}_old=id`, LOCALE_COOKIE)).toBeNull();
    expect(cookieValue(`${LOCALE_COOKIE}`, LOCALE_COOKIE)).toBeNull();
    expect(cookieValue(`other=${LOCALE_COOKIE}=id`, LOCALE_COOKIE)).toBeNull();
  });

  it("keeps the value as sent (chooseLocale decides whether it is a language)", () => {
    expect(cookieValue(`${LOCALE_COOKIE}=fr`, LOCALE_COOKIE)).toBe("fr");
    expect(cookieValue(`${LOCALE_COOKIE}=`, LOCALE_COOKIE)).toBe("");
  });
});

describe("localeFromUrl", () => {
  it("takes ?lang= only when it names a language we speak", () => {
    expect(localeFromUrl(new URL("http://x/browse?lang=id"))).toBe("id");
    expect(localeFromUrl(new URL("http://x/browse?genre=romance&lang=en"))).toBe("en");
    expect(localeFromUrl(new URL("http://x/browse"))).toBeNull();
    expect(localeFromUrl(new URL("http://x/browse?lang=fr"))).toBeNull();
    expect(localeFromUrl(new URL("http://x/browse?lang="))).toBeNull();
    expect(localeFromUrl(new URL("http://x/browse?lang=constructor"))).toBeNull();
    expect(localeFromUrl(new URL("http://x/browse?lang=__proto__"))).toBeNull();
  });
});

describe("chooseLocale", () => {
  const page = new URL("http://x/browse");
  const withLang = (lang: string) => new URL(`http://x/browse?lang=${lang}`);
  const inputs = (overrides: Partial<LocaleInputs>): LocaleInputs => ({
    url: page,
    cookie: null,
    acceptLanguage: null,
    account: null,
    ...overrides,
  });

  it("falls back to the default when nothing asks for a language", () => {
    expect(chooseLocale(inputs({}), "id")).toBe("id");
    expect(chooseLocale(inputs({}), "en")).toBe("en");
    expect(chooseLocale(inputs({ acceptLanguage: "fr, de" }), "id")).toBe("id");
    expect(chooseLocale(inputs({ acceptLanguage: "*" }), "en")).toBe("en");
  });

  it("follows Accept-Language when there is nothing else", () => {
    expect(chooseLocale(inputs({ acceptLanguage: "id-ID" }), "en")).toBe("id");
    expect(chooseLocale(inputs({ acceptLanguage: "en-US" }), "id")).toBe("en");
  });

  it("prefers the language cookie to Accept-Language", () => {
    expect(chooseLocale(inputs({ cookie: `${LOCALE_COOKIE}=en`, acceptLanguage: "id-ID" }), "id")).toBe("en");
    expect(
      chooseLocale(inputs({ cookie: `dracin_session=s; ${LOCALE_COOKIE}=id`, acceptLanguage: "en-US" }), "en"),
    ).toBe("id");
  });

  it("prefers the account's saved language to the cookie", () => {
    expect(chooseLocale(inputs({ account: "id", cookie: `${LOCALE_COOKIE}=en`, acceptLanguage: "en" }), "en")).toBe(
      "id",
    );
    expect(chooseLocale(inputs({ account: "en", cookie: `${LOCALE_COOKIE}=id`, acceptLanguage: "id" }), "id")).toBe(
      "en",
    );
  });

  it("prefers ?lang= to everything", () => {
    const all = { cookie: `${LOCALE_COOKIE}=en`, acceptLanguage: "en", account: "en" };
    expect(chooseLocale(inputs({ ...all, url: withLang("id") }), "en")).toBe("id");
    expect(
      chooseLocale(
        inputs({ url: withLang("en"), cookie: `${LOCALE_COOKIE}=id`, acceptLanguage: "id", account: "id" }),
        "id",
      ),
    ).toBe("en");
  });

  it("passes over a value that is not a language to the next in line", () => {
    // ?lang=fr → the account; an unknown saved value → the cookie; a bad cookie → the header; then the default.
    expect(chooseLocale(inputs({ url: withLang("fr"), account: "id" }), "en")).toBe("id");
    expect(chooseLocale(inputs({ account: "fr", cookie: `${LOCALE_COOKIE}=id` }), "en")).toBe("id");
    expect(chooseLocale(inputs({ account: "", cookie: `${LOCALE_COOKIE}=en` }), "id")).toBe("en");
    expect(chooseLocale(inputs({ cookie: `${LOCALE_COOKIE}=xx`, acceptLanguage: "id" }), "en")).toBe("id");
    expect(chooseLocale(inputs({ cookie: `${LOCALE_COOKIE}=`, acceptLanguage: "fr" }), "id")).toBe("id");
    expect(chooseLocale(inputs({ cookie: `${LOCALE_COOKIE}=toString`, acceptLanguage: "fr" }), "en")).toBe("en");
  });

  it("needs no account field at all (a signed-out visitor)", () => {
    expect(chooseLocale({ url: page, cookie: `${LOCALE_COOKIE}=id`, acceptLanguage: "en" }, "en")).toBe("id");
  });
});
