/** The video.js player on /watch: resume, layout on a phone and a desktop. */
import { EPISODE_1, currentTime, expect, test } from "./fixtures";

test("resumes at the saved position", async ({ page, signedIn: _ }) => {
  const saved = await page.request.post("/resources/progress", { form: { episodeId: EPISODE_1, position: "10" } });
  expect(saved.status()).toBe(204);
  await page.goto(`/watch/${EPISODE_1}`);
  await expect(page.getByText("Resuming at 0:10.")).toBeVisible();
  const firstReport = page.waitForRequest(
    (request) => new URL(request.url()).pathname === "/resources/progress" && request.method() === "POST",
  );
  await page.getByRole("button", { name: "Play Video" }).click();
  const report = new URLSearchParams((await firstReport).postData() ?? "");
  expect(Number(report.get("position"))).toBeGreaterThanOrEqual(10);
  await expect.poll(() => currentTime(page), { timeout: 10_000 }).toBeGreaterThan(10.5);
  expect(await currentTime(page)).toBeLessThan(18);
});

for (const [device, viewport] of [
  ["a phone", { width: 390, height: 844 }],
  ["a desktop", { width: 1280, height: 900 }],
] as const) {
  test(`the playing player fits ${device} screen (${viewport.width}×${viewport.height})`, async ({
    page,
    signedIn: _,
  }, testInfo) => {
    await page.setViewportSize(viewport);
    await page.goto(`/watch/${EPISODE_1}`);
    await page.getByRole("button", { name: "Play Video" }).click();
    await expect.poll(() => currentTime(page), { timeout: 15_000 }).toBeGreaterThan(2.5);
    const shell = page.locator(".video-js");
    await expect(shell).toHaveClass(/vjs-playing/);
    // video.js hides its controls after 2 s without pointer movement: move, so they show in the screenshot.
    await expect(async () => {
      await shell.hover({ position: { x: 30, y: 30 } });
      await shell.hover({ position: { x: 40, y: 40 } });
      await expect(shell).toHaveClass(/vjs-user-active/, { timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
    await expect(page.getByRole("button", { name: "Pause", exact: true })).toBeVisible();

    // No horizontal scrolling, and the player is as wide as its frame and 16:9.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    const player = (await page.locator(".video-js").boundingBox())!;
    const frame = (await page.locator(".player-frame").boundingBox())!;
    expect(Math.abs(player.width - frame.width)).toBeLessThan(1);
    expect(Math.abs(player.width / player.height - 16 / 9)).toBeLessThan(0.02);
    expect(player.x + player.width).toBeLessThanOrEqual(viewport.width);

    const file = testInfo.outputPath(`watch-playing-${viewport.width}x${viewport.height}.png`);
    await page.screenshot({ path: file });
    await testInfo.attach(`watch page while playing, ${viewport.width}×${viewport.height}`, {
      path: file,
      contentType: "image/png",
    });
  });
}
