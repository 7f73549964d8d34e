/**
 * The signed-in page cache against the real server (decision 016): a viewer's
 * home is kept for their session and served again while their data reads the
 * same; a change shows on the next page; nobody else ever gets it; a session
 * that ended gets nothing. Without JavaScript, so every step is a plain page.
 */
import type { Response } from "@playwright/test";
import { DRAMA, expect, newAccount, registerAccount, signIn, test } from "./fixtures";

test.use({ javaScriptEnabled: false });

const cacheState = (response: Response | null) => response?.headers()["x-page-cache"] ?? null;

test("a viewer's home is kept for their session and follows every change they make", async ({ page, signedIn: _ }) => {
  // The first signed-in page issues the CSRF secret, so it is not kept; the next one is, and then served.
  await page.goto("/");
  expect(cacheState(await page.goto("/"))).toBe("private-miss");
  const kept = await page.goto("/");
  expect(cacheState(kept)).toBe("private-hit");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "My List" })).toHaveCount(0);

  // A change: the drama goes to My List; the home shows it at once.
  await page.goto(`/drama/${DRAMA.id}`);
  await page.getByRole("button", { name: "Add to My List" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to My List." })).toBeVisible();
  await page.goto("/");
  const myList = page.getByRole("region", { name: "My List" });
  await expect(myList.getByRole("link", { name: DRAMA.title }).first()).toBeVisible();
  // …and keeps showing it from the cache.
  expect(cacheState(await page.goto("/"))).toMatch(/^private-(miss|hit)$/);
  expect(cacheState(await page.goto("/"))).toBe("private-hit");
  await expect(myList.getByRole("link", { name: DRAMA.title }).first()).toBeVisible();

  // Removing it shows too.
  await page.goto(`/drama/${DRAMA.id}`);
  await page.getByRole("button", { name: "Remove from My List" }).click();
  await page.goto("/");
  await expect(page.getByRole("region", { name: "My List" })).toHaveCount(0);
});

test("another viewer never gets someone else's home, and an ended session gets no kept page", async ({
  page,
  signedIn: _,
  browser,
  baseURL,
}) => {
  // The first viewer's home, with their list, kept.
  await page.goto(`/drama/${DRAMA.id}`);
  await page.getByRole("button", { name: "Add to My List" }).click();
  await page.goto("/");
  await page.goto("/");
  expect(cacheState(await page.goto("/"))).toBe("private-hit");
  await expect(page.getByRole("region", { name: "My List" })).toBeVisible();

  // Someone else, in their own browser.
  const other = newAccount("other");
  const context = await browser.newContext({
    baseURL,
    javaScriptEnabled: false,
    locale: "en-US",
    extraHTTPHeaders: { Origin: baseURL! },
  });
  try {
    await registerAccount(context.request, other);
    const otherPage = await context.newPage();
    await signIn(otherPage, other);
    for (let i = 0; i < 3; i++) {
      await otherPage.goto("/");
      await expect(otherPage.getByRole("region", { name: "My List" })).toHaveCount(0);
    }
    expect(cacheState(await otherPage.goto("/"))).toBe("private-hit");
  } finally {
    await context.close();
  }

  // The first viewer signs out; their old cookies (session included) get the signed-out page.
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.context().addCookies(cookies);
  const after = await page.goto("/");
  expect(cacheState(after)).not.toBe("private-hit");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("region", { name: "My List" })).toHaveCount(0);
});
