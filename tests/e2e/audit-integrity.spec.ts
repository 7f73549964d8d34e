/**
 * The audit trail's integrity page in a browser, with JavaScript and without,
 * in English and Indonesian: an admin verifies the trail (intact), sees it
 * break at the row edited by hand in the database and intact again once it is
 * put back, reads the retention policy, and turns the legal hold on and off.
 */
import path from "node:path";
import type { Page } from "@playwright/test";
import { adminRole, E2E_DATABASE_URL as DATABASE_URL, setAuditRowIp } from "../helpers/e2e-database";
import { expectNoViolations } from "./axe";
import { expect, test } from "./fixtures";

const root = path.resolve(import.meta.dirname, "..", "..");

function grantAdmin(email: string): void {
  expect(adminRole("grant", email)).toContain("is now an admin");
}

/** axe runs in the page, so only where JavaScript does (the pages are the same without it). */
async function axeWhere(page: Page, javaScriptEnabled: boolean): Promise<void> {
  if (javaScriptEnabled) await expectNoViolations(page);
}

async function verify(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Verify the audit trail" }).click();
  await expect(page.getByRole("status").filter({ hasText: /audit trail is/ })).toBeVisible();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("an admin verifies the trail, sees it break where a row was edited by hand, and switches the legal hold", async ({
      page,
      signedIn,
    }) => {
      grantAdmin(signedIn.email);
      await page.goto("/admin/audit");
      const policy = page.getByText(/^Entries are kept for 365 days; the oldest kept is from/);
      await expect(policy).toBeVisible();
      await page.getByRole("link", { name: "Integrity and retention" }).first().click();
      await expect(page.getByRole("heading", { level: 1, name: "Audit trail integrity" })).toBeVisible();
      await expect(
        page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Integrity and retention" }),
      ).toHaveAttribute("aria-current", "page");
      await axeWhere(page, javaScriptEnabled);

      await verify(page);
      const result = page.getByRole("status").filter({ hasText: /audit trail is/ });
      await expect(result).toContainText("The audit trail is intact.");
      await expect(result).toContainText(/\d+ entries checked \(positions 1–\d+\)/);
      await axeWhere(page, javaScriptEnabled);

      // Someone with database access edits row 2: the page names it.
      const was = await setAuditRowIp(DATABASE_URL, root, 2, "203.0.113.250");
      try {
        await verify(page);
        await expect(result).toContainText("The audit trail is broken: an entry was changed.");
        await expect(result).toContainText("The entry at position 2 differs from what was recorded.");
        await axeWhere(page, javaScriptEnabled);
        await result.getByRole("link", { name: "Open the entry where it breaks" }).click();
        await expect(page.getByRole("heading", { level: 1 })).toContainText("Audit entry");
        await expect(page.getByText("203.0.113.250")).toBeVisible();
      } finally {
        await setAuditRowIp(DATABASE_URL, root, 2, was);
      }
      await page.goto("/admin/audit/verify");
      await verify(page);
      await expect(result).toContainText("The audit trail is intact.");

      // Retention and the legal hold.
      const facts = page.getByRole("region", { name: "Retention" });
      await expect(facts).toContainText("Entries are kept for 365 days");
      await expect(facts).toContainText("Legal hold");
      await page.getByRole("button", { name: "Turn the legal hold on" }).click();
      await expect(page.getByText("Legal hold is on: no audit entries will be removed.")).toBeVisible();
      await expect(facts).toContainText("On: nothing is removed");
      await page.goto("/admin/audit");
      await expect(page.getByText("A legal hold is on: no entries are removed.")).toBeVisible();
      await page.goto("/admin/audit/verify");
      await page.getByRole("button", { name: "Turn the legal hold off" }).click();
      await expect(
        page.getByText("Legal hold is off: entries older than the retention period will be removed."),
      ).toBeVisible();
      await expect(page.getByRole("button", { name: "Turn the legal hold on" })).toBeVisible();

      // Each verification and each switch is in the trail.
      await page.goto("/admin/audit?action=AUDIT_VERIFY");
      await expect(
        page.getByRole("table", { name: "Audit entries, newest first" }).locator("tbody tr"),
      ).not.toHaveCount(0);
      await page.goto("/admin/audit?action=AUDIT_HOLD_CHANGE");
      await expect(
        page.getByRole("table", { name: "Audit entries, newest first" }).locator("tbody tr"),
      ).not.toHaveCount(0);
    });
  });
}

test("the integrity page in Indonesian, after a verification", async ({ page, signedIn }) => {
  grantAdmin(signedIn.email);
  await page.goto("/admin/audit/verify");
  // The language switch keeps the choice for the form's answer too.
  await page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "Bahasa Indonesia" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Integritas log audit" })).toBeVisible();
  await page.getByRole("button", { name: "Verifikasi log audit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Log audit utuh." })).toBeVisible();
  await expect(page.getByRole("region", { name: "Retensi" })).toContainText("Entri disimpan selama 365 hari");
  await expectNoViolations(page);
});
