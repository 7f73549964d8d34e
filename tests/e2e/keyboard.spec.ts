/** Keyboard use: the skip link, visible focus, and the htmx My List toggle. */
import type { Locator } from "@playwright/test";
import { DRAMA, announcer, expect, test } from "./fixtures";

function outlineOf(locator: Locator) {
  return locator.evaluate((element) => {
    const style = getComputedStyle(element);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
}

test("the skip link is the first Tab stop and moves focus to the main content", async ({ page }) => {
  await page.goto(`/drama/${DRAMA.id}`);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
  expect(new URL(page.url()).hash).toBe("#main");
  // The next Tab continues inside main, not back in the header.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.closest("main") !== null)).toBe(true);
});

test("keyboard focus is visible on links and buttons", async ({ page, signedIn: _ }) => {
  await page.goto("/");
  await page.keyboard.press("Tab"); // skip link
  await page.keyboard.press("Tab"); // brand link
  const brand = page.getByRole("link", { name: "Dracin" });
  await expect(brand).toBeFocused();
  let outline = await outlineOf(brand);
  expect(outline.style).not.toBe("none");
  expect(outline.width).toBeGreaterThanOrEqual(2);

  await page.goto(`/drama/${DRAMA.id}`);
  const button = page.getByRole("button", { name: /^Add to My List/ });
  // Reach the button with Tab, as a keyboard user would.
  for (let i = 0; i < 40 && !(await button.evaluate((element) => element === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(button).toBeFocused();
  outline = await outlineOf(button);
  expect(outline.style).not.toBe("none");
  expect(outline.width).toBeGreaterThanOrEqual(2);
});

test("Add to My List toggles with Enter and focus stays on the swapped button", async ({ page, signedIn: _ }) => {
  await page.goto(`/drama/${DRAMA.id}`);
  const add = page.getByRole("button", { name: /^Add to My List/ });
  const remove = page.getByRole("button", { name: /^Remove from My List/ });
  await add.focus();

  const added = page.waitForResponse((response) => new URL(response.url()).pathname === "/resources/favorites");
  await page.keyboard.press("Enter");
  expect((await added).status()).toBe(200);
  await expect(remove).toBeFocused();
  await expect(announcer(page)).toHaveText(`Added ${DRAMA.title} to My List.`);

  const removed = page.waitForResponse((response) => new URL(response.url()).pathname === "/resources/favorites");
  await page.keyboard.press("Enter");
  expect((await removed).status()).toBe(200);
  await expect(add).toBeFocused();
  await expect(announcer(page)).toHaveText(`Removed ${DRAMA.title} from My List.`);
  await expect(page).toHaveURL(`/drama/${DRAMA.id}`);
});
