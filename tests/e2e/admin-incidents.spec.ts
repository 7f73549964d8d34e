/**
 * Incident controls in a browser, with JavaScript on and off: an admin
 * (granted with the real build/admin-role.js) disables and enables an
 * account, ends a session on /admin/sessions and signs everyone out; another
 * browser (its own request context) is signed out and refused meanwhile.
 * axe on /admin/sessions and the user page in English and Indonesian.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { adminRole } from "../helpers/e2e-database";
import { expect, newAccount, registerAccount, test, type Account } from "./fixtures";
import { expectNoViolations } from "./axe";

const adminTest = test.extend<{ admin: Account }>({
  admin: async ({ signedIn }, use) => {
    expect(adminRole("grant", signedIn.email)).toContain("is now an admin");
    await use(signedIn);
  },
});

/** Another person, registered (and so signed in) in a browser of their own. */
async function otherViewer(
  playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } },
  baseURL: string | undefined,
  prefix: string,
) {
  const account = newAccount(prefix);
  const request = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { Origin: baseURL ?? "", "Accept-Language": "en-US" },
  });
  await registerAccount(request, account);
  expect(await signedIn(request)).toBe(true);
  return { account, request };
}

async function signedIn(request: APIRequestContext): Promise<boolean> {
  return (await request.get("/account", { maxRedirects: 0 })).status() === 200;
}

async function signInStatus(request: APIRequestContext, account: Account): Promise<number> {
  const response = await request.post("/login", {
    form: { email: account.email, password: account.password, redirectTo: "/" },
    maxRedirects: 0,
  });
  if (response.status() === 400) {
    expect(await response.text()).toContain("The email or password is not right. Please try again.");
  }
  return response.status();
}

async function openUserPage(page: Page, email: string): Promise<void> {
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await page.getByRole("link", { name: email }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(email);
}

for (const javaScriptEnabled of [true, false]) {
  adminTest.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    adminTest.use({ javaScriptEnabled });

    adminTest(
      "an admin disables an account, which is signed out and refused, then enables it again",
      async ({ page, admin: _, playwright, baseURL }) => {
        const { account, request } = await otherViewer(playwright, baseURL, "disabled");
        await openUserPage(page, account.email);
        const details = page.getByRole("region", { name: "Account", exact: true });
        await expect(details).toContainText("Active");

        await page.getByRole("button", { name: "Disable account" }).click();
        await expect(page.getByText("The account is disabled and all its sessions have ended.")).toBeVisible();
        await expect(details).toContainText("Disabled");
        await expect(page.getByText("No active sessions.")).toBeVisible();
        expect(await signedIn(request)).toBe(false);
        expect(await signInStatus(request, account)).toBe(400);
        await expect(page.getByRole("table", { name: /newest audit entries/ })).toContainText("Account disabled");

        await page.getByRole("button", { name: "Enable account" }).click();
        await expect(page.getByText("The account is enabled. The user can sign in again.")).toBeVisible();
        await expect(details).toContainText("Active");
        expect(await signInStatus(request, account)).toBe(303);
        expect(await signedIn(request)).toBe(true);
        await request.dispose();
      },
    );

    adminTest(
      "an admin ends one session, then signs everyone out after re-entering the password",
      async ({ page, admin, playwright, baseURL }) => {
        const { account, request } = await otherViewer(playwright, baseURL, "everyone");
        await page.goto("/admin");
        await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Sessions" }).click();
        await expect(page).toHaveURL(/\/admin\/sessions$/);
        await expect(page.getByRole("heading", { level: 1, name: "Active sessions" })).toBeVisible();

        await page.getByLabel("Email contains").fill(account.email.toUpperCase());
        await page.getByRole("button", { name: "Apply filters" }).click();
        const table = page.getByRole("table", { name: "Active sessions, most recently seen first" });
        await expect(table.locator("tbody tr")).toHaveCount(1);
        await expect(table.getByRole("link", { name: account.email })).toBeVisible();
        await table.getByRole("button", { name: /^End session: / }).click();
        await expect(page.getByText("The session has ended. That browser is signed out.")).toBeVisible();
        await expect(page.getByText("No active sessions match these filters.")).toBeVisible();
        expect(await signedIn(request)).toBe(false);
        expect(await signInStatus(request, account)).toBe(303);

        await page.goto("/admin/sessions");
        await page.getByLabel("Current password").fill("not the password at all");
        await page.getByRole("button", { name: "Sign everyone out" }).click();
        const field = page.getByLabel("Current password");
        await expect(field).toHaveAttribute("aria-invalid", "true");
        await expect(field).toHaveAccessibleDescription("The password is not right.");
        expect(await signedIn(request)).toBe(true);

        await page.getByLabel("Current password").fill(admin.password);
        await page.getByRole("button", { name: "Sign everyone out" }).click();
        await expect(page).toHaveURL(/\/login$/);
        await expect(page.getByText("Everyone has been signed out, you too. Sign in again to continue.")).toBeVisible();
        expect(await signedIn(request)).toBe(false);
        await page.goto("/admin/sessions");
        await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fsessions$/);
        await request.dispose();
      },
    );
  });
}

adminTest.describe("accessibility", () => {
  for (const lang of ["en", "id"] as const) {
    adminTest(`/admin/sessions and a user page have no axe violations (${lang})`, async ({ page, admin }) => {
      const heading = lang === "en" ? "Active sessions" : "Sesi aktif";
      await page.goto(`/admin/sessions?lang=${lang}`);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(page.locator("tbody tr").first()).toBeVisible();
      await expectNoViolations(page);
      const invalid = await page.goto(`/admin/sessions?lang=${lang}&ip=nope`);
      expect(invalid?.status()).toBe(400);
      await expectNoViolations(page);

      // The admin's own page (no "Disable" button), and a disabled account's page.
      await page.goto(`/admin/users?q=${encodeURIComponent(admin.email)}&lang=${lang}`);
      await page.getByRole("link", { name: admin.email }).click();
      await expectNoViolations(page);
    });
  }

  adminTest(
    "a disabled account's page has no axe violations (en, id)",
    async ({ page, admin: _, playwright, baseURL }) => {
      const { account, request } = await otherViewer(playwright, baseURL, "axe");
      await openUserPage(page, account.email);
      await page.getByRole("button", { name: "Disable account" }).click();
      await expect(page.getByRole("button", { name: "Enable account" })).toBeVisible();
      await expectNoViolations(page);
      await page.goto(`${new URL(page.url()).pathname}?lang=id`);
      await expect(page.getByRole("button", { name: "Aktifkan akun" })).toBeVisible();
      await expectNoViolations(page);
      await request.dispose();
    },
  );
});

test.describe("closed to everyone else", () => {
  test("a viewer gets 403 from the page and its actions; a visitor is sent to sign in", async ({
    page,
    signedIn: account,
  }) => {
    expect((await page.goto("/admin/sessions"))?.status()).toBe(403);
    const forms: Record<string, string>[] = [
      { intent: "end-all", currentPassword: account.password },
      { intent: "end-session", sessionId: "anything" },
    ];
    for (const form of forms) {
      expect((await page.request.post("/admin/sessions", { form, maxRedirects: 0 })).status()).toBe(403);
    }
    expect(
      (await page.request.post("/admin/users/anyone", { form: { intent: "disable" }, maxRedirects: 0 })).status(),
    ).toBe(403);
    expect((await page.goto("/account"))?.status()).toBe(200);
    await page.context().clearCookies();
    await page.goto("/admin/sessions");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fsessions$/);
  });
});
