/**
 * OAuth in a real browser: real redirects between Dracin and the fake OAuth2
 * server that playwright.config.ts starts (tests/e2e/fake-oauth.mjs), which
 * plays the generic provider "Fake ID" and GitHub. Tests set the identity the
 * server returns through its control endpoint.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, newAccount, registerAccount, test } from "./fixtures";
import { expectNoViolations } from "./axe";

const OAUTH_URL = `http://127.0.0.1:${Number(process.env.E2E_OAUTH_PORT || 4421)}`;

interface Identity {
  sub: string;
  email: string | null;
  email_verified: boolean;
  name: string | null;
}

let counter = 0;
function newIdentity(label = "oauth"): Identity {
  counter += 1;
  const unique = `${Date.now().toString(36)}-${process.pid}-${counter}`;
  return {
    sub: `${label}-${unique}`,
    email: `${label}-${unique}@example.com`,
    email_verified: true,
    name: `OAuth ${label} ${counter}`,
  };
}

async function control(request: APIRequestContext, body: Record<string, unknown>) {
  const response = await request.post(`${OAUTH_URL}/__control`, { data: { reset: true, ...body } });
  expect(response.status()).toBe(200);
}

async function expectSignedIn(page: Page) {
  await expect(page.getByRole("link", { name: "Account", exact: true })).toBeVisible();
  const cookies = await page.context().cookies();
  expect(cookies.map((cookie) => cookie.name)).toContain("dracin_session");
}

test.afterEach(async ({ playwright }) => {
  const request = await playwright.request.newContext();
  await control(request, {});
  await request.dispose();
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("Continue with Fake ID signs a new viewer in through real redirects", async ({ page }) => {
      const who = newIdentity(javaScriptEnabled ? "js" : "nojs");
      await control(page.request, { identity: who });
      await page.goto("/login?redirectTo=%2Fmy-list");
      const visited: string[] = [];
      page.on("request", (request) => {
        if (request.isNavigationRequest())
          visited.push(new URL(request.url()).origin + new URL(request.url()).pathname);
      });
      await page.getByRole("button", { name: "Continue with Fake ID" }).click();
      await page.waitForURL("**/my-list");
      expect(visited).toContain(`${OAUTH_URL}/authorize`);
      expect(visited.some((url) => url.endsWith("/auth/fake/callback"))).toBe(true);
      await expectSignedIn(page);

      await page.goto("/account");
      await expect(page.getByText(`Signed in as ${who.email}.`)).toBeVisible();
      const connections = page.getByRole("region", { name: "Connected accounts" });
      await expect(connections.getByRole("listitem").filter({ hasText: "Fake ID" })).toContainText("Connected on");
      // The flow's cookies are gone after the callback.
      const names = (await page.context().cookies()).map((cookie) => cookie.name);
      expect(names.filter((name) => name.startsWith("dracin_oauth"))).toEqual([]);
    });

    test("the register page offers the same buttons", async ({ page }) => {
      const who = newIdentity("reg");
      await control(page.request, { identity: who });
      await page.goto("/register");
      await expect(page.getByRole("button", { name: "Continue with GitHub" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Continue with Google" })).toHaveCount(0);
      await page.getByRole("button", { name: "Continue with Fake ID" }).click();
      await page.waitForURL((url) => url.pathname === "/");
      await expectSignedIn(page);
    });
  });
}

test.describe("errors", () => {
  test("a refusal at the provider ends on a friendly, accessible page", async ({ page }) => {
    await control(page.request, { faults: { authorizeError: "access_denied" } });
    await page.goto("/login");
    const callback = page.waitForResponse((response) => response.url().includes("/auth/fake/callback"));
    await page.getByRole("button", { name: "Continue with Fake ID" }).click();
    expect((await callback).status()).toBe(400);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign-in with Fake ID did not work");
    await expect(page.getByRole("alert")).toHaveText("You cancelled the sign-in at Fake ID. Nothing was changed.");
    // No stack trace or internals.
    await expect(page.locator("body")).not.toContainText(/node_modules|\.js:\d+|Error:/);
    await expectNoViolations(page);
    await page.getByRole("link", { name: "Try again" }).click();
    await expect(page).toHaveURL(/\/login\?redirectTo=%2F$/);
  });

  test("an existing email that is not verified is not taken over", async ({ page, account }) => {
    // `account` registered with a password; its email is not verified.
    await control(page.request, { identity: { ...newIdentity("taken"), email: account.email } });
    await page.goto("/login");
    await page.getByRole("button", { name: "Continue with Fake ID" }).click();
    await expect(page.getByRole("alert")).toHaveText(
      "An account with this email already exists. Sign in with your password, then connect Fake ID from your Account page.",
    );
    const names = (await page.context().cookies()).map((cookie) => cookie.name);
    expect(names).not.toContain("dracin_session");
    await expectNoViolations(page);
  });
});

test.describe("connected accounts on /account", () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`connect and disconnect GitHub (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
      browser,
      baseURL,
    }) => {
      const context = await browser.newContext({
        javaScriptEnabled,
        baseURL,
        locale: "en-US",
        extraHTTPHeaders: { Origin: baseURL ?? "" },
      });
      const page = await context.newPage();
      const account = newAccount("connect");
      // Signed in by registering; the account keeps English, the browser's language.
      await registerAccount(page.request, account, "en-US");
      await control(page.request, { identity: newIdentity("gh") });

      await page.goto("/account");
      const connections = page.getByRole("region", { name: "Connected accounts" });
      await expectNoViolations(page, { javaScript: javaScriptEnabled });
      await connections.getByRole("button", { name: "Connect GitHub" }).click();
      await page.waitForURL("**/account");
      await expect(page.getByRole("status").filter({ hasText: "The account is connected." })).toBeVisible();
      const github = connections.getByRole("listitem").filter({ hasText: "GitHub" });
      await expect(github).toContainText("Connected on");
      await expectNoViolations(page, { javaScript: javaScriptEnabled });

      await github.getByRole("button", { name: "Disconnect GitHub" }).click();
      await page.waitForURL("**/account");
      await expect(page.getByRole("status").filter({ hasText: "The account is disconnected." })).toBeVisible();
      await expect(connections.getByRole("listitem").filter({ hasText: "GitHub" })).toContainText("Not connected");
      await context.close();
    });
  }

  test("a viewer without a password cannot disconnect their only sign-in", async ({ page }) => {
    await control(page.request, { identity: newIdentity("only") });
    await page.goto("/login");
    await page.getByRole("button", { name: "Continue with Fake ID" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto("/account");
    const fake = page
      .getByRole("region", { name: "Connected accounts" })
      .getByRole("listitem")
      .filter({ hasText: "Fake ID" });
    await expect(fake).toContainText("This is your only way to sign in");
    const answer = page.waitForResponse((response) => response.url().endsWith("/account/connections"));
    await fake.getByRole("button", { name: "Disconnect Fake ID" }).click();
    expect((await answer).status()).toBe(409);
    await expect(page.getByRole("alert")).toHaveText(
      "You cannot disconnect Fake ID: it is your only way to sign in. Connect another account first.",
    );
    await expect(page.getByRole("listitem").filter({ hasText: "Fake ID" })).toContainText("Connected on");
    await expectNoViolations(page);
  });
});
