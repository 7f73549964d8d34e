/**
 * The admin pages in a browser: an admin (granted with the real
 * build/admin-role.js, as `npm run admin:grant` runs it in production)
 * filters the audit trail with and without JavaScript, pages through, opens
 * an entry, downloads the CSV, manages a user; axe and keyboard checks;
 * viewers get 403 and visitors the sign-in page.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { E2E_DATABASE_URL, adminRole, insertAuditRows } from "../helpers/e2e-database";
import { announcer, expect, newAccount, registerAccount, test, type Account } from "./fixtures";
import { expectNoViolations } from "./axe";

const root = path.resolve(import.meta.dirname, "..", "..");
/** An IP address of the documentation range no other test uses. */
function uniqueIp(): string {
  const bytes = crypto.randomBytes(2);
  return `2001:db8::${bytes.readUInt16BE(0).toString(16)}:${Date.now().toString(16).slice(-4)}`;
}

/** Writes audit rows straight into the server's database (SQLite or PostgreSQL, as the app stores them). */
async function seedAudit(ip: string, count: number, action = "LOGIN_FAILURE"): Promise<void> {
  const start = Date.now() - count * 1000;
  const rows = Array.from({ length: count }, (_, index) => ({
    id: `e2e${crypto.randomBytes(10).toString("hex")}`,
    action,
    ipAddress: ip,
    userAgent: index === 0 ? '=HYPERLINK("http://evil.example")' : "Seed/1.0",
    entityType: "Subject",
    entityId: `seed-${index}`,
    metadata: { reason: "invalid_credentials", n: index },
    timestamp: new Date(start + index * 1000),
  }));
  await insertAuditRows(E2E_DATABASE_URL, rows, root);
}

const adminTest = test.extend<{ admin: Account }>({
  admin: async ({ signedIn }, use) => {
    expect(adminRole("grant", signedIn.email)).toContain("is now an admin");
    await use(signedIn);
  },
});

adminTest.describe("with JavaScript", () => {
  adminTest(
    "an admin filters with htmx, pages through, opens an entry and downloads the CSV",
    async ({ page, admin: _ }) => {
      const ip = uniqueIp();
      await seedAudit(ip, 60);
      await page.goto("/admin/audit");
      await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
      await expect(page.getByRole("img", { name: /Sign-ins and failed sign-ins per day/ })).toBeVisible();

      const swap = page.waitForResponse((response) => new URL(response.url()).pathname === "/resources/admin-audit");
      await page.getByLabel("IP address").fill(ip);
      await page.getByLabel("IP address").press("Tab");
      expect((await swap).status()).toBe(200);
      await expect(page).toHaveURL(new RegExp(`/admin/audit\\?ip=${encodeURIComponent(ip)}$`));
      await expect(announcer(page)).toHaveText("Showing 50 entries; older entries follow.");
      const table = page.getByRole("table", { name: "Audit entries, newest first" });
      await expect(table.locator("tbody tr")).toHaveCount(50);

      const second = page.waitForResponse((response) => new URL(response.url()).pathname === "/resources/admin-audit");
      await page.getByLabel("Action").selectOption("LOGOUT");
      await second;
      await expect(announcer(page)).toHaveText("No entries match these filters.");
      await expect(page).toHaveURL(/action=LOGOUT/);
      const third = page.waitForResponse((response) => new URL(response.url()).pathname === "/resources/admin-audit");
      await page.getByLabel("Action").selectOption("LOGIN_FAILURE");
      await third;
      await expect(table.locator("tbody tr")).toHaveCount(50);

      await page.getByRole("link", { name: "Older entries" }).click();
      const older = page.getByRole("table", { name: "Audit entries, older page" });
      await expect(older.locator("tbody tr")).toHaveCount(10);
      await expect(page.getByRole("link", { name: "Older entries" })).toHaveCount(0);
      await expect(page.getByLabel("IP address")).toHaveValue(ip);
      await page.getByRole("link", { name: "Newest" }).click();
      await expect(table.locator("tbody tr")).toHaveCount(50);

      await table
        .getByRole("link", { name: /^View entry/ })
        .first()
        .click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit entry: LOGIN_FAILURE");
      await expect(page.getByText("invalid_credentials")).toBeVisible();
      await page.goBack();

      const downloading = page.waitForEvent("download");
      await page.getByRole("link", { name: "Download CSV" }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^dracin-audit-\d{8}-\d{6}Z\.csv$/);
      const csv = fs.readFileSync(await download.path(), "utf8");
      const lines = csv.split("\r\n").filter(Boolean);
      expect(lines).toHaveLength(61);
      expect(lines[0]).toBe(
        '"id","timestamp","action","userId","userEmail","ipAddress","userAgent","entityType","entityId","metadata"',
      );
      expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    },
  );

  adminTest("bad filters show their message in the results, announced", async ({ page, admin: _ }) => {
    await page.goto("/admin/audit");
    await page.getByLabel("IP address").fill("300.1.2.3");
    await page.getByLabel("IP address").press("Enter");
    const alert = page.locator("#audit-results").getByRole("alert");
    await expect(alert).toContainText("Enter an IPv4 or IPv6 address, like 203.0.113.7.");
    await expect(announcer(page)).toHaveText("Some filters are not valid. Correct them and try again:");
  });
});

adminTest.describe("without JavaScript", () => {
  adminTest.use({ javaScriptEnabled: false });

  adminTest(
    "an admin filters with the form, pages through, opens an entry and downloads the CSV",
    async ({ page, admin: _ }) => {
      const ip = uniqueIp();
      await seedAudit(ip, 55);
      await page.goto("/admin/audit");
      await page.getByLabel("IP address").fill(ip);
      await page.getByLabel("Action").selectOption("LOGIN_FAILURE");
      await page.getByRole("button", { name: "Apply filters" }).click();
      await expect(page).toHaveURL(/\/admin\/audit\?action=LOGIN_FAILURE&email=&ip=/);
      await expect(page.getByText("Showing 50 entries; older entries follow.")).toBeVisible();
      await page.getByRole("link", { name: "Older entries" }).click();
      await expect(page.getByRole("table", { name: "Audit entries, older page" }).locator("tbody tr")).toHaveCount(5);
      await page
        .getByRole("link", { name: /^View entry/ })
        .first()
        .click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit entry: LOGIN_FAILURE");

      await page.goto(`/admin/audit?ip=${encodeURIComponent(ip)}`);
      const downloading = page.waitForEvent("download");
      await page.getByRole("link", { name: "Download CSV" }).click();
      const csv = fs.readFileSync(await (await downloading).path(), "utf8");
      expect(csv.split("\r\n").filter(Boolean)).toHaveLength(56);
    },
  );

  adminTest("bad filters answer 400 with the message next to the field", async ({ page, admin: _ }) => {
    const response = await page.goto("/admin/audit?from=2026-05-09&to=2026-05-01&ip=nope");
    expect(response?.status()).toBe(400);
    await expect(page.getByLabel("IP address")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Enter an IPv4 or IPv6 address, like 203.0.113.7.").first()).toBeVisible();
    await expect(page.getByText("The end date must be on or after the start date.").first()).toBeVisible();
    const tampered = await page.goto("/admin/audit?after=not-a-cursor");
    expect(tampered?.status()).toBe(400);
    await expect(page.getByText("This page link is not valid.")).toBeVisible();
  });

  adminTest(
    "an admin finds a user, ends their sessions and makes them an admin",
    async ({ page, admin: _, playwright, baseURL }) => {
      const other = newAccount("managed");
      const request = await playwright.request.newContext({ baseURL });
      await registerAccount(request, other);
      expect((await request.get("/account", { maxRedirects: 0 })).status()).toBe(200);

      await page.goto("/admin/users");
      await page.getByLabel("Search by email or name").fill(other.email.toUpperCase());
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page.getByText("1 user", { exact: true })).toBeVisible();
      await page.getByRole("link", { name: other.email }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(other.email);
      await expect(page.getByRole("table", { name: /Active sessions/ }).locator("tbody tr")).toHaveCount(1);
      await expect(page.getByRole("table", { name: /newest audit entries/ })).toContainText("REGISTER");

      await page.getByRole("button", { name: "End all sessions" }).click();
      await expect(page.getByText("All sessions of this user have ended.")).toBeVisible();
      await expect(page.getByText("No active sessions.")).toBeVisible();
      // Their browser is signed out.
      expect((await request.get("/account", { maxRedirects: 0 })).status()).toBe(303);
      await request.dispose();

      await page.getByRole("radio", { name: "Admin" }).check();
      await page.getByRole("button", { name: "Change role" }).click();
      await expect(page.getByText("The role has been changed.")).toBeVisible();
      await expect(page.getByRole("table", { name: /newest audit entries/ })).toContainText("ROLE_CHANGE");
      expect(adminRole("revoke", other.email)).toContain("is no longer an admin");
    },
  );
});

adminTest.describe("accessibility", () => {
  adminTest("the admin pages have no axe violations", async ({ page, admin }) => {
    const ip = uniqueIp();
    await seedAudit(ip, 3);
    await page.goto("/admin/audit");
    await expectNoViolations(page);
    await page.getByText("Show the numbers as a table").click();
    await expect(page.getByRole("table", { name: "Sign-ins and failed sign-ins per UTC day" })).toBeVisible();
    await expectNoViolations(page);
    await page.screenshot({ path: adminTest.info().outputPath("admin-audit.png"), fullPage: true });
    await page.goto("/admin/audit?ip=nope&from=2026-02-31");
    await expectNoViolations(page);
    await page.goto(`/admin/audit?ip=${encodeURIComponent(ip)}`);
    await page
      .getByRole("link", { name: /^View entry/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Audit entry");
    await expectNoViolations(page);
    await page.goto("/admin/users");
    await expectNoViolations(page);
    await page.goto(`/admin/users?q=${encodeURIComponent(admin.email)}`);
    await page.getByRole("link", { name: admin.email }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(admin.email);
    await expectNoViolations(page);
  });

  adminTest("everything on the audit page is reachable with Tab, with a visible focus", async ({ page, admin: _ }) => {
    const ip = uniqueIp();
    await seedAudit(ip, 51);
    await page.goto(`/admin/audit?ip=${encodeURIComponent(ip)}`);
    const reached = new Set<string>();
    for (let index = 0; index < 120; index += 1) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return null;
        const style = getComputedStyle(element);
        return {
          name: element.getAttribute("aria-label") ?? element.id ?? "",
          text: (element.textContent ?? "").trim().slice(0, 40),
          outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        };
      });
      if (!focused) continue;
      expect(focused.outline, `focus ring on ${focused.name || focused.text}`).toBe(true);
      reached.add(focused.name || focused.text);
      if (focused.text === "Older entries") break;
    }
    for (const wanted of [
      "Audit trail",
      "Users",
      "Show the numbers as a table",
      "audit-action",
      "audit-email",
      "audit-ip",
      "audit-from",
      "audit-to",
      "Apply filters",
      "Clear filters",
      "Download CSV",
      "Audit entries, newest first",
      "Older entries",
    ]) {
      expect([...reached], wanted).toContain(wanted);
    }
  });
});

test.describe("closed to everyone else", () => {
  const urls = [
    "/admin",
    "/admin/audit",
    "/admin/audit/anything",
    "/admin/audit.csv",
    "/admin/users",
    "/admin/users/anyone",
  ];

  test("a viewer who is not an admin gets 403 everywhere", async ({ page, signedIn: _ }) => {
    for (const url of urls) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(403);
    }
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
    const fragment = await page.request.get("/resources/admin-audit", { headers: { "HX-Request": "true" } });
    expect(fragment.status()).toBe(403);
    const post = await page.request.post("/admin/users/anyone", {
      form: { intent: "change-role", role: "ADMIN" },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(403);
  });

  test("a visitor is sent to sign in", async ({ page }) => {
    for (const url of urls) {
      await page.goto(url);
      await expect(page, url).toHaveURL(
        new RegExp(`/login\\?redirectTo=${encodeURIComponent(url).replace(/\./g, "\\.")}$`),
      );
    }
  });

  test("the admin link shows only for admins", async ({ page, signedIn }) => {
    await page.goto("/");
    await expect(page.getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);
    adminRole("grant", signedIn.email);
    await page.reload();
    await page.getByRole("link", { name: "Admin", exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/audit$/);
    expect(adminRole("revoke", signedIn.email)).toMatch(/no longer an admin|last admin/);
  });
});

// A second admin account keeps "revoke" from ever hitting the last-admin rule in these tests.
test.beforeAll(async ({ playwright }) => {
  const keeper = newAccount("keeper");
  const request = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT || 3271}` });
  await registerAccount(request, keeper);
  await request.dispose();
  adminRole("grant", keeper.email);
});
