/**
 * The language of a request, end to end through the app's own modules: pages
 * rendered by Remix's real request handler (app/entry.server.tsx, app/root.tsx
 * and the routes), the language switch (app/routes/language.tsx), register and
 * the e-mails, and an htmx fragment. The order is app/i18n/negotiate.ts's:
 * `?lang=` > the account's saved language > the `dracin_lang` cookie >
 * Accept-Language > DEFAULT_LOCALE (`en` in vitest, `id` on the site).
 *
 * So that every assertion tells the two languages apart whatever the state
 * of the Indonesian catalog, this file loads it with each message marked
 * (ID_MARK in front). Expected text is always read from the catalogs
 * (`translator(locale)(key)`), never written here.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequestHandler } from "@remix-run/node";
import { describe, expect, it, vi } from "vitest";

const { ID_MARK } = vi.hoisted(() => ({ ID_MARK: "[id] " }));

vi.mock("~/i18n/id", async (importOriginal) => {
  const actual = await importOriginal<typeof import("~/i18n/id")>();
  const marked = Object.fromEntries(Object.entries(actual.id).map(([key, value]) => [key, `${ID_MARK}${value}`]));
  return { ...actual, id: marked };
});

import { translator, type Locale, type MessageKey, type Vars } from "~/i18n";
import { LOCALE_COOKIE } from "~/i18n/negotiate";
import { setUserLocale } from "~/models/users.server";
import * as home from "~/routes/_index";
import * as account from "~/routes/account";
import * as browse from "~/routes/browse";
import * as forgotPassword from "~/routes/forgot-password";
import * as language from "~/routes/language";
import * as register from "~/routes/register";
import * as resourcesSearch from "~/routes/resources.search";
import * as search from "~/routes/search";
import { CsrfTokenSource } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { escapeHtml, flushMail, outboxDir } from "~/utils/mail.server";
import { buildOf } from "../helpers/render-page";
import { getRequest, postForm, setCookieFor } from "../helpers/requests";
import { parseMail, type ReceivedMail } from "../helpers/smtp-sink";
import { createUser, signIn, uniqueEmail, type TestUser } from "../helpers/users";

const build = buildOf([
  { id: "routes/_index", index: true, module: home },
  { id: "routes/account", path: "account", module: account },
  { id: "routes/browse", path: "browse", module: browse },
  { id: "routes/forgot-password", path: "forgot-password", module: forgotPassword },
  { id: "routes/language", path: "language", module: language },
  { id: "routes/register", path: "register", module: register },
  { id: "routes/resources.search", path: "resources/search", module: resourcesSearch },
  { id: "routes/search", path: "search", module: search },
]);
const handleRequest = createRequestHandler(build, "production");

/** One request through Remix, as the HTTP server hands it over (with the Host a browser sends). */
async function send(request: Request) {
  if (!request.headers.has("Host")) request.headers.set("Host", new URL(request.url).host);
  const response = await handleRequest(request, {
    clientIp: "127.0.0.1",
    requestId: "i18n-test",
    csrf: new CsrfTokenSource(request.headers.get("Cookie")),
  });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

const page = (path: string, headers: Record<string, string> = {}) => send(getRequest(path, { headers }));

/** Text as React writes it into HTML. */
function inHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&#x27;");
}

function t(locale: Locale, key: MessageKey, vars?: Vars): string {
  return inHtml(translator(locale)(key, vars));
}

function htmlLang(html: string): string | undefined {
  return /<html[^>]*\slang="([^"]*)"/.exec(html)?.[1];
}

/** The language the switch shows as current (text, not a link). */
function currentInSwitch(html: string): string | undefined {
  return /<span lang="([^"]+)" aria-current="true">/.exec(html)?.[1];
}

function withoutSwitch(html: string): string {
  const without = html.replace(/<nav [^>]*class="language-switch">.*?<\/nav>/s, "");
  expect(without).not.toBe(html);
  return without;
}

/** Every sign that `html` (with its headers) is a page in `locale`, and none of the other language's. */
function expectPageIn(result: { headers: Headers; html: string }, locale: Locale, key: MessageKey = "nav.browse") {
  const other: Locale = locale === "id" ? "en" : "id";
  expect(htmlLang(result.html)).toBe(locale);
  expect(result.headers.get("Content-Language")).toBe(locale);
  expect(currentInSwitch(result.html)).toBe(locale);
  expect(result.html).toContain(t(locale, key));
  expect(result.html).toContain(t(locale, "layout.skip"));
  // The switch names Indonesian in Indonesian on every page; nothing else on an English page is.
  if (locale === "en") expect(withoutSwitch(result.html)).not.toContain(inHtml(ID_MARK));
  else expect(result.html).not.toContain(`>${t(other, "layout.skip")}<`);
}

const cookieFor = (locale: string) => `${LOCALE_COOKIE}=${locale}`;

async function savedLocale(user: { id: string }): Promise<string | null> {
  return (await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { locale: true } })).locale;
}

/** GET /language as the switch's links send it (same-origin unless `headers` says otherwise). */
function switchLanguage(query: string, headers: Record<string, string> = {}) {
  return send(getRequest(`/language?${query}`, { headers: { "Sec-Fetch-Site": "same-origin", ...headers } }));
}

describe("the language of a page", () => {
  it("follows Accept-Language when nothing else asks (id-ID, in, en-US, q-values)", async () => {
    expectPageIn(await page("/browse", { "Accept-Language": "id-ID,id;q=0.9,en;q=0.8" }), "id", "browse.title");
    expectPageIn(await page("/browse", { "Accept-Language": "in-ID" }), "id", "browse.title");
    expectPageIn(await page("/browse", { "Accept-Language": "en-US,en;q=0.9" }), "en", "browse.title");
    expectPageIn(await page("/browse", { "Accept-Language": "fr;q=0.9, en;q=0.2, id;q=0.5" }), "id", "browse.title");
    expectPageIn(await page("/browse", { "Accept-Language": "id;q=0, en;q=0.1" }), "en", "browse.title");
  });

  it("falls back to DEFAULT_LOCALE (en in these tests) without any hint, or with none we speak", async () => {
    expectPageIn(await page("/"), "en");
    expectPageIn(await page("/", { "Accept-Language": "fr-FR, de;q=0.5" }), "en");
  });

  it("prefers the language cookie to Accept-Language", async () => {
    expectPageIn(await page("/browse", { "Accept-Language": "en-US", Cookie: cookieFor("id") }), "id");
    expectPageIn(await page("/browse", { "Accept-Language": "id-ID", Cookie: cookieFor("en") }), "en");
    // A cookie naming no language of ours is passed over.
    expectPageIn(await page("/browse", { "Accept-Language": "id-ID", Cookie: cookieFor("fr") }), "id");
  });

  it("prefers ?lang= to everything, for that page only", async () => {
    const user = await createUser();
    await setUserLocale(user.id, "id");
    const everythingIndonesian = { "Accept-Language": "id", Cookie: `${user.cookie}; ${cookieFor("id")}` };
    const english = await page("/account?lang=en", everythingIndonesian);
    expectPageIn(english, "en", "account.title");
    // The switch and the x-default alternate point at the page without ?lang=.
    expect(english.html).toContain(`href="/language?lang=id&amp;returnTo=%2Faccount"`);
    expect(english.html).toContain(`<link rel="alternate" hrefLang="x-default" href="/account"/>`);
    expect(english.html).toContain(`<link rel="alternate" hrefLang="id" href="/account?lang=id"/>`);
    expect(english.html).toContain(`<link rel="alternate" hrefLang="en" href="/account?lang=en"/>`);
    // Nothing was saved: the next page without ?lang= is Indonesian again.
    expect(await savedLocale(user)).toBe("id");
    expectPageIn(await page("/account", everythingIndonesian), "id", "account.title");

    const everythingEnglish = { "Accept-Language": "en", Cookie: cookieFor("en") };
    expectPageIn(await page("/browse?genre=romance&lang=id", everythingEnglish), "id", "browse.title");
    // An unknown ?lang= is ignored.
    expectPageIn(await page("/browse?lang=fr", everythingEnglish), "en", "browse.title");
  });

  it("prefers the account's saved language to the cookie, on another device after signing in there", async () => {
    const user = await createUser();
    // Device A: an Indonesian phone that picks Indonesian with the switch.
    const phone = { "Accept-Language": "id-ID", Cookie: user.cookie };
    expectPageIn(await page("/account", phone), "id", "account.title");
    expect(await savedLocale(user)).toBeNull();
    const picked = await switchLanguage("lang=id&returnTo=%2Faccount", phone);
    expect(picked.status).toBe(303);
    expect(await savedLocale(user)).toBe("id");

    // Device B: an English laptop that has only ever been English (its own cookie says so),
    // signs in: a fresh request carrying nothing but its new session and its own hints.
    const laptopSession = await signIn(user.email, user.password);
    expect(laptopSession).not.toBe(user.cookie);
    const laptop = { "Accept-Language": "en-GB,en;q=0.9", Cookie: `${cookieFor("en")}; ${laptopSession}` };
    expectPageIn(await page("/account", laptop), "id", "account.title");
    expectPageIn(await page("/browse", laptop), "id", "browse.title");

    // The laptop switches to English: saved on the account, so the phone follows.
    await switchLanguage("lang=en&returnTo=%2F", laptop);
    expect(await savedLocale(user)).toBe("en");
    expectPageIn(await page("/account", { ...phone, Cookie: `${cookieFor("id")}; ${user.cookie}` }), "en");

    // Signed out again, the phone is back to its own cookie and header.
    expectPageIn(await page("/browse", { "Accept-Language": "en", Cookie: cookieFor("id") }), "id", "browse.title");
  });
});

describe("the language switch (/language)", () => {
  it("keeps the choice in a cookie for a year and returns to the page with a 303, not cached", async () => {
    const result = await switchLanguage("lang=id&returnTo=%2Fbrowse");
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/browse");
    expect(result.headers.get("Cache-Control")).toBe("no-store");
    const cookie = setCookieFor(result.headers, LOCALE_COOKIE);
    expect(cookie).toMatch(new RegExp(`^${LOCALE_COOKIE}=id; `));
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain(`Max-Age=${365 * 24 * 60 * 60}`);
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("HttpOnly");
    // The page it returns to is then Indonesian, whatever the browser's header says.
    const next = await page("/browse", { "Accept-Language": "en-US", Cookie: cookie!.split(";")[0] });
    expectPageIn(next, "id", "browse.title");
  });

  it("keeps the page's query on the way back, and goes home without a returnTo", async () => {
    const back = await switchLanguage(`lang=en&returnTo=${encodeURIComponent("/search?q=tea house&page=2")}`);
    expect(back.headers.get("Location")).toBe("/search?q=tea%20house&page=2");
    expect((await switchLanguage("lang=en")).headers.get("Location")).toBe("/");
  });

  it("every page's switch links to it for the other language, with the page to return to", async () => {
    const english = await page("/search?q=tea", { "Accept-Language": "en" });
    expect(english.html).toContain(
      `<a href="/language?lang=id&amp;returnTo=%2Fsearch%3Fq%3Dtea" lang="id" hrefLang="id">`,
    );
    expect(english.html).toContain(`>${t("id", "locale.name")}</a>`);
    const indonesian = await page("/search?q=tea", { "Accept-Language": "id" });
    expect(indonesian.html).toContain(
      `<a href="/language?lang=en&amp;returnTo=%2Fsearch%3Fq%3Dtea" lang="en" hrefLang="en">`,
    );
    expect(indonesian.html).toContain(`>${t("en", "locale.name")}</a>`);
    // Each language is named in its own language, whichever page it is on.
    expect(indonesian.html).toContain(`<span lang="id" aria-current="true">${t("id", "locale.name")}</span>`);
    expect(english.html).toContain(`<span lang="en" aria-current="true">${t("en", "locale.name")}</span>`);
  });

  it("saves the choice on the signed-in account", async () => {
    const user = await createUser();
    const result = await switchLanguage("lang=id&returnTo=%2Fbrowse", { Cookie: user.cookie });
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/browse");
    expect(setCookieFor(result.headers, LOCALE_COOKIE)).toMatch(/^dracin_lang=id;/);
    expect(await savedLocale(user)).toBe("id");
    // No Sec-Fetch-Site at all (an older browser): a same-site link as far as we can tell.
    await send(getRequest("/language?lang=en&returnTo=%2F", { cookie: user.cookie }));
    expect(await savedLocale(user)).toBe("en");
  });

  it("saves the choice posted from a form (the account page's), and refuses a cross-site post", async () => {
    const user = await createUser();
    const posted = await send(postForm("/language", { lang: "id", returnTo: "/account" }, { cookie: user.cookie }));
    expect(posted.status).toBe(303);
    expect(posted.headers.get("Location")).toBe("/account");
    expect(setCookieFor(posted.headers, LOCALE_COOKIE)).toMatch(/^dracin_lang=id;/);
    expect(await savedLocale(user)).toBe("id");

    const forged = postForm("/language", { lang: "en", returnTo: "/" }, { cookie: user.cookie });
    forged.headers.set("Origin", "https://evil.example");
    forged.headers.set("Sec-Fetch-Site", "cross-site");
    const refused = await send(forged);
    expect(refused.status).toBe(403);
    expect(setCookieFor(refused.headers, LOCALE_COOKIE)).toBeUndefined();
    expect(await savedLocale(user)).toBe("id");
  });

  it("changes only the cookie for a link followed from another site (Sec-Fetch-Site: cross-site)", async () => {
    const user = await createUser();
    await setUserLocale(user.id, "en");
    const result = await switchLanguage("lang=id&returnTo=%2Fbrowse", {
      Cookie: user.cookie,
      "Sec-Fetch-Site": "cross-site",
    });
    expect(result.status).toBe(303);
    expect(setCookieFor(result.headers, LOCALE_COOKIE)).toMatch(/^dracin_lang=id;/);
    expect(await savedLocale(user)).toBe("en");
  });

  it("refuses a language it does not speak with 400 and stores nothing", async () => {
    const user = await createUser();
    for (const query of [
      "lang=fr&returnTo=%2Fbrowse",
      "lang=&returnTo=%2Fbrowse",
      "returnTo=%2Fbrowse",
      "lang=ID&returnTo=%2F",
      "lang=__proto__",
      "lang=toString",
      `lang=${"x".repeat(5000)}`,
    ]) {
      const result = await switchLanguage(query, { Cookie: user.cookie });
      expect(result.status, query).toBe(400);
      expect(result.headers.get("Set-Cookie"), query).toBeNull();
      expect(result.headers.get("Location"), query).toBeNull();
    }
    const posted = await send(postForm("/language", { lang: "klingon", returnTo: "/" }, { cookie: user.cookie }));
    expect(posted.status).toBe(400);
    expect(posted.headers.get("Set-Cookie")).toBeNull();
    expect(await savedLocale(user)).toBeNull();
  });

  it("never redirects off the site", async () => {
    for (const returnTo of [
      "//evil.example",
      "//evil.example/browse",
      "https://evil.example/",
      "http:evil.example",
      "/\\evil.example",
      "/%5Cevil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "javascript:alert(1)",
      "evil.example",
      "/.//evil.example",
    ]) {
      const result = await switchLanguage(`lang=id&returnTo=${encodeURIComponent(returnTo)}`);
      expect(result.status, returnTo).toBe(303);
      const location = result.headers.get("Location") ?? "";
      expect(location, returnTo).toMatch(/^\/(?![/\\])/);
      expect(new URL(location, "http://dracin.test").origin, returnTo).toBe("http://dracin.test");
    }
    const posted = await send(postForm("/language", { lang: "en", returnTo: "//evil.example" }));
    expect(posted.headers.get("Location")).toBe("/");
  });
});

/** Messages in the outbox (DATA_DIR/outbox) to an address, oldest first. */
async function outboxFor(email: string): Promise<ReceivedMail[]> {
  await flushMail();
  const dir = outboxDir();
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".eml"))
    .sort()
    .map((name) => parseMail(fs.readFileSync(path.join(dir, name), "utf8")))
    .filter((mail) => mail.to.includes(email));
}

function expectMailIn(
  mail: ReceivedMail,
  locale: Locale,
  keys: { subject: MessageKey; body: MessageKey[]; button: MessageKey },
) {
  const tr = translator(locale);
  expect(mail.subject).toBe(tr(keys.subject));
  expect(mail.html).toContain(`<html lang="${locale}">`);
  for (const key of [...keys.body, "email.mail.signature" as const]) {
    expect(mail.text, key).toContain(tr(key));
    expect(mail.html, key).toContain(escapeHtml(tr(key)));
  }
  // The link's label is the HTML part's (the text part shows the bare link).
  expect(mail.html).toContain(`>${escapeHtml(tr(keys.button))}</a>`);
  if (locale === "en") {
    expect(mail.subject + mail.text + mail.html).not.toContain(ID_MARK);
  } else {
    expect(mail.text).not.toContain(`\n${translator("en")("email.mail.signature")}`);
  }
}

describe("accounts and e-mails", () => {
  async function registerWith(headers: Record<string, string>, path = "/register") {
    const email = uniqueEmail("i18n-register");
    const result = await send(
      postForm(path, { name: "Sari", email, password: "lantern river pepper kite", redirectTo: "/" }, { headers }),
    );
    expect(result.status).toBe(303);
    const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, locale: true } });
    return { email, user };
  }

  it("register saves the request's language on the new account", async () => {
    expect((await registerWith({ "Accept-Language": "id-ID,id;q=0.9" })).user.locale).toBe("id");
    expect((await registerWith({ "Accept-Language": "en-US" })).user.locale).toBe("en");
    expect((await registerWith({ "Accept-Language": "en-US", Cookie: cookieFor("id") })).user.locale).toBe("id");
    expect((await registerWith({ "Accept-Language": "id" }, "/register?lang=en")).user.locale).toBe("en");
  });

  it("the verification mail is in the new account's language (subject, text, HTML and its lang)", async () => {
    const indonesian = await registerWith({ "Accept-Language": "id-ID" });
    const [idMail] = await outboxFor(indonesian.email);
    expect(idMail).toBeDefined();
    expectMailIn(idMail, "id", {
      subject: "email.mail.verify.subject",
      body: ["email.mail.verify.body", "email.mail.verify.ignore"],
      button: "email.mail.verify.button",
    });
    expect(idMail.text).toContain(translator("id")("email.mail.greeting", { name: "Sari" }));

    const english = await registerWith({ "Accept-Language": "en-GB" });
    const [enMail] = await outboxFor(english.email);
    expectMailIn(enMail, "en", {
      subject: "email.mail.verify.subject",
      body: ["email.mail.verify.body", "email.mail.verify.ignore"],
      button: "email.mail.verify.button",
    });
  });

  it("the reset mail is in the recipient's saved language, not the language of whoever asked for it", async () => {
    const viewer: TestUser = await createUser({ name: "Dewi" });
    await setUserLocale(viewer.id, "id");
    const asked = await send(
      postForm("/forgot-password", { email: viewer.email }, { headers: { "Accept-Language": "en-US" } }),
    );
    expect(asked.status).toBe(303);
    const [mail] = await outboxFor(viewer.email);
    expect(mail).toBeDefined();
    expectMailIn(mail, "id", {
      subject: "email.mail.reset.subject",
      body: ["email.mail.reset.body", "email.mail.reset.ignore"],
      button: "email.mail.reset.button",
    });
    expect(mail.text).toContain(translator("id")("email.mail.greeting", { name: "Dewi" }));

    const other = await createUser({ name: "Tom" });
    await setUserLocale(other.id, "en");
    await send(postForm("/forgot-password", { email: other.email }, { headers: { "Accept-Language": "id-ID" } }));
    const [englishMail] = await outboxFor(other.email);
    expectMailIn(englishMail, "en", {
      subject: "email.mail.reset.subject",
      body: ["email.mail.reset.body", "email.mail.reset.ignore"],
      button: "email.mail.reset.button",
    });
  });
});

describe("htmx fragments", () => {
  const fragment = (headers: Record<string, string>) =>
    send(getRequest("/resources/search?q=tea", { htmx: true, headers }));

  it("are written in the request's language, like the page they land in", async () => {
    const whole = await page("/search?q=tea", { "Accept-Language": "id" });
    const count = /<p class="result-count">([^<]*)<\/p>/.exec(whole.html)?.[1];
    expect(count).toBeDefined();

    const indonesian = await fragment({ "Accept-Language": "id-ID" });
    expect(indonesian.status).toBe(200);
    expect(indonesian.headers.get("Cache-Control")).toBe("private, no-store");
    expect(indonesian.headers.get("Vary")).toMatch(/HX-Request/);
    expect(indonesian.html).toContain(`<p class="result-count">${count}</p>`);
    expect(count).toMatch(/^\[id\] /);

    const english = await fragment({ "Accept-Language": "en" });
    expect(english.html).not.toContain(ID_MARK);
    expect(english.html).toMatch(/<p class="result-count">[^<]*tea[^<]*<\/p>/);

    // The cookie and the account count for fragments as for pages.
    expect((await fragment({ "Accept-Language": "en", Cookie: cookieFor("id") })).html).toContain(count!);
    const user = await createUser();
    await setUserLocale(user.id, "id");
    expect((await fragment({ "Accept-Language": "en", Cookie: `${cookieFor("en")}; ${user.cookie}` })).html).toContain(
      count!,
    );
  });
});

describe("DEFAULT_LOCALE", () => {
  it("is the language of a request with no hint; the site's own default is Indonesian", async () => {
    // This process read DEFAULT_LOCALE=en (tests/setup/worker-setup.ts); a fresh copy of the modules reads it again.
    vi.stubEnv("DEFAULT_LOCALE", "");
    vi.resetModules();
    const fresh = await import("~/i18n/locale.server");
    const mail = await import("~/utils/mail.server");
    const url = new URL("http://dracin.test/browse");
    expect(fresh.defaultLocale()).toBe("id");
    expect(fresh.anonymousLocale(url, null, null)).toBe("id");
    expect(fresh.anonymousLocale(url, null, "fr-FR, de")).toBe("id");
    expect(fresh.anonymousLocale(url, null, "en-US")).toBe("en");
    expect(fresh.anonymousLocale(url, cookieFor("en"), null)).toBe("en");
    expect(await fresh.requestLocale(new Request(url))).toBe("id");
    // A recipient who never chose a language gets the default.
    const message = mail.verificationMail({ email: "x@example.test", name: "X", locale: null }, "http://dracin.test/v");
    expect(message.html).toContain('<html lang="id">');
  });

  it("can be set to English, which a request with no hint then gets", async () => {
    vi.stubEnv("DEFAULT_LOCALE", "en");
    vi.resetModules();
    const fresh = await import("~/i18n/locale.server");
    const url = new URL("http://dracin.test/");
    expect(fresh.anonymousLocale(url, null, null)).toBe("en");
    expect(fresh.anonymousLocale(url, null, "in")).toBe("id");
    expect(await fresh.requestLocale(new Request(url, { headers: { "Accept-Language": "*" } }))).toBe("en");
  });
});
