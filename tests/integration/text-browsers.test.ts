/**
 * The readable tier in text browsers (docs/browsers.md): every main page of
 * the built server, in English and Indonesian, dumped by lynx and by w3m the
 * way their users read it (`-dump`, links not numbered), must print no
 * decorative glyph, keep the labels of neighbouring links and buttons apart,
 * keep episode numbers and durations apart from titles, and read in a
 * sensible order: skip link, brand, navigation with its sign-in (or sign-out),
 * the page's main heading, the page's content and primary action, the footer.
 *
 * The HTML is fetched here (with the session cookie where the page needs one)
 * and given to the browsers on stdin. lynx lists the page's <link> elements
 * (the language alternates) on a first line of its own starting with "#":
 * that line is lynx's, not the page's text, and is left out. w3m shows a
 * decorative image (alt="") as its file name in brackets by default; that is
 * w3m's setting, not a glyph, and is not checked.
 *
 * Needs `npm run build` and the Debian packages lynx and w3m.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator, type Locale, type Translate } from "~/i18n";
import { addFavorite } from "~/models/favorites.server";
import { startBuiltServer, type BuiltServer } from "../helpers/built-server";
import { controlLabels, fetchHtml, mainHeading, requireProgram, runProgram, textOf } from "../helpers/light-browsers";
import { createUser, type TestUser } from "../helpers/users";

const PORT = 3451;
const DRAMA = "moonlit-tea-house";
const OUT = path.resolve(import.meta.dirname, "..", ".tmp", "text-browsers");

/**
 * Characters a page must never print: arrows, technical and media symbols,
 * geometric shapes (◐ ▶ ■ ●), miscellaneous symbols and dingbats (★ ✓ ✔ ✕),
 * and emoji. Decorative marks are inline SVG hidden from assistive technology.
 */
const DECORATIVE =
  /[\u2190-\u21FF\u2300-\u23FF\u25A0-\u25FF\u2600-\u27BF\u2900-\u297F\u2B00-\u2BFF\u{1F000}-\u{1FAFF}]/u;

interface PageCase {
  name: string;
  path: string;
  signedIn: boolean;
  /** What must follow the main heading, in this order (the page's content and its primary action). */
  after: (t: Translate) => string[];
}

const PAGES: PageCase[] = [
  { name: "home", path: "/", signedIn: false, after: (t) => [t("home.featuredCta"), t("home.row.latest")] },
  {
    name: "browse",
    path: "/browse",
    signedIn: false,
    after: (t) => [t("browse.apply"), "A Thousand Lanterns for You"],
  },
  {
    name: "search",
    path: "/search?q=tea",
    signedIn: false,
    after: (t) => [t("search.submit"), "Moonlit Tea House"],
  },
  {
    name: "drama",
    path: `/drama/${DRAMA}`,
    signedIn: false,
    after: (t) => [
      t("drama.play"),
      t("favorites.signInToAdd"),
      t("drama.episodesTitle"),
      `${t("episode.number", { number: 1 })}: `,
    ],
  },
  {
    name: "watch",
    path: `/watch/${DRAMA}-ep-1`,
    signedIn: true,
    after: (t) => [t("watch.next", { episode: 2 }), t("watch.markWatchedNext"), t("drama.episodesTitle")],
  },
  {
    name: "binge feed",
    path: `/drama/${DRAMA}/feed`,
    signedIn: true,
    after: (t) => [t("feed.position", { number: 1, total: 12 }), t("feed.next"), t("feed.openPlayer")],
  },
  { name: "login", path: "/login", signedIn: false, after: (t) => [t("form.email"), t("login.submit")] },
  { name: "register", path: "/register", signedIn: false, after: (t) => [t("form.email"), t("register.submit")] },
  { name: "my-list", path: "/my-list", signedIn: true, after: () => ["Moonlit Tea House"] },
  { name: "account", path: "/account", signedIn: true, after: (t) => [t("form.name"), t("account.saveName")] },
];

const BROWSERS = {
  lynx: ["-dump", "-nolist", "-stdin", "-force_html", "-assume_charset=utf-8", "-display_charset=utf-8", "-width=80"],
  w3m: ["-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "-cols", "80"],
} as const;
type Browser = keyof typeof BROWSERS;

let server: BuiltServer;
let viewer: TestUser;

beforeAll(async () => {
  requireProgram("lynx", "lynx");
  requireProgram("w3m", "w3m");
  fs.mkdirSync(OUT, { recursive: true });
  server = await startBuiltServer(PORT);
  viewer = await createUser();
  await addFavorite(viewer.id, DRAMA);
});

afterAll(async () => {
  await server?.stop();
});

async function dump(browser: Browser, html: string): Promise<string> {
  const result = await runProgram(browser, [...BROWSERS[browser]], { input: html });
  if (result.code !== 0) throw new Error(`${browser} exited with ${result.code}: ${result.stderr}`);
  // lynx's own first line listing the page's <link> elements ("#alternate alternate ...").
  return browser === "lynx" ? result.stdout.replace(/^\s*#.*\n/, "") : result.stdout;
}

/** The dump as one line: what was on separate lines is separated by a space. */
function flat(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function expectInOrder(text: string, markers: string[], where: string): void {
  let from = 0;
  for (const marker of markers) {
    const at = text.indexOf(marker, from);
    if (at < 0) {
      const before = text.indexOf(marker) >= 0 ? " (it is there, but too early)" : "";
      throw new Error(`${where}: expected "${marker}" after "${text.slice(Math.max(0, from - 60), from)}"${before}`);
    }
    from = at + marker.length;
  }
}

describe.each(["en", "id"] as const satisfies readonly Locale[])("text browsers, %s", (locale) => {
  const t = translator(locale);

  it.each(PAGES)("$name reads in order, without glyphs or glued labels", async (page) => {
    const separator = page.path.includes("?") ? "&" : "?";
    const html = await fetchHtml(server.base, `${page.path}${separator}lang=${locale}`, {
      "Accept-Language": locale,
      ...(page.signedIn ? { Cookie: viewer.cookie } : {}),
    });
    const heading = mainHeading(html);
    const labels = controlLabels(html);
    const footer = t("layout.footer").slice(0, 24);
    const order = [
      t("layout.skip"),
      "Dracin",
      t("nav.browse"),
      page.signedIn ? t("nav.signOut") : t("nav.signIn"),
      heading,
      ...page.after(t),
      footer,
    ];

    for (const browser of Object.keys(BROWSERS) as Browser[]) {
      const text = await dump(browser, html);
      fs.writeFileSync(path.join(OUT, `${locale}-${page.name}.${browser}.txt`), text);
      const where = `${browser} -dump of ${page.path} (${locale}), saved in tests/.tmp/text-browsers`;
      const line = flat(text);

      const glyph = DECORATIVE.exec(text);
      expect(glyph?.[0], `${where}: prints a decorative glyph`).toBeUndefined();

      for (let index = 1; index < labels.length; index += 1) {
        const glued = labels[index - 1] + labels[index];
        expect(line.includes(glued), `${where}: "${labels[index - 1]}" and "${labels[index]}" run together`).toBe(
          false,
        );
      }
      // "Episode 1The Last Pot", "Oolong0:20", "filtersClear filters".
      expect(/\d\p{Lu}/u.exec(line)?.[0], `${where}: a number runs into a word`).toBeUndefined();
      expect(/[\p{L}\p{N}]\d{1,2}:\d\d\b/u.exec(line)?.[0], `${where}: a duration runs into a word`).toBeUndefined();
      expect(/\p{Ll}\p{Lu}\p{Ll}/u.exec(line)?.[0], `${where}: two words run together`).toBeUndefined();

      expectInOrder(line, order, where);
    }
  });
});

describe("the checks can fail", () => {
  it("finds a glyph, glued labels and a heading after the content", async () => {
    const html =
      '<!DOCTYPE html><html lang="en"><body><p>Intro text</p><h1>Title</h1>' +
      '<p><a href="/a"><span aria-hidden="true">▶ </span>Play episode 1</a><a href="/b">Sign in</a></p>' +
      "<ol><li><a href='/e'><span>Episode 1</span><span>Oolong</span><span>0:20</span></a></li></ol></body></html>";
    for (const browser of Object.keys(BROWSERS) as Browser[]) {
      const text = await dump(browser, html);
      const line = flat(text);
      expect(DECORATIVE.test(text)).toBe(true);
      const labels = controlLabels(html);
      expect(line).toContain(labels[0] + labels[1]);
      expect(/\d\p{Lu}/u.test(line) && /[\p{L}\p{N}]\d{1,2}:\d\d\b/u.test(line)).toBe(true);
      expect(() => expectInOrder(line, ["Title", textOf("Intro text")], browser)).toThrow(/too early/);
    }
  });
});
