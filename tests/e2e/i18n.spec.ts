/**
 * Bahasa Indonesia end to end, in a browser that asks for it (locale id-ID,
 * so Accept-Language: id-ID): the whole journey with JavaScript and without,
 * every page `<html lang="id">` and free of axe violations, found by the
 * names the Indonesian catalog gives its controls; and the language switch
 * without JavaScript: the same page in English, the choice kept across
 * pages, and for a signed-in viewer saved on the account, so another browser
 * that signs in gets it. Names come from the catalogs (`translator`), never
 * written here.
 */
import type { Browser, BrowserContextOptions, Page } from "@playwright/test";
import { translator, type Locale, type MessageKey, type Vars } from "~/i18n";
import { DRAMA, EPISODE_1, expect, newAccount, test, type Account } from "./fixtures";
import { expectNoViolations } from "./axe";

const id = translator("id");
const en = translator("en");

/** Exactly this text (a locator name that must not match a longer label). */
function exact(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

/** Starts with this text (a button whose name goes on with a visually hidden title). */
function startsWith(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);
}

/**
 * The page is in `locale` (its lang, the switch's current language), and axe finds nothing wrong with it
 * (`javaScript: false` for a browser without JavaScript: axe then checks a copy of what that browser shows).
 */
async function expectPageIn(page: Page, locale: Locale, options: { axe?: boolean; javaScript?: boolean } = {}) {
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
  const t = translator(locale);
  const languages = page.getByRole("navigation", { name: t("language.label") });
  await expect(languages.locator('[aria-current="true"]')).toHaveAttribute("lang", locale);
  await expect(languages.locator('[aria-current="true"]')).toHaveText(t("locale.name"));
  if (options.axe !== false) await expectNoViolations(page, { javaScript: options.javaScript });
}

function nav(page: Page, t: (key: MessageKey, vars?: Vars) => string = id) {
  return page.getByRole("navigation", { name: t("nav.label") });
}

async function registerHere(page: Page, account: Account, javaScript = true) {
  await nav(page)
    .getByRole("link", { name: id("nav.register") })
    .click();
  await expect(page).toHaveURL(/\/register/);
  await expectPageIn(page, "id", { javaScript });
  await page.getByLabel(id("form.name"), { exact: true }).fill(account.name);
  await page.getByLabel(id("form.email"), { exact: true }).fill(account.email);
  await page.getByLabel(id("form.password"), { exact: true }).fill(account.password);
  await page.getByRole("button", { name: id("register.submit") }).click();
  await expect(page).toHaveURL("/");
  await expect(nav(page).getByRole("button", { name: id("nav.signOut") })).toBeVisible();
}

async function signInHere(page: Page, account: Account, t: (key: MessageKey) => string) {
  await page.goto("/login");
  await page.getByLabel(t("form.email"), { exact: true }).fill(account.email);
  await page.getByLabel(t("form.password"), { exact: true }).fill(account.password);
  await page.getByRole("button", { name: exact(t("login.submit")) }).click();
  await expect(page).toHaveURL("/");
}

/** The journey in Indonesian; `js` says whether htmx and the player run. */
async function indonesianJourney(page: Page, js: boolean) {
  test.setTimeout(120_000);
  const account = newAccount(js ? "id-js" : "id-nojs");

  await test.step("the home page, signed out", async () => {
    const response = await page.goto("/");
    expect(response?.headers()["content-language"]).toBe("id");
    await expectPageIn(page, "id", { javaScript: js });
  });

  await test.step("register (Buat akun)", async () => {
    await registerHere(page, account, js);
    await expectPageIn(page, "id", { javaScript: js });
  });

  await test.step("browse (Jelajahi) with a filter", async () => {
    await nav(page)
      .getByRole("link", { name: id("nav.browse") })
      .click();
    await expect(page).toHaveURL("/browse");
    await expect(page.getByRole("heading", { level: 1, name: id("browse.title") })).toBeVisible();
    await expectPageIn(page, "id", { javaScript: js });
    const filters = page.getByRole("form", { name: id("browse.filters") });
    await filters.getByLabel(id("browse.genre"), { exact: true }).selectOption("romance");
    await filters.getByRole("button", { name: id("browse.apply") }).click();
    await expect(page).toHaveURL(/\/browse\?genre=romance/);
    await expect(page.getByRole("main").getByRole("link", { name: DRAMA.title })).toBeVisible();
    await expectPageIn(page, "id", { javaScript: js });
  });

  await test.step("search (Cari)", async () => {
    await nav(page)
      .getByRole("link", { name: id("nav.search") })
      .click();
    await expect(page).toHaveURL("/search");
    await expectPageIn(page, "id", { javaScript: js });
    await page.getByLabel(id("search.label"), { exact: true }).fill("tea house");
    await page
      .getByRole("main")
      .getByRole("button", { name: exact(id("search.submit")) })
      .click();
    // A plain GET form sends its filter selects too, empty when not chosen; htmx shows the clean address.
    await expect(page).toHaveURL(/\/search\?q=tea\+house(&subtitles=&descriptions=)?$/);
    const results = page.locator("#search-results");
    await expect(results.getByRole("link", { name: DRAMA.title })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "id");
    await expectPageIn(page, "id", { javaScript: js });
    await results.getByRole("link", { name: DRAMA.title }).click();
    await expect(page).toHaveURL(`/drama/${DRAMA.id}`);
  });

  await test.step("the drama page, and add to My List (Daftarku)", async () => {
    await expectPageIn(page, "id", { javaScript: js });
    await expect(page.getByRole("heading", { level: 2, name: id("drama.episodesTitle") })).toBeVisible();
    await page.getByRole("button", { name: startsWith(id("favorites.add")) }).click();
    await expect(page.getByRole("button", { name: startsWith(id("favorites.remove")) })).toBeVisible();
    if (js) await expect(page.locator("#announcer")).toHaveText(id("favorites.added", { title: DRAMA.title }));
    else await expect(page.getByText(id("flash.favoriteAdded"), { exact: true })).toBeVisible();
    await expectPageIn(page, "id", { javaScript: js });

    await nav(page)
      .getByRole("link", { name: id("nav.myList") })
      .click();
    await expect(page).toHaveURL("/my-list");
    await expect(page.getByRole("heading", { level: 1, name: id("myList.title") })).toBeVisible();
    await expect(page.getByRole("main").getByRole("link", { name: DRAMA.title })).toBeVisible();
    await expectPageIn(page, "id", { javaScript: js });
  });

  await test.step("watch (Lanjutkan)", async () => {
    // Seed progress as the player would (without JavaScript nothing reports it).
    const saved = await page.request.post("/resources/progress", {
      form: { episodeId: EPISODE_1, position: "8", duration: "20", viewingStart: "1" },
    });
    expect(saved.status()).toBe(204);
    await page.goto(`/drama/${DRAMA.id}`);
    await page.getByRole("link", { name: id("drama.resume", { episode: 1 }) }).click();
    await expect(page).toHaveURL(`/watch/${EPISODE_1}`);
    await expect(
      page.getByRole("heading", { level: 1, name: startsWith(id("episode.number", { number: 1 })) }),
    ).toBeVisible();
    if (js) await expect(page.locator(".video-js.vjs-paused, .video-js.vjs-playing").first()).toBeVisible();
    else await expect(page.locator("video")).toHaveAttribute("controls", "");
    await expectPageIn(page, "id", { javaScript: js });
  });

  await test.step("history (Riwayat)", async () => {
    await nav(page)
      .getByRole("link", { name: id("nav.history") })
      .click();
    await expect(page).toHaveURL("/history");
    await expect(page.getByRole("heading", { level: 1, name: id("history.title") })).toBeVisible();
    await expect(page.getByRole("main").getByRole("link", { name: DRAMA.title }).first()).toBeVisible();
    await expectPageIn(page, "id", { javaScript: js });
  });

  await test.step("the home page, signed in (Lanjutkan Menonton)", async () => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 2, name: id("home.row.continue") })).toBeVisible();
    await expectPageIn(page, "id", { javaScript: js });
  });

  await test.step("account (Akun)", async () => {
    await nav(page)
      .getByRole("link", { name: id("nav.account") })
      .click();
    await expect(page).toHaveURL("/account");
    await expect(page.getByRole("heading", { level: 1, name: id("account.title") })).toBeVisible();
    await expect(page.getByText(id("account.signedInAs", { email: account.email }))).toBeVisible();
    await expectPageIn(page, "id", { javaScript: js });
  });

  await test.step("sign out (Keluar)", async () => {
    await nav(page)
      .getByRole("button", { name: id("nav.signOut") })
      .click();
    await expect(page).toHaveURL("/");
    await expect(page.getByText(id("flash.signedOut"), { exact: true })).toBeVisible();
    await expect(nav(page).getByRole("link", { name: id("nav.signIn") })).toBeVisible();
    await expectPageIn(page, "id", { javaScript: js });
  });
}

test.describe("in Bahasa Indonesia", () => {
  test.use({ locale: "id-ID" });

  test("the whole journey with JavaScript: every page in Indonesian, no axe violations", async ({ page }) => {
    await indonesianJourney(page, true);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the whole journey: every page in Indonesian, no axe violations", async ({ page }) => {
      await indonesianJourney(page, false);
    });
  });

  test("the sign-in and register pages with errors are Indonesian and accessible", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel(id("form.email"), { exact: true }).fill("not-an-email");
    await page.getByRole("button", { name: exact(id("login.submit")) }).click();
    await expect(page.getByText(id("form.email.invalid"))).toBeVisible();
    await expect(page.getByText(id("form.password.required"))).toBeVisible();
    await expectPageIn(page, "id");

    await page.goto("/register");
    await page.getByRole("button", { name: id("register.submit") }).click();
    await expect(page.getByText(id("form.name.required"))).toBeVisible();
    await expectPageIn(page, "id");
  });

  test("a page that does not exist is Indonesian and accessible", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    expect(response?.headers()["content-language"]).toBe("id");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(id("error.notFound.title"));
    await expectPageIn(page, "id");
  });
});

/** A browser with no JavaScript that asks for Indonesian. */
function indonesianBrowser(browser: Browser, options: BrowserContextOptions = {}) {
  return browser.newContext({ locale: "id-ID", javaScriptEnabled: false, ...options });
}

async function languageCookie(page: Page): Promise<string | undefined> {
  return (await page.context().cookies()).find((cookie) => cookie.name === "dracin_lang")?.value;
}

test.describe("the language switch without JavaScript", () => {
  test.use({ locale: "id-ID", javaScriptEnabled: false });

  test("English shows the same page in English, and the choice stays on the next pages", async ({ page }) => {
    await page.goto("/browse?genre=romance");
    await expectPageIn(page, "id", { axe: false });
    const switcher = page.getByRole("navigation", { name: id("language.label") });
    await expect(switcher.getByRole("link")).toHaveCount(1);
    await switcher.getByRole("link", { name: en("locale.name") }).click();

    await expect(page).toHaveURL("/browse?genre=romance");
    await expectPageIn(page, "en", { javaScript: false });
    await expect(page.getByRole("heading", { level: 1, name: en("browse.title") })).toBeVisible();
    await expect(page.getByRole("form", { name: en("browse.filters") }).getByLabel(en("browse.genre"))).toHaveValue(
      "romance",
    );
    expect(await languageCookie(page)).toBe("en");

    // Another page, reached by a link: still English, though the browser asks for Indonesian.
    await nav(page, en)
      .getByRole("link", { name: en("nav.search") })
      .click();
    await expect(page).toHaveURL("/search");
    await expectPageIn(page, "en", { axe: false });
    await page.goto(`/drama/${DRAMA.id}`);
    await expectPageIn(page, "en", { axe: false });

    // And back.
    await page
      .getByRole("navigation", { name: en("language.label") })
      .getByRole("link", { name: id("locale.name") })
      .click();
    await expect(page).toHaveURL(`/drama/${DRAMA.id}`);
    await expectPageIn(page, "id", { axe: false });
    expect(await languageCookie(page)).toBe("id");
  });

  test("a ?lang= link shows one page in that language without changing the choice", async ({ page }) => {
    await page.goto("/browse?lang=en");
    await expectPageIn(page, "en", { axe: false });
    expect(await languageCookie(page)).toBeUndefined();
    await nav(page, en)
      .getByRole("link", { name: en("nav.search") })
      .click();
    await expectPageIn(page, "id", { axe: false });
  });

  test("signed in, the choice is saved on the account: another browser that signs in gets it", async ({
    page,
    browser,
  }) => {
    test.setTimeout(60_000);
    const account = newAccount("id-switch");
    await page.goto("/");
    await registerHere(page, account, false);
    await expectPageIn(page, "id", { axe: false });

    await page.goto("/account");
    await page
      .getByRole("navigation", { name: id("language.label") })
      .getByRole("link", { name: en("locale.name") })
      .click();
    await expect(page).toHaveURL("/account");
    await expectPageIn(page, "en", { axe: false });
    await expect(page.getByRole("heading", { level: 1, name: en("account.title") })).toBeVisible();

    // A second device: an Indonesian browser that has never chosen a language.
    const other = await indonesianBrowser(browser);
    try {
      const phone = await other.newPage();
      await phone.goto("/login");
      await expectPageIn(phone, "id", { axe: false });
      await signInHere(phone, account, id);
      await expectPageIn(phone, "en", { axe: false });
      await phone.goto("/browse");
      await expectPageIn(phone, "en", { axe: false });
      expect(await languageCookie(phone)).toBeUndefined();

      // It switches back to Indonesian: saved again, so the first browser follows on its next page.
      await phone
        .getByRole("navigation", { name: en("language.label") })
        .getByRole("link", { name: id("locale.name") })
        .click();
      await expectPageIn(phone, "id", { axe: false });
    } finally {
      await other.close();
    }
    // The first browser's own cookie still says English; the account says Indonesian and wins.
    expect(await languageCookie(page)).toBe("en");
    await page.goto("/account");
    await expectPageIn(page, "id", { axe: false });
  });
});
