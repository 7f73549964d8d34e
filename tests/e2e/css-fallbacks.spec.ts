/**
 * The CSS fallbacks in an engine that lacks the modern parts (docs/browsers.md, "CSS"), emulated
 * as ./old-engines.ts describes.
 * On the home, drama, sign-in (with its error) and watch pages, at 360 px: no sideways scrolling,
 * and no axe violations (colour contrast included). Screenshots at 360 and 1280 px go to
 * test-results/ (the test's output folder) for a look.
 */
import type { Page, TestInfo } from "@playwright/test";
import { emulate, ENGINES, expectNoSidewaysScrolling, type Engine } from "./old-engines";
import { DRAMA, EPISODE_1, expect, test } from "./fixtures";
import { expectNoViolations } from "./axe";

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
