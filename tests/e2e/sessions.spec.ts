/**
 * Signed-in devices and account deletion in a real browser: two browser
 * contexts are two devices; ending one signs it out on its next request.
 * With JavaScript on and off, and axe on both pages.
 */
import type { Browser, Page } from "@playwright/test";
import { expect, signIn, test, type Account } from "./fixtures";
import { expectNoViolations } from "./axe";

const PHONE_UA =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.135 Mobile Safari/537.36";

/** A second device: its own browser context (cookies), with a phone's User-Agent. */
async function phoneSignedIn(
  browser: Browser,
  baseURL: string | undefined,
  account: Account,
  javaScriptEnabled: boolean,
) {
  // The project's `use` options do not reach a context made here: give it the Origin the config sends.
  const context = await browser.newContext({
    baseURL,
    userAgent: PHONE_UA,
    locale: "en-US",
    javaScriptEnabled,
    extraHTTPHeaders: baseURL ? { Origin: baseURL } : {},
  });
  const phone = await context.newPage();
  await signIn(phone, account);
  return { context, phone };
}

function sessionItems(page: Page) {
  return page.locator(".session-item");
}

/**
 * The registration (the `account` fixture) left a session of its own; end
 * every other session so the page starts with just this browser's.
 */
async function keepOnlyThisSession(page: Page, account: Account) {
  await page.goto("/account/sessions");
  if ((await sessionItems(page).count()) > 1) {
    await page.getByLabel("Current password").fill(account.password);
    await page.getByRole("button", { name: "End all other sessions" }).click();
    await expect(page.getByText("All your other sessions have ended.")).toBeVisible();
  }
  await expect(page.getByText("1 active session", { exact: true })).toBeVisible();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("two devices: see both, end the other one, it is signed out on its next request", async ({
      page,
      browser,
      baseURL,
      signedIn: account,
    }) => {
      await keepOnlyThisSession(page, account);
      await expect(page.getByText("This session", { exact: true })).toBeVisible();

      const { context, phone } = await phoneSignedIn(browser, baseURL, account, javaScriptEnabled);
      await phone.goto("/account");
      await expect(phone.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();

      await page.goto("/account");
      await page.getByRole("link", { name: "Signed-in devices" }).click();
      await expect(page).toHaveURL(/\/account\/sessions$/);
      await expect(page.getByText("2 active sessions")).toBeVisible();
      const phoneItem = sessionItems(page).filter({ hasText: "Chrome 131 on Android" });
      await expect(phoneItem).toHaveCount(1);
      await expect(phoneItem).toContainText(/127\.0\.0\.1/);
      await expect(phoneItem).not.toContainText("This session");
      await expect(sessionItems(page).filter({ hasText: "This session" })).toHaveCount(1);

      await phoneItem.getByRole("button", { name: "End session: Chrome 131 on Android" }).click();
      await expect(page.getByText("The session has ended. That browser is signed out.")).toBeVisible();
      await expect(page.getByText("1 active session", { exact: true })).toBeVisible();
      await expect(page.getByText("Chrome 131 on Android")).toHaveCount(0);

      // The phone's next request finds its session gone.
      await phone.goto("/account");
      await expect(phone).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
      await context.close();

      // This browser is still signed in.
      await page.goto("/account");
      await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
    });

    test("end all other sessions needs the current password", async ({ page, browser, baseURL, signedIn: account }) => {
      await keepOnlyThisSession(page, account);
      const { context, phone } = await phoneSignedIn(browser, baseURL, account, javaScriptEnabled);

      await page.goto("/account/sessions");
      await page.getByLabel("Current password").fill("not the password");
      await page.getByRole("button", { name: "End all other sessions" }).click();
      const field = page.getByLabel("Current password");
      await expect(field).toHaveAttribute("aria-invalid", "true");
      await expect(field).toHaveAccessibleDescription("The password is not right.");
      await phone.goto("/account");
      await expect(phone.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();

      await page.getByLabel("Current password").fill(account.password);
      await page.getByRole("button", { name: "End all other sessions" }).click();
      await expect(page.getByText("All your other sessions have ended.")).toBeVisible();
      await expect(page.getByText("This is your only signed-in session.")).toBeVisible();
      await phone.goto("/account");
      await expect(phone).toHaveURL(/\/login/);
      await context.close();
    });

    test("ending this session signs this browser out", async ({ page, signedIn: _ }) => {
      await page.goto("/account/sessions");
      await sessionItems(page)
        .filter({ hasText: "This session" })
        .getByRole("button", { name: /^Sign out of this session/ })
        .click();
      await expect(page.getByText("You have signed out.")).toBeVisible();
      await page.goto("/account");
      await expect(page).toHaveURL(/\/login/);
    });

    test("delete account: a wrong password deletes nothing; the right one deletes it and signs every device out", async ({
      page,
      browser,
      baseURL,
      signedIn: account,
    }) => {
      const { context, phone } = await phoneSignedIn(browser, baseURL, account, javaScriptEnabled);

      await page.goto("/account");
      await page.getByRole("link", { name: "Delete account" }).click();
      await expect(page).toHaveURL(/\/account\/delete$/);
      await expect(page.getByRole("heading", { level: 1, name: "Delete account" })).toBeVisible();
      await expect(page.getByRole("main")).toContainText("your watch history");

      await page.getByLabel("Current password").fill("not the password");
      await page.getByRole("button", { name: "Delete my account" }).click();
      await expect(page.getByLabel("Current password")).toHaveAccessibleDescription(
        "The password is not right. Your account has not been deleted.",
      );
      await page.goto("/account");
      await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();

      await page.goto("/account/delete");
      await page.getByLabel("Current password").fill(account.password);
      await page.getByRole("button", { name: "Delete my account" }).click();
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByText("Your account has been deleted.")).toBeVisible();
      await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();

      await phone.goto("/account");
      await expect(phone).toHaveURL(/\/login/);
      await context.close();

      // The credentials no longer sign in.
      const response = await page.request.post("/login", {
        form: { email: account.email, password: account.password, redirectTo: "/" },
        maxRedirects: 0,
      });
      expect(response.status()).toBe(400);
    });
  });
}

test.describe("accessibility", () => {
  test("/account/sessions has no axe violations, with two sessions and with an error", async ({
    page,
    browser,
    baseURL,
    signedIn: account,
  }) => {
    const { context } = await phoneSignedIn(browser, baseURL, account, true);
    await page.goto("/account/sessions");
    await expect(page.getByRole("heading", { level: 1, name: "Signed-in devices" })).toBeVisible();
    await expectNoViolations(page);
    await page.getByRole("button", { name: "End all other sessions" }).click();
    await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
    await expectNoViolations(page);
    await context.close();
  });

  test("/account/delete has no axe violations, and with an error", async ({ page, signedIn: _ }) => {
    await page.goto("/account/delete");
    await expect(page.getByRole("heading", { level: 1, name: "Delete account" })).toBeVisible();
    await expectNoViolations(page);
    await page.getByLabel("Current password").fill("wrong password");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
    await expectNoViolations(page);
  });

  test("/account with the new links has no axe violations", async ({ page, signedIn: _ }) => {
    await page.goto("/account");
    await expect(page.getByRole("link", { name: "Signed-in devices" })).toBeVisible();
    await expectNoViolations(page);
  });
});
