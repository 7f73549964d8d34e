/**
 * Email confirmation and password reset in a real browser, with JavaScript on
 * and off. The test server runs without SMTP_URL, so every message lands as
 * an .eml file in <E2E_DATA_DIR>/outbox; the tests read the newest one for
 * their address to follow its link. axe checks the pages of both flows.
 */
import fs from "node:fs";
import path from "node:path";
import { parseMail, linkIn, type ReceivedMail } from "../helpers/smtp-sink";
import { expect, newAccount, registerInBrowser, test } from "./fixtures";
import { expectNoViolations } from "./axe";

const OUTBOX = path.resolve(process.env.E2E_DATA_DIR || "tests/.tmp/e2e-data", "outbox");
const NEW_PASSWORD = "paper lantern over quiet river";

function mailsTo(email: string): ReceivedMail[] {
  if (!fs.existsSync(OUTBOX)) return [];
  return fs
    .readdirSync(OUTBOX)
    .filter((name) => name.endsWith(".eml"))
    .sort()
    .map((name) => parseMail(fs.readFileSync(path.join(OUTBOX, name), "utf8")))
    .filter((mail) => mail.to.includes(email.toLowerCase()));
}

/** The link in the newest mail to `email` whose subject matches (waits for the outbox: mail is sent in the background). */
async function linkFromOutbox(email: string, subject: RegExp, pathPrefix: string, count = 1): Promise<string> {
  let mails: ReceivedMail[] = [];
  await expect
    .poll(() => (mails = mailsTo(email).filter((mail) => subject.test(mail.subject))).length, {
      message: `${count} mail(s) "${subject}" to ${email} in ${OUTBOX}`,
    })
    .toBeGreaterThanOrEqual(count);
  return linkIn(mails[mails.length - 1], pathPrefix);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("a new viewer confirms their email from the banner's link", async ({ page }) => {
      const account = newAccount("confirm");
      await registerInBrowser(page, account);
      const banner = page.locator(".verify-banner");
      await expect(banner).toContainText(`Please confirm your email address ${account.email}`);

      await test.step("resend from the banner", async () => {
        await banner.getByRole("button", { name: "Resend email" }).click();
        await expect(page).toHaveURL("/");
        await expect(
          page.getByRole("status").filter({ hasText: "We have sent you a new confirmation link." }),
        ).toBeVisible();
      });

      const link = await linkFromOutbox(account.email, /^Confirm your email/, "/verify-email", 2);
      expect(new URL(link).origin).toBe(new URL(page.url()).origin);
      await page.goto(link);
      await expect(page).toHaveURL("/verify-email?verified=1");
      await expect(page.getByRole("heading", { level: 1, name: "Email address confirmed" })).toBeVisible();
      await expect(page.locator(".verify-banner")).toHaveCount(0);

      await page.goto("/account");
      await expect(page.getByText("Your email address is confirmed.")).toBeVisible();
      await page.goto("/");
      await expect(page.locator(".verify-banner")).toHaveCount(0);

      // The link worked once.
      await page.goto(link);
      await expect(page.getByRole("heading", { level: 1, name: "This link does not work" })).toBeVisible();
    });

    test("a viewer who forgot their password resets it and signs in with the new one", async ({ page, account }) => {
      await page.goto("/login");
      await page.getByRole("link", { name: "Forgot your password?" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
      await page.getByLabel("Email", { exact: true }).fill(account.email);
      await page.getByRole("button", { name: "Send reset link" }).click();
      await expect(page.getByRole("status").filter({ hasText: "If an account exists for that address" })).toContainText(
        "expires in 1 hour",
      );

      const link = await linkFromOutbox(account.email, /^Reset your Dracin password$/, "/reset-password");
      await page.goto(link);
      await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();

      await test.step("a guessable password is refused with the reason, and the link still works", async () => {
        await page.getByLabel("New password", { exact: true }).fill("password123");
        await page.getByLabel("Confirm new password").fill("password123");
        await page.getByRole("button", { name: "Change password" }).click();
        const field = page.getByLabel("New password", { exact: true });
        await expect(field).toHaveAttribute("aria-invalid", "true");
        await expect(page.getByText("This is a commonly used password.")).toBeVisible();
      });

      await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
      await page.getByRole("button", { name: "Change password" }).click();
      await expect(page).toHaveURL("/login");
      await expect(page.getByRole("status").filter({ hasText: "Your password has been changed." })).toBeVisible();

      await page.getByLabel("Email", { exact: true }).fill(account.email);
      await page.getByLabel("Password", { exact: true }).fill(account.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert")).toContainText("The email or password is not right.");

      await page.getByLabel("Email", { exact: true }).fill(account.email);
      await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL("/");
      await expect(
        page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out" }),
      ).toBeVisible();
      // The reset link proved the address: no banner.
      await expect(page.locator(".verify-banner")).toHaveCount(0);

      await page.goto(link);
      await expect(page.getByRole("heading", { level: 1, name: "This reset link does not work" })).toBeVisible();
    });
  });
}

test.describe("axe", () => {
  test("forgot password: the form, its errors and the answer", async ({ page }) => {
    await page.goto("/forgot-password");
    await expectNoViolations(page);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByText("Enter your email address.")).toBeVisible();
    await expectNoViolations(page);
    await page.getByLabel("Email", { exact: true }).fill(`nobody-${Date.now()}@example.com`);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect(page.getByRole("status").filter({ hasText: "If an account exists" })).toBeVisible();
    await expectNoViolations(page);
  });

  test("reset password: the form with errors, and a bad link", async ({ page, account }) => {
    const response = await page.request.post("/forgot-password", { form: { email: account.email }, maxRedirects: 0 });
    expect(response.status()).toBe(303);
    await page.goto(await linkFromOutbox(account.email, /^Reset your/, "/reset-password"));
    await expectNoViolations(page);
    await page.getByLabel("New password", { exact: true }).fill("qwertyuiop");
    await page.getByLabel("Confirm new password").fill("something else");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("The two passwords do not match.")).toBeVisible();
    await expectNoViolations(page);

    const bad = await page.goto("/reset-password?token=not-a-real-token");
    expect(bad?.status()).toBe(400);
    await expect(page.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
    await expectNoViolations(page);
  });

  test("verify email: check your inbox, a bad link, and the signed-in page with the banner", async ({
    page,
    signedIn,
  }) => {
    await page.goto("/verify-email");
    await expect(page.getByText(`Your email address ${signedIn.email} is not confirmed yet.`)).toBeVisible();
    await expectNoViolations(page);
    await page.goto("/my-list");
    await expect(page.locator(".verify-banner")).toBeVisible();
    await expectNoViolations(page);

    const bad = await page.goto("/verify-email?token=nope");
    expect(bad?.status()).toBe(400);
    await expectNoViolations(page);

    await page.context().clearCookies();
    await page.goto("/verify-email?sent=1");
    await expect(page.getByRole("heading", { level: 1, name: "Check your inbox" })).toBeVisible();
    await expectNoViolations(page);
  });
});
