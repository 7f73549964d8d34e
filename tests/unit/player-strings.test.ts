/**
 * The player script's words come from the catalogs (app/i18n/<lang>/player.ts)
 * and are filled in the browser by a tiny `{name}` substitution, not by
 * MessageFormat: so every `player.*` message in every locale may use only
 * simple arguments, and the script's fill must say exactly what
 * MessageFormat would.
 */
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import englishVideojs from "video.js/dist/lang/en.json";
import { fill, formatNumber, loadStrings, t } from "~/client/player/strings";
import { LOCALE_CODES, LOCALES } from "~/i18n";
import { intlTag } from "~/i18n/catalog";
import { languageAutonym, PLAYER_MESSAGE_KEYS, playerMessages, videojsDictionary } from "~/i18n/player";
import { videojsId } from "~/i18n/id/videojs";
import { SHORTCUTS } from "~/lib/shortcuts";

// intl-messageformat's element types: 0 is literal text, 1 a simple {name} argument.
const LITERAL = 0;
const ARGUMENT = 1;

function argumentNames(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
}

describe("player messages", () => {
  it("exist for every player.* key of the English catalog, and nothing else", () => {
    const english = Object.keys(LOCALES.en.messages).filter((key) => key.startsWith("player."));
    expect([...PLAYER_MESSAGE_KEYS].sort()).toEqual(english.sort());
    for (const locale of LOCALE_CODES) {
      const table = playerMessages(locale);
      expect(Object.keys(table).sort(), locale).toEqual(english.sort());
      for (const key of PLAYER_MESSAGE_KEYS) expect(table[key], `${locale} ${key}`).toBe(LOCALES[locale].messages[key]);
    }
  });

  it("use only simple {name} arguments in every locale", () => {
    for (const locale of LOCALE_CODES) {
      for (const [key, message] of Object.entries(playerMessages(locale))) {
        const format = new IntlMessageFormat(message, intlTag(locale), undefined, { ignoreTag: true });
        for (const element of format.getAst()) {
          expect([LITERAL, ARGUMENT], `${locale} ${key}: ${JSON.stringify(element)}`).toContain(element.type);
        }
      }
    }
  });

  it("are filled by the script exactly as MessageFormat fills them", () => {
    for (const locale of LOCALE_CODES) {
      for (const [key, message] of Object.entries(playerMessages(locale))) {
        const vars = Object.fromEntries(argumentNames(message).map((name) => [name, `<${name}>`]));
        const expected = String(
          new IntlMessageFormat(message, intlTag(locale), undefined, { ignoreTag: true }).format(vars),
        );
        expect(fill(message, vars, intlTag(locale)), `${locale} ${key}`).toBe(expected);
      }
    }
  });

  it("take the same arguments in Indonesian as in English", () => {
    for (const key of PLAYER_MESSAGE_KEYS) {
      expect(argumentNames(LOCALES.id.messages[key]), key).toEqual(argumentNames(LOCALES.en.messages[key]));
    }
  });

  it("name every shortcut and key the help shows", () => {
    for (const shortcut of SHORTCUTS) {
      expect(PLAYER_MESSAGE_KEYS).toContain(shortcut.description);
      for (const label of shortcut.label) if ("name" in label) expect(PLAYER_MESSAGE_KEYS).toContain(label.name);
    }
  });
});

describe("the script's strings", () => {
  it("fill {name} arguments, numbers through Intl in the page's language", () => {
    expect(fill("Playing in {seconds} s", { seconds: 10 }, "en-GB")).toBe("Playing in 10 s");
    expect(fill("{n} detik", { n: 1234.5 }, "id-ID")).toBe("1.234,5 detik");
    expect(fill("{n} seconds", { n: 1234.5 }, "en-GB")).toBe("1,234.5 seconds");
    expect(formatNumber(2, "id")).toBe("2");
  });

  it("leave a placeholder they have no value for, and never read inherited names", () => {
    expect(fill("Captions on: {label}.", {}, "en-GB")).toBe("Captions on: {label}.");
    expect(fill("{toString}", {}, "en-GB")).toBe("{toString}");
  });

  it("come from the page's table, Indonesian when the page is", () => {
    loadStrings(JSON.stringify(playerMessages("id")));
    expect(t("player.upNext")).toBe("Berikutnya");
    expect(t("player.captionsOn", { label: "Bahasa Indonesia" })).toBe("Subtitel nyala: Bahasa Indonesia.");
    loadStrings(JSON.stringify(playerMessages("en")));
    expect(t("player.upNext")).toBe("Up next");
  });

  it("skip what is not a player message, and show the key when the page gave none", () => {
    loadStrings(JSON.stringify({ "player.upNext": "Berikutnya", "nav.signIn": "Masuk", "player.cancel": 3 }));
    expect(t("player.upNext")).toBe("Berikutnya");
    expect(t("player.cancel")).toBe("player.cancel");
    loadStrings("{not json");
    expect(t("player.upNext")).toBe("player.upNext");
    loadStrings(undefined);
    expect(t("player.close")).toBe("player.close");
  });
});

describe("video.js labels", () => {
  it("Indonesian translates every label of video.js's English file, keeping its {1} {2} placeholders", () => {
    expect(Object.keys(videojsId).sort()).toEqual(Object.keys(englishVideojs).sort());
    for (const [key, english] of Object.entries(englishVideojs)) {
      const indonesian = (videojsId as Record<string, string>)[key];
      expect(indonesian.trim(), key).not.toBe("");
      expect(indonesian.match(/\{\d\}/g)?.sort(), key).toEqual(english.match(/\{\d\}/g)?.sort());
    }
    expect(videojsId.Play).toBe("Putar");
    expect(videojsId.Pause).toBe("Jeda");
    expect(videojsId.Captions).toBe("Subtitel");
  });

  it("are sent only where video.js has none of its own", () => {
    expect(videojsDictionary("en")).toBeNull();
    expect(videojsDictionary("id")).toBe(videojsId);
  });
});

describe("languageAutonym", () => {
  it("names a language in itself: the site's own names, then Intl's, then the catalog's label", () => {
    expect(languageAutonym("en", "Inggris")).toBe("English");
    expect(languageAutonym("id", "Indonesian")).toBe("Bahasa Indonesia");
    expect(languageAutonym("fr")).toBe("Français");
    expect(languageAutonym("not a tag!", "Klingon")).toBe("Klingon");
  });
});
