/**
 * axe-core (WCAG 2.0/2.1 A and AA, 2.2 AA) on /watch in the player's own
 * states: the Up next card, the shortcuts help, "Still watching?". Also takes
 * the screenshots of those states on a phone and a desktop (test-results/).
 */

import { HANDOFF_KEY } from "~/lib/still-watching";
import { attachScreenshot, expect, test } from "./fixtures";
import { expectNoViolations } from "./axe";
import { clickPlay, pausePlayer, qualityItem, seekNearEnd, upNextCard, watchPath } from "./player-helpers";

for (const [device, viewport] of [
  ["a phone", { width: 390, height: 844 }],
  ["a desktop", { width: 1280, height: 900 }],
] as const) {
  test(`the Up next card and the shortcuts help have no axe violations on ${device}`, async ({
    page,
    signedIn: _,
  }, testInfo) => {
    test.setTimeout(60_000);
    await page.setViewportSize(viewport);
    await page.goto(watchPath(1));
    await clickPlay(page);
    await seekNearEnd(page);
    const card = upNextCard(page);
    await expect(card.getByText(/^Playing in \d+ s$/)).toBeVisible({ timeout: 10_000 });
    await card.scrollIntoViewIfNeeded();
    await attachScreenshot(page, testInfo, `watch-up-next-${viewport.width}x${viewport.height}`);
    await expectNoViolations(page, { state: "Up next card" });

    // Opening the help stops the countdown: nobody is carried off while reading it.
    await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    await expect(card.getByText(/Playing in/)).toHaveCount(0);
    await attachScreenshot(page, testInfo, `watch-shortcuts-help-${viewport.width}x${viewport.height}`);
    await expectNoViolations(page, { state: "shortcuts help open" });
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();
    await expect(page).toHaveURL(watchPath(1));
  });
}

test("the “Still watching?” prompt has no axe violations", async ({ page, signedIn: _ }, testInfo) => {
  await page.addInitScript(
    ([key, path]) => {
      if (location.pathname !== path || sessionStorage.getItem("test-seeded")) return;
      sessionStorage.setItem("test-seeded", "1");
      const now = Date.now();
      sessionStorage.setItem(key, JSON.stringify({ to: path, since: now - 95 * 60 * 1000, at: now }));
    },
    [HANDOFF_KEY, watchPath(2)] as const,
  );
  await page.goto(watchPath(2));
  await expect(page.getByRole("group", { name: "Still watching?" })).toBeVisible();
  await attachScreenshot(page, testInfo, "watch-still-watching-1280x720");
  await expectNoViolations(page, { state: "Still watching? prompt" });
});

test("the player with its menus open has no axe violations", async ({ page, signedIn: _ }) => {
  await page.goto(watchPath(1));
  await clickPlay(page);
  await pausePlayer(page);
  await page.locator(".video-js").hover();
  await page.getByRole("button", { name: /^Quality/ }).click();
  await expect(qualityItem(page, "360p")).toBeVisible();
  await expectNoViolations(page, { state: "quality menu open" });
});
