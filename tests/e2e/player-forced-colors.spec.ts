/**
 * Windows High Contrast (forced-colors: active): the player's bars, the
 * chosen menu item and every focus ring stay visible; screenshots to look at.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { clickPlay, pausePlayer, watchPath } from "./player-helpers";

async function style(page: Page, selector: string, properties: string[]): Promise<Record<string, string>> {
  return page
    .locator(selector)
    .first()
    .evaluate((el, names) => {
      const computed = getComputedStyle(el);
      return Object.fromEntries(names.map((name) => [name, computed.getPropertyValue(name)]));
    }, properties);
}

const TRANSPARENT = /^(transparent|rgba\(0, 0, 0, 0\))$/;

test("forced colours: the seek bar's progress, the control bar's edge and the focus ring stay visible", async ({
  page,
  signedIn: _,
}, testInfo) => {
  await page.emulateMedia({ forcedColors: "active" });
  await page.goto(watchPath(1));
  await clickPlay(page, 1);
  await pausePlayer(page);
  await page.locator(".video-js").hover();

  const progress = await style(page, ".vjs-play-progress", ["background-color", "forced-color-adjust"]);
  expect(progress["forced-color-adjust"]).toBe("none");
  expect(progress["background-color"]).not.toMatch(TRANSPARENT);
  expect((await style(page, ".vjs-control-bar", ["border-top-style"]))["border-top-style"]).toBe("solid");

  // Keyboard focus on the play button: an outline, which forced colours keep (a glow would vanish).
  await page.locator(".vjs-play-control").focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const ring = await style(page, ".vjs-play-control", ["outline-style", "outline-width"]);
  expect(ring["outline-style"]).toBe("solid");
  expect(parseFloat(ring["outline-width"])).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: testInfo.outputPath("watch-forced-colors-1280.png") });

  await page.setViewportSize({ width: 360, height: 780 });
  await page.screenshot({ path: testInfo.outputPath("watch-forced-colors-360.png"), fullPage: false });
});
