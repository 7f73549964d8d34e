/**
 * Every page in Bahasa Indonesia: each page (and the htmx fragments) is
 * rendered through Remix's real request handler twice, for a browser asking
 * for Indonesian and for one asking for English, with the same data. No
 * text a viewer can see or hear on the Indonesian page (text nodes, the
 * <title>, title / aria-label / placeholder / alt attributes, the labels of
 * submit inputs, the announcer's messages, the meta description) may be an
 * English catalog message or the same text as on the English page, unless
 * it is data: the catalog's titles, names, synopses and episode titles (as
 * the provider returns them), the test's own users and searches, e-mail
 * addresses, numbers and times, or one of a few words both languages share.
 * Text marked as another language (`lang="en"`, `lang="zh"`) and machine
 * codes in <code> are not Indonesian text and are left out.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getCatalog } from "~/catalog/index.server";
import { DEMO_DRAMAS, FEATURED_DRAMA_ID } from "~/catalog/demo-data";
import { en } from "~/i18n/en";
import { writeAudit } from "~/models/audit.server";
import { addFavorite } from "~/models/favorites.server";
import { recordViewing } from "~/models/history.server";
import { saveProgress } from "~/models/progress.server";
import { subjectKey } from "~/models/throttle.server";
import { createResetRequest } from "~/models/verification.server";
import * as home from "~/routes/_index";
import * as notFoundPage from "~/routes/$";
import * as account from "~/routes/account";
import * as connections from "~/routes/account_.connections";
import * as deleteAccount from "~/routes/account_.delete";
import * as sessionsPage from "~/routes/account_.sessions";
import * as auditEntry from "~/routes/admin.audit.$id";
import * as audit from "~/routes/admin.audit._index";
import * as adminCatalog from "~/routes/admin.catalog";
import * as adminUser from "~/routes/admin.users.$userId";
import * as adminUsers from "~/routes/admin.users._index";
import * as adminSessions from "~/routes/admin.sessions";
import * as browse from "~/routes/browse";
import * as drama from "~/routes/drama.$dramaId";
import * as forgot from "~/routes/forgot-password";
import * as history from "~/routes/history";
import * as login from "~/routes/login";
import * as myList from "~/routes/my-list";
import * as register from "~/routes/register";
import * as reset from "~/routes/reset-password";
import * as adminAuditFragment from "~/routes/resources.admin-audit";
import * as favorites from "~/routes/resources.favorites";
import * as searchFragment from "~/routes/resources.search";
import * as watched from "~/routes/resources.watched";
import * as search from "~/routes/search";
import * as captionSettings from "~/routes/settings.captions";
import * as verify from "~/routes/verify-email";
import * as watch from "~/routes/watch.$episodeId";
import * as feed from "~/routes/drama.$dramaId_.feed";
import * as feedFragment from "~/routes/resources.feed";
import { prisma } from "~/utils/db.server";
import { buildOf, pageRenderer } from "../helpers/render-page";
import { TEST_USER_AGENT } from "../helpers/requests";
import { createUser, type TestUser } from "../helpers/users";

vi.mock("~/utils/assets.server", () => import("../helpers/test-assets"));

const render = pageRenderer(
  buildOf([
    { id: "routes/_index", index: true, module: home },
    { id: "routes/browse", path: "browse", module: browse },
    { id: "routes/search", path: "search", module: search },
    { id: "routes/drama.$dramaId", path: "drama/:dramaId", module: drama },
    { id: "routes/watch.$episodeId", path: "watch/:episodeId", module: watch },
    { id: "routes/drama.$dramaId_.feed", path: "drama/:dramaId/feed", module: feed },
    { id: "routes/my-list", path: "my-list", module: myList },
    { id: "routes/history", path: "history", module: history },
    { id: "routes/login", path: "login", module: login },
    { id: "routes/register", path: "register", module: register },
    { id: "routes/forgot-password", path: "forgot-password", module: forgot },
    { id: "routes/reset-password", path: "reset-password", module: reset },
    { id: "routes/account", path: "account", module: account },
    { id: "routes/account_.sessions", path: "account/sessions", module: sessionsPage },
    { id: "routes/account_.connections", path: "account/connections", module: connections },
    { id: "routes/account_.delete", path: "account/delete", module: deleteAccount },
    { id: "routes/settings.captions", path: "settings/captions", module: captionSettings },
    { id: "routes/verify-email", path: "verify-email", module: verify },
    { id: "routes/admin.audit._index", path: "admin/audit", module: audit },
    { id: "routes/admin.audit.$id", path: "admin/audit/:id", module: auditEntry },
    { id: "routes/admin.users._index", path: "admin/users", module: adminUsers },
    { id: "routes/admin.users.$userId", path: "admin/users/:userId", module: adminUser },
    { id: "routes/admin.catalog", path: "admin/catalog", module: adminCatalog },
    { id: "routes/admin.sessions", path: "admin/sessions", module: adminSessions },
    { id: "routes/resources.search", path: "resources/search", module: searchFragment },
    { id: "routes/resources.feed", path: "resources/feed", module: feedFragment },
    { id: "routes/resources.favorites", path: "resources/favorites", module: favorites },
    { id: "routes/resources.watched", path: "resources/watched", module: watched },
    { id: "routes/resources.admin-audit", path: "resources/admin-audit", module: adminAuditFragment },
    { id: "routes/$", path: "*", module: notFoundPage },
  ]),
);

const INDONESIAN = { "Accept-Language": "id-ID,id;q=0.9", "User-Agent": TEST_USER_AGENT };
const ENGLISH = { "Accept-Language": "en-GB,en;q=0.9", "User-Agent": TEST_USER_AGENT };

/** Words Indonesian writes as English does (the glossary's fixed words, brands, units, abbreviations). */
const SAME_IN_BOTH = [
  "Dracin",
  "Email",
  "Episode",
  "Genre",
  "Drama",
  "Admin",
  "Status",
  "Cache",
  "OAuth",
  "CSV",
  "UTC",
  "IP",
  "ID",
  "EN",
  "CC",
  "AD",
  "MB",
  "kB",
  "Google",
  "GitHub",
  "Video",
  "MP4",
  "WebVTT",
  "Thriller",
  "Rating",
  // Caption style (/settings/captions): type families keep their names, and magenta is Indonesian too.
  "Sans-serif",
  "Serif",
  "Monospace",
  "Magenta",
];

// ---------------------------------------------------------------- text extraction

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
/** Never text: scripts and styles; machine codes (ids, action codes, user agents, URLs). */
const NOT_TEXT = new Set(["script", "style", "code"]);
const TEXT_ATTRIBUTES = ["title", "aria-label", "placeholder", "alt", "data-error-message", "data-offline-message"];
const TOKEN =
  /<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<(\/?)([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|([^<]+)/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

function decode(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

function attributesOf(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE)) {
    attributes.set(match[1].toLowerCase(), decode(match[2] ?? match[3] ?? match[4] ?? ""));
  }
  return attributes;
}

/** What a viewer reads or hears of `html`, in the page's language `lang` (one string per text node or attribute). */
export function visibleStrings(html: string, lang: string): string[] {
  const found: string[] = [];
  const stack: { name: string; skip: boolean }[] = [];
  const skipping = () => stack.length > 0 && stack[stack.length - 1].skip;
  const add = (text: string) => {
    const clean = text.replace(/\s+/g, " ").trim();
    if (clean) found.push(clean);
  };
  for (const match of html.matchAll(TOKEN)) {
    const [whole, closing, rawName, rawAttributes, selfClosing, text] = match;
    if (text !== undefined) {
      if (!skipping()) add(decode(text));
      continue;
    }
    if (!rawName) continue; // a comment or the doctype
    const name = rawName.toLowerCase();
    if (closing) {
      const at = stack.map((element) => element.name).lastIndexOf(name);
      if (at >= 0) stack.length = at;
      continue;
    }
    const attributes = attributesOf(rawAttributes ?? "");
    const elementLang = attributes.get("lang");
    const skip =
      skipping() ||
      NOT_TEXT.has(name) ||
      (elementLang !== undefined && elementLang !== lang && !elementLang.startsWith(`${lang}-`));
    if (!skip) {
      for (const attribute of TEXT_ATTRIBUTES) {
        const value = attributes.get(attribute);
        if (value) add(value);
      }
      const type = attributes.get("type");
      if (name === "input" && (type === "submit" || type === "button" || type === "reset")) {
        add(attributes.get("value") ?? "");
      }
      if (name === "meta" && attributes.get("name") === "description") add(attributes.get("content") ?? "");
    }
    if (!VOID.has(name) && !selfClosing && !whole.endsWith("/>")) stack.push({ name, skip });
  }
  return found;
}

// ---------------------------------------------------------------- what is not Indonesian text

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Data strings, longest first, each matched as whole words. */
let dataPatterns: RegExp[] = [];
const SAME_WORDS = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${SAME_IN_BOTH.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`,
  "giu",
);
const EMAIL = /[^\s@<>()“”"]+@[^\s@<>()“”"]+\.[a-z]{2,}/giu;

/** Human text among a catalog record's strings (not ids, slugs, URLs or dates). */
function isHumanText(value: string): boolean {
  return /\p{L}/u.test(value) && !value.includes("/") && !/^[a-z0-9_-]+$/.test(value);
}

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === "string") {
    if (isHumanText(value)) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectStrings(item, into);
  } else if (value && typeof value === "object") {
    for (const item of Object.values(value)) collectStrings(item, into);
  }
}

/** The text left once data, e-mail addresses and shared words are taken out: letters only. */
/** A video quality label ("360p", "1080p"): the same in every language. */
const QUALITY = /(?<![\p{L}\p{N}])\d{3,4}p(?![\p{L}\p{N}])/gu;

function residue(text: string): string {
  let rest = text.replace(EMAIL, " ").replace(QUALITY, " ");
  for (const pattern of dataPatterns) rest = rest.replace(pattern, " ");
  return rest.replace(SAME_WORDS, " ").replace(/[^\p{L}]+/gu, "");
}

/** A text with its numbers (1.234 / 1,234 / 10:31 / 10.31) made alike, to compare across languages. */
function shape(text: string): string {
  return text.replace(/\d+(?:[.,:]\d+)*/g, "#");
}

/** The English catalog's messages as plain text (placeholders out), and their shapes. */
const ENGLISH_MESSAGES = new Set<string>(
  Object.values(en).flatMap((message: string) => (message.includes("{") ? [] : [message])),
);

interface PageCase {
  name: string;
  path: string;
  cookie?: () => string;
  form?: () => Record<string, string>;
  htmx?: boolean;
  status?: number;
}

/** The Indonesian page's strings that are English: the same as an English message or as the English page. */
function englishIn(indonesian: string[], english: string[]): string[] {
  const englishShapes = new Set([...english, ...ENGLISH_MESSAGES].map(shape));
  return [
    ...new Set(
      indonesian.filter(
        (text) => residue(text) !== "" && (ENGLISH_MESSAGES.has(text) || englishShapes.has(shape(text))),
      ),
    ),
  ];
}

// ---------------------------------------------------------------- the pages and their data

let viewer: TestUser;
let emptyViewer: TestUser;
let admin: TestUser;
let disabledUser: TestUser;
let auditId: string;
let resetToken: string;
const SEARCH_HIT = "tea";
const SEARCH_MISS = "zzqx";

const DRAMA_ID = "moonlit-tea-house";
const EPISODE_ID = `${DRAMA_ID}-ep-2`;

beforeAll(async () => {
  viewer = await createUser({ name: "Putri Viewer" });
  emptyViewer = await createUser({ name: "Bima Viewer" });
  admin = await createUser({ name: "Sari Admin" });
  await prisma.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
  disabledUser = await createUser({ name: "Dewi Disabled" });
  await prisma.user.update({ where: { id: disabledUser.id }, data: { disabledAt: new Date() } });
  const info = { ipAddress: "127.0.0.1", userAgent: TEST_USER_AGENT };
  await addFavorite(viewer.id, DRAMA_ID);
  await saveProgress(viewer.id, { episodeId: EPISODE_ID, dramaId: DRAMA_ID, position: 120, duration: 600, seq: 1 });
  await recordViewing(viewer.id, { episodeId: EPISODE_ID, dramaId: DRAMA_ID });
  await writeAudit({ action: "LOGIN_SUCCESS", userId: viewer.id, entityType: "User", entityId: viewer.id, info });
  await writeAudit({
    action: "LOGIN_FAILURE",
    entityType: "Subject",
    entityId: subjectKey(viewer.email),
    metadata: { reason: "invalid_credentials" },
    info,
  });
  auditId = (await prisma.auditLog.findFirstOrThrow({ where: { action: "LOGIN_FAILURE" }, select: { id: true } })).id;
  const request = await createResetRequest(emptyViewer.email, subjectKey(emptyViewer.email), info);
  resetToken = request?.secret ?? "";

  // The catalog's own words, as the provider gives them (and every string the demo data holds).
  const data = new Set<string>([
    viewer.name,
    emptyViewer.name,
    admin.name,
    disabledUser.name,
    TEST_USER_AGENT,
    SEARCH_HIT,
    SEARCH_MISS,
  ]);
  const catalog = getCatalog();
  const dramas = await catalog.getDramas(DEMO_DRAMAS.map((item) => item.id));
  for (const item of dramas.values()) {
    collectStrings(item, data);
    collectStrings(await catalog.getEpisodes(item.id), data);
  }
  collectStrings(DEMO_DRAMAS, data);
  collectStrings(await catalog.home(), data);
  dataPatterns = [...data]
    .sort((a, b) => b.length - a.length)
    .map((text) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(text)}(?![\\p{L}\\p{N}])`, "gu"));
});

const PAGES: PageCase[] = [
  { name: "home (signed out)", path: "/" },
  { name: "home (signed in, Continue Watching and My List)", path: "/", cookie: () => viewer.cookie },
  { name: "browse with a filter", path: "/browse?genre=romance&sort=rating" },
  { name: "browse with no results", path: "/browse?genre=romance&year=1901" },
  { name: "search without a query", path: "/search" },
  { name: "search with results", path: `/search?q=${SEARCH_HIT}` },
  { name: "search without results", path: `/search?q=${SEARCH_MISS}` },
  { name: "drama (signed out)", path: `/drama/${FEATURED_DRAMA_ID}` },
  { name: "drama (signed in, with progress)", path: `/drama/${DRAMA_ID}`, cookie: () => viewer.cookie },
  { name: "watch", path: `/watch/${EPISODE_ID}`, cookie: () => viewer.cookie },
  { name: "binge feed, where the viewer is", path: `/drama/${DRAMA_ID}/feed`, cookie: () => viewer.cookie },
  {
    name: "binge feed, the last episode out",
    path: "/drama/neon-rain/feed?episode=neon-rain-ep-12",
    cookie: () => viewer.cookie,
  },
  { name: "my list, empty", path: "/my-list", cookie: () => emptyViewer.cookie },
  { name: "my list with a drama", path: "/my-list", cookie: () => viewer.cookie },
  { name: "history", path: "/history", cookie: () => viewer.cookie },
  { name: "history, empty", path: "/history", cookie: () => emptyViewer.cookie },
  { name: "login", path: "/login" },
  {
    name: "login, wrong password",
    path: "/login",
    form: () => ({ email: viewer.email, password: "not it at all" }),
    status: 400,
  },
  { name: "register", path: "/register" },
  {
    name: "register with validation errors",
    path: "/register",
    form: () => ({ name: "", email: "not-an-email", password: "short" }),
    status: 400,
  },
  { name: "forgot password", path: "/forgot-password" },
  { name: "forgot password, sent", path: "/forgot-password?sent=1" },
  { name: "reset password", path: `/reset-password?token=${resetTokenParam()}` },
  { name: "reset password, invalid link", path: "/reset-password?token=nope", status: 400 },
  { name: "account", path: "/account", cookie: () => viewer.cookie },
  { name: "account sessions", path: "/account/sessions", cookie: () => viewer.cookie },
  { name: "account connections", path: "/account/connections", cookie: () => viewer.cookie },
  { name: "account delete", path: "/account/delete", cookie: () => viewer.cookie },
  { name: "caption style (signed out)", path: "/settings/captions" },
  { name: "caption style (signed in)", path: "/settings/captions?returnTo=%2Faccount", cookie: () => viewer.cookie },
  {
    name: "caption style, a value outside the lists",
    path: "/settings/captions",
    form: () => ({ intent: "save", size: "huge" }),
    status: 400,
  },
  { name: "verify email (pending)", path: "/verify-email", cookie: () => viewer.cookie },
  { name: "verify email, sent", path: "/verify-email?sent=1" },
  { name: "admin audit", path: "/admin/audit", cookie: () => admin.cookie },
  { name: "admin audit, invalid filters", path: "/admin/audit?ip=not-an-ip", cookie: () => admin.cookie, status: 400 },
  { name: "admin audit entry", path: `/admin/audit/${auditIdParam()}`, cookie: () => admin.cookie },
  { name: "admin users", path: "/admin/users", cookie: () => admin.cookie },
  { name: "admin user", path: `/admin/users/${viewerIdParam()}`, cookie: () => admin.cookie },
  { name: "admin user, disabled", path: `/admin/users/${disabledIdParam()}`, cookie: () => admin.cookie },
  { name: "admin catalog", path: "/admin/catalog", cookie: () => admin.cookie },
  { name: "admin sessions", path: "/admin/sessions", cookie: () => admin.cookie },
  {
    name: "admin sessions, invalid filters",
    path: "/admin/sessions?ip=not-an-ip&after=nope",
    cookie: () => admin.cookie,
    status: 400,
  },
  { name: "not allowed (403)", path: "/admin/audit", cookie: () => viewer.cookie, status: 403 },
  { name: "a page that does not exist (404)", path: "/no-such-page", status: 404 },
  { name: "a drama that does not exist (404)", path: "/drama/no-such-drama", status: 404 },
];

const FRAGMENTS: PageCase[] = [
  {
    name: "binge feed episode",
    path: `/resources/feed?drama=${DRAMA_ID}&episode=${EPISODE_ID}`,
    htmx: true,
    cookie: () => viewer.cookie,
  },
  { name: "search results", path: `/resources/search?q=${SEARCH_HIT}`, htmx: true },
  { name: "search, no results", path: `/resources/search?q=${SEARCH_MISS}`, htmx: true },
  {
    name: "favorite button",
    path: "/resources/favorites",
    htmx: true,
    cookie: () => viewer.cookie,
    form: () => ({ intent: "add", dramaId: DRAMA_ID, redirectTo: `/drama/${DRAMA_ID}` }),
  },
  {
    name: "watched episode row",
    path: "/resources/watched",
    htmx: true,
    cookie: () => viewer.cookie,
    form: () => ({ intent: "watched", episodeId: EPISODE_ID, redirectTo: `/drama/${DRAMA_ID}` }),
  },
  {
    name: "admin audit results",
    path: "/resources/admin-audit?action=LOGIN_FAILURE",
    htmx: true,
    cookie: () => admin.cookie,
  },
];

// Paths that need ids made in beforeAll: resolved when the test runs.
function resetTokenParam(): string {
  return "{reset}";
}
function auditIdParam(): string {
  return "{audit}";
}
function viewerIdParam(): string {
  return "{viewer}";
}
function disabledIdParam(): string {
  return "{disabled}";
}
function resolve(path: string): string {
  return path
    .replace("{reset}", encodeURIComponent(resetToken))
    .replace("{audit}", encodeURIComponent(auditId))
    .replace("{viewer}", encodeURIComponent(viewer.id))
    .replace("{disabled}", encodeURIComponent(disabledUser.id));
}

async function renderBoth(page: PageCase) {
  const headers: Record<string, string> = page.htmx ? { "HX-Request": "true" } : {};
  const once = (language: Record<string, string>) =>
    render(resolve(page.path), page.cookie?.() ?? "", { headers: { ...language, ...headers }, form: page.form?.() });
  // English first: a form post (My List, watched) then finds the same state for the Indonesian one.
  const english = await once(ENGLISH);
  const indonesian = await once(INDONESIAN);
  return { english, indonesian };
}

describe("every page in Indonesian", () => {
  it.each(PAGES)("$name", async (page) => {
    const { english, indonesian } = await renderBoth(page);
    expect(indonesian.status).toBe(page.status ?? 200);
    expect(english.status).toBe(indonesian.status);
    expect(indonesian.headers.get("Content-Language")).toBe("id");
    expect(english.headers.get("Content-Language")).toBe("en");
    expect(indonesian.html).toMatch(/^<!DOCTYPE html><html lang="id"/);
    expect(english.html).toMatch(/^<!DOCTYPE html><html lang="en"/);
    const strings = visibleStrings(indonesian.html, "id");
    expect(strings.length).toBeGreaterThan(5);
    expect(englishIn(strings, visibleStrings(english.html, "en"))).toEqual([]);
  });
});

describe("every htmx fragment in Indonesian", () => {
  it.each(FRAGMENTS)("$name", async (page) => {
    const { english, indonesian } = await renderBoth(page);
    expect(indonesian.status).toBe(200);
    expect(indonesian.headers.get("Content-Language")).toBe("id");
    expect(indonesian.html).not.toMatch(/<html/);
    const strings = visibleStrings(indonesian.html, "id");
    expect(strings.length).toBeGreaterThan(0);
    expect(englishIn(strings, visibleStrings(english.html, "en"))).toEqual([]);
  });
});

describe("plain-text answers in Indonesian", () => {
  const ANSWERS: PageCase[] = [
    {
      name: "a bad My List form",
      path: "/resources/favorites",
      cookie: () => viewer.cookie,
      form: () => ({}),
      status: 400,
    },
    {
      name: "an unknown drama",
      path: "/resources/favorites",
      cookie: () => viewer.cookie,
      form: () => ({ intent: "add", dramaId: "no-such" }),
      status: 404,
    },
    {
      name: "a bad watched form",
      path: "/resources/watched",
      cookie: () => viewer.cookie,
      form: () => ({}),
      status: 400,
    },
  ];

  it.each(ANSWERS)("$name", async (page) => {
    const { english, indonesian } = await renderBoth(page);
    expect(indonesian.status).toBe(page.status);
    expect(indonesian.headers.get("Content-Language")).toBe("id");
    expect(english.html).not.toBe("");
    expect(englishIn([indonesian.html.trim()], [english.html.trim()])).toEqual([]);
  });
});

describe("the check itself", () => {
  it("finds text nodes and text attributes, and leaves out scripts, code and other languages", () => {
    const html =
      '<html lang="id"><head><title>Judul</title><script>var x = "English";</script></head><body>' +
      '<a href="/" aria-label="Beranda">x</a><img alt="Poster" src="/p.png"/><input type="submit" value="Kirim"/>' +
      '<input type="hidden" value="secret"/><button value="intent-code">Tombol</button><code>LOGIN_FAILURE</code>' +
      '<span lang="en">English</span><p>Satu &amp; dua</p></body></html>';
    expect(visibleStrings(html, "id")).toEqual(["Judul", "Beranda", "x", "Poster", "Kirim", "Tombol", "Satu & dua"]);
  });

  it("catches English messages and English page text, and lets data, numbers and shared words through", () => {
    expect(englishIn(["Sign in", "Masuk"], [])).toEqual(["Sign in"]);
    expect(englishIn(["Showing 1.234 entries.", "Menampilkan 1.234 entri."], ["Showing 1,234 entries."])).toEqual([
      "Showing 1.234 entries.",
    ]);
    expect(
      englishIn(
        ["Moonlit Tea House", "Episode 3", "12:30", "Email", "a@example.test", "Dracin"],
        ["Moonlit Tea House", "Episode 3", "12:30", "Email", "a@example.test", "Dracin"],
      ),
    ).toEqual([]);
  });
});
