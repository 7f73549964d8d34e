/**
 * Shared fixtures for the browser tests.
 *
 * - `account`: a fresh, registered account (not signed in anywhere yet).
 * - `signedIn`: signs the test's browser context in as `account` through the
 *   real sign-in form endpoint (page.request shares the context's cookies).
 *
 * Every test gets its own account, so tests never depend on each other's data.
 */
import { test as base, expect, type APIRequestContext, type Page, type TestInfo } from "@playwright/test";

export interface Account {
  name: string;
  email: string;
  password: string;
}

/**
 * Catalog ids are namespaced by provider: none for the local demo catalog,
 * "ext:" when Dracin reads the same catalog over HTTP (playwright.http.config.ts).
 */
export const CATALOG_ID_PREFIX = process.env.E2E_CATALOG_ID_PREFIX ?? "";

/** The demo catalog's first drama; its episode 1 is sample-1 (20 s, HLS + MP4). */
export const DRAMA = {
  id: `${CATALOG_ID_PREFIX}moonlit-tea-house`,
  title: "Moonlit Tea House",
  episodeCount: 12,
} as const;
export const EPISODE_1 = `${DRAMA.id}-ep-1`;

let counter = 0;
export function newAccount(prefix = "viewer"): Account {
  counter += 1;
  const unique = `${Date.now().toString(36)}-${process.pid}-${counter}`;
  // A password unrelated to the email: the password policy refuses one that contains it.
  const secret = `${Math.random().toString(36).slice(2, 10)}${counter}`;
  return {
    name: `Test ${prefix} ${counter}`,
    email: `${prefix}-${unique}@example.com`,
    password: `pw-${secret}-long-river`,
  };
}

/** Registers through the real form endpoint (plain POST, as a browser without JS would). */
export async function registerAccount(
  request: APIRequestContext,
  account: Account,
  /** The browser language the account signs up in: the account keeps it (the tests' browsers are en-US). */
  acceptLanguage = "en-US",
): Promise<void> {
  const response = await request.post("/register", {
    form: { name: account.name, email: account.email, password: account.password, redirectTo: "/" },
    headers: { "Accept-Language": acceptLanguage },
    maxRedirects: 0,
  });
  expect(response.status(), "registration answers with a redirect").toBe(303);
}

/** Signs the page's browser context in (the session cookie lands in the context). */
export async function signIn(page: Page, account: Account): Promise<void> {
  const response = await page.request.post("/login", {
    form: { email: account.email, password: account.password, redirectTo: "/" },
    maxRedirects: 0,
  });
  expect(response.status(), "sign-in answers with a redirect").toBe(303);
  const cookies = await page.context().cookies();
  expect(cookies.map((cookie) => cookie.name)).toContain("dracin_session");
}

/**
 * Registers through the /register form in the browser, as a viewer would, and checks the
 * viewer lands on the home page signed in. Only label fills and a submit click: it works the
 * same with JavaScript off. Opens /register unless the page is already there (a spec that
 * tests the way to the form gets there itself).
 */
export async function registerInBrowser(page: Page, account: Account): Promise<void> {
  if (new URL(page.url()).pathname !== "/register") await page.goto("/register");
  await page.getByLabel("Name", { exact: true }).fill(account.name);
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out" })).toBeVisible();
}

export const test = base.extend<{ account: Account; signedIn: Account }>({
  account: async ({ playwright, baseURL, locale }, use) => {
    const account = newAccount();
    // A separate request context: registering must not sign the page in.
    // Origin: as the browser's own form post sends it (the CSRF check wants it, or the page's token).
    // Accept-Language: the test's browser language, which registration saves as the account's language.
    const request = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Origin: baseURL!, ...(locale ? { "Accept-Language": locale } : {}) },
    });
    await registerAccount(request, account, locale ?? "en-US");
    await request.dispose();
    await use(account);
  },
  signedIn: async ({ page, account }, use) => {
    await signIn(page, account);
    await use(account);
  },
});

export { expect };

/** The polite live region htmx updates are announced in. */
export function announcer(page: Page) {
  return page.locator("#announcer");
}

/** The current playback position of the page's <video>, in seconds. */
export function currentTime(page: Page): Promise<number> {
  return page
    .locator("video")
    .first()
    .evaluate((video: HTMLVideoElement) => video.currentTime);
}

/** Takes a screenshot into the test's output folder and attaches it to the report, to look at. */
export async function attachScreenshot(page: Page, testInfo: TestInfo, name: string, fullPage = false): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}
