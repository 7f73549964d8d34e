/**
 * The CSS fallbacks in an engine that lacks the modern parts (docs/browsers.md, "CSS"). Every
 * stylesheet is served with those functions renamed to ones no browser knows, so Chromium treats
 * them as an older engine does:
 *  - "no min()/clamp()" (Chrome < 79, Samsung Internet < 12, KaiOS 2.5): min(), max(), clamp()
 *    renamed. A declaration using one is dropped when parsed (the earlier fallback applies); a
 *    custom property holding one keeps it, and what uses it becomes invalid at computed-value
 *    time, as there; @supports tests for them are false.
 *  - "no custom properties" (Opera Mini): var() and calc() renamed as well, so every declaration
 *    using them is dropped.
 * On the home, drama, sign-in (with its error) and watch pages, at 360 px: no sideways scrolling,
 * and no axe violations (colour contrast included). Screenshots at 360 and 1280 px go to
 * test-results/ (the test's output folder) for a look.
 */
import type { Page, TestInfo } from "@playwright/test";
import { DRAMA, EPISODE_1, expect, test } from "./fixtures";
import { expectNoViolations } from "./axe";

const ENGINES = {
  "as served": null,
  "no min()/clamp()": /\b(min|max|clamp)\(/gi,
  "no custom properties": /\b(var|calc|min|max|clamp)\(/gi,
} as const;
type Engine = keyof typeof ENGINES;

async function emulate(page: Page, engine: Engine): Promise<void> {
  const unsupported = ENGINES[engine];
  if (unsupported === null) return;
  await page.route(/\.css(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    const css = await response.text();
    await route.fulfill({ response, body: css.replace(unsupported, "unsupported-$1(") });
  });
}

async function expectNoSidewaysScrolling(page: Page, what: string): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what}: the page is no wider than the 360 px screen`).toBeLessThanOrEqual(360);
}

async function screenshots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 360, height: 800 });
}

const slug = (text: string) => text.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "");

for (const engine of Object.keys(ENGINES) as Engine[]) {
  test.describe(`CSS with ${engine}`, () => {
    test.use({ viewport: { width: 360, height: 800 } });

    test.beforeEach(async ({ page }) => {
      await emulate(page, engine);
    });

    test("the home page and a drama page", async ({ page }, testInfo) => {
      for (const [name, path, heading] of [
        ["home", "/", "Featured"],
        ["drama", `/drama/${DRAMA.id}`, DRAMA.title],
      ] as const) {
        await page.goto(path);
        await expect(page.getByRole("main")).toContainText(heading);
        await expectNoSidewaysScrolling(page, `${name} (${engine})`);
        await expectNoViolations(page, { state: engine });
        await screenshots(page, testInfo, `${slug(engine)}-${name}`);
      }
    });

    test("the sign-in page with its error", async ({ page }, testInfo) => {
      await page.goto("/login");
      await page.getByLabel("Email", { exact: true }).fill("nobody@example.com");
      await page.getByLabel("Password", { exact: true }).fill("wrong password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert")).toHaveText("The email or password is not right. Please try again.");
      await expectNoSidewaysScrolling(page, `sign-in (${engine})`);
      await expectNoViolations(page, { state: `${engine}, with the error` });
      await screenshots(page, testInfo, `${slug(engine)}-login-error`);
    });

    test("the watch page", async ({ page, signedIn: _ }, testInfo) => {
      await page.goto(`/watch/${EPISODE_1}`);
      await expect(page.locator(".video-js .vjs-control-bar")).toBeAttached();
      await expect(page.getByRole("button", { name: "Play Video" })).toBeVisible();
      await expectNoSidewaysScrolling(page, `watch (${engine})`);
      await expectNoViolations(page, { state: engine });
      await screenshots(page, testInfo, `${slug(engine)}-watch`);
    });
  });
}
