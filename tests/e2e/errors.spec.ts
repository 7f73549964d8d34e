/** Unknown things answer 404 inside the normal layout, with no internals shown. */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

async function expectFriendlyNotFound(page: Page) {
  await expect(page).toHaveTitle("Page not found · Dracin");
  await expect(page.getByRole("banner").getByRole("link", { name: "Dracin" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Browse" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Go to the home page" })).toHaveAttribute("href", "/");
  const text = await page.locator("body").innerText();
  expect(text).not.toMatch(/\bat .+:\d+:\d+|node_modules|Error:|stack/i);
}

test("an unknown URL answers 404 with the site header and no stack trace", async ({ page }) => {
  const response = await page.goto("/this/page/does-not-exist");
  expect(response?.status()).toBe(404);
  await expectFriendlyNotFound(page);
});

test("an unknown drama answers 404", async ({ page }) => {
  const response = await page.goto("/drama/no-such-drama");
  expect(response?.status()).toBe(404);
  await expectFriendlyNotFound(page);
});

test("an unknown episode answers 404 for a signed-in viewer", async ({ page, signedIn: _ }) => {
  const response = await page.goto("/watch/no-such-episode");
  expect(response?.status()).toBe(404);
  await expectFriendlyNotFound(page);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("/watch sends a signed-out viewer to sign in and back", async ({ page, account }) => {
  await page.goto("/watch/moonlit-tea-house-ep-2");
  await expect(page).toHaveURL("/login?redirectTo=%2Fwatch%2Fmoonlit-tea-house-ep-2");
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL("/watch/moonlit-tea-house-ep-2");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Episode 2");
});

test("/admin/catalog answers 403 inside the layout for a viewer who is not an admin", async ({ page, signedIn: _ }) => {
  const response = await page.goto("/admin/catalog");
  expect(response?.status()).toBe(403);
  await expect(page).toHaveTitle("Not allowed · Dracin");
  await expect(page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Catalog" })).toHaveCount(0);
});

test("/admin/catalog sends a signed-out visitor to sign in", async ({ page }) => {
  await page.goto("/admin/catalog");
  await expect(page).toHaveURL("/login?redirectTo=%2Fadmin%2Fcatalog");
});
