/**
 * The signed-in page cache is per instance, but never stale across instances
 * (decision 016): each instance checks the viewer's data in the shared
 * database on every request, so a write served by one instance shows on the
 * next home page from either, even one that kept the page before.
 * These instances run with a read replica configured (the primary itself), so
 * a write's answer sets the 10-second read-the-primary cookie, during which
 * pages are rendered, not kept; the test lets it lapse by deleting it.
 */
import type { Page, Response } from "@playwright/test";
import { DRAMA, expect, newAccount, registerInBrowser, test } from "../e2e/fixtures";
import { backendOf } from "./proxy";

test.use({ javaScriptEnabled: false });

/** Loads the home page until both instances have answered with `state`; checks every answer with `check`. */
async function homeFromBoth(page: Page, state: RegExp, check: () => Promise<void>): Promise<void> {
  const seen = new Set<number>();
  for (let i = 0; i < 12 && seen.size < 2; i++) {
    const response = (await page.goto("/")) as Response;
    await check();
    if (state.test(response.headers()["x-page-cache"] ?? "")) seen.add(backendOf(response));
  }
  expect([...seen].sort(), `both instances answered ${state}`).toEqual([1, 2]);
}

test("a write through either instance shows on the next home page from both", async ({ page }) => {
  test.setTimeout(60_000);
  await registerInBrowser(page, newAccount("multi-cache"));
  const letRecentWriteLapse = () => page.context().clearCookies({ name: "dracin_primary" });
  await letRecentWriteLapse();
  const myList = page.getByRole("region", { name: "My List" });

  // Both instances keep this viewer's home (no My List yet).
  await homeFromBoth(page, /^private-hit$/, () => expect(myList).toHaveCount(0));

  // The write lands on one of them; neither serves its kept page afterwards.
  await page.goto(`/drama/${DRAMA.id}`);
  await page.getByRole("button", { name: /^Add to My List/ }).click();
  await expect(page.getByRole("button", { name: /^Remove from My List/ })).toBeVisible();
  await letRecentWriteLapse();
  await homeFromBoth(page, /^private-(miss|hit)$/, () =>
    expect(myList.getByRole("link", { name: DRAMA.title }).first()).toBeVisible(),
  );
});
