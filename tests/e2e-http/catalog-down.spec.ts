/**
 * Dracin in HTTP catalog mode with the catalog API unreachable (nothing
 * listens on its port) and an empty cache: catalog pages answer 503 inside
 * the layout with a retry link; the viewer's own pages still work.
 * Runs only under playwright.http.config.ts (which starts that server).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "../e2e/fixtures";

const DOWN_URL = process.env.E2E_CATALOG_DOWN_URL ?? "http://127.0.0.1:3273";
// Origin follows the server (the config sends the main server's, as a page's own requests would).
test.use({ baseURL: DOWN_URL, extraHTTPHeaders: { Origin: DOWN_URL } });

for (const path of ["/", "/browse?genre=romance", "/search?q=moonlit", "/drama/ext:moonlit-tea-house"]) {
  test(`${path} says the catalog is unavailable right now (503, layout, retry link)`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(503);
    await expect(page).toHaveTitle("The catalog is unavailable right now · Dracin");
    await expect(page.getByRole("heading", { level: 1, name: "The catalog is unavailable right now" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Browse" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("link", { name: "Try again" })).toHaveAttribute("href", path);
    const text = await page.locator("body").innerText();
    expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|node_modules|stack/i);
  });
}

test("the 503 page has no axe violations", async ({ page }) => {
  await page.goto("/browse");
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test("a signed-in viewer's My List, history and account still render", async ({ page, signedIn: _ }) => {
  for (const [path, heading] of [
    ["/my-list", "My List"],
    ["/history", "Watch history"],
    ["/account", "Account"],
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }
});
