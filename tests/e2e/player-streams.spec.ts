/**
 * Streams: HLS through VHS with the quality menu where the browser cannot
 * play HLS itself, the browser's own HLS where it can (Debian's Chromium),
 * MP4 when HLS fails, playback speed and data saver. The /watch JavaScript
 * budgets are in page-weight.spec.ts.
 */
import { expect, test } from "./fixtures";
import {
  clickPlay,
  currentTime,
  pausePlayer,
  playerState,
  qualityItem,
  recordSaves,
  setPreferences,
  showControls,
  watchPath,
  withoutNativeHls,
} from "./player-helpers";

const isMedia = (url: string) => /^\/media\//.test(new URL(url).pathname) && !new URL(url).pathname.endsWith(".vtt");

test("without native HLS, HLS plays through VHS; choosing 360p switches the stream to the 360p rendition", async ({
  page,
  signedIn: _,
}) => {
  await withoutNativeHls(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(watchPath(3));
  await clickPlay(page, 1);
  expect((await playerState(page)).src).toContain("master.m3u8");
  await showControls(page);
  const quality = page.getByRole("button", { name: /^Quality, Auto/ });
  await quality.click();
  const items = page.getByRole("menuitemradio");
  await expect(items).toHaveText([/^Auto/, /^360p/, /^720p/]);
  await expect(items.first()).toHaveAttribute("aria-checked", "true");

  const segment360 = page.waitForRequest((request) => /\/360p\/seg-\d+\.ts$/.test(new URL(request.url()).pathname));
  await qualityItem(page, "360p").click();
  await segment360;
  const levels = await page
    .locator(".video-js")
    .first()
    .evaluate((el) => {
      const list = (
        el as unknown as {
          player: { qualityLevels(): { length: number; [i: number]: { height: number; enabled: boolean } } };
        }
      ).player.qualityLevels();
      return Array.from({ length: list.length }, (_, i) => `${list[i].height}:${list[i].enabled}`);
    });
  expect(levels.sort()).toEqual(["360:true", "720:false"]);
  await expect(page.getByRole("button", { name: "Quality, 360p" })).toBeVisible();
  expect((await playerState(page)).paused).toBe(false);
});

test("where the browser plays HLS itself, no HLS engine loads: Auto streams natively, 360p plays that MP4 from the same place", async ({
  page,
  signedIn: _,
}) => {
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(new URL(request.url()).pathname);
  });
  const saves = recordSaves(page);
  await page.goto(watchPath(3));
  await clickPlay(page, 1);
  expect((await playerState(page)).src).toContain("master.m3u8");
  expect(
    scripts.filter((path) => path.includes("player-hls")),
    "the HLS engine",
  ).toEqual([]);
  await pausePlayer(page);
  // The browser's own adaptive streaming does not say which rendition plays: the save says Auto (the data meter).
  await expect.poll(() => saves.at(-1)?.get("quality")).toBe("auto");
  const before = await currentTime(page);
  await showControls(page);
  await page.getByRole("button", { name: /^Quality, Auto/ }).click();
  // Each rendition says what the episode costs in it before it is chosen (36 s at ~100 kb/s: 456 kB).
  await expect(page.getByRole("menuitemradio", { name: "360p · ≈ 456 kB", exact: true })).toBeVisible();
  await qualityItem(page, "360p").click();
  await expect.poll(async () => (await playerState(page)).src).toMatch(/360p\.mp4$/);
  await expect.poll(() => currentTime(page)).toBeGreaterThan(before - 1);
  // Paused on a new source, video.js hides its control bar until play: read the button's name, not its box.
  await expect(page.locator(".vjs-quality-menu .vjs-control-text").first()).toHaveText("Quality, 360p");
  // A save after the switch names the rendition playing.
  await page
    .locator(".video-js")
    .first()
    .evaluate((el) => (el as unknown as { player: { currentTime(seconds: number): void } }).player.currentTime(1));
  await expect.poll(() => saves.at(-1)?.get("quality")).toBe("360p");
});

test("when HLS fails the MP4 plays, and the quality menu switches the file keeping the position", async ({
  page,
  signedIn: _,
}) => {
  await page.route("**/*.m3u8", (route) => route.abort());
  await page.goto(watchPath(3));
  await clickPlay(page, 2);
  expect((await playerState(page)).src).toMatch(/\.mp4$/);

  await pausePlayer(page);
  const before = await currentTime(page);
  await showControls(page);
  await page.getByRole("button", { name: /^Quality/ }).click();
  const other = (await playerState(page)).src.endsWith("720p.mp4") ? "360p" : "720p";
  await qualityItem(page, other).click();
  await expect.poll(async () => (await playerState(page)).src).toMatch(new RegExp(`${other}\\.mp4$`));
  await expect.poll(() => currentTime(page)).toBeGreaterThan(before - 1);
  expect(Math.abs((await currentTime(page)) - before)).toBeLessThan(1.5);
  // Captions survive the source switch.
  expect((await playerState(page)).captions).toContain("en:showing");
});

test("from the keyboard, switching quality or captions keeps focus in the player; menu items are named by their label alone", async ({
  page,
  signedIn: _,
}) => {
  await page.route("**/*.m3u8", (route) => route.abort());
  await page.goto(watchPath(3));
  await clickPlay(page, 1);
  const focusInPlayer = () => page.evaluate(() => document.activeElement?.closest(".video-js") !== null);
  /** Opens a menu from the keyboard: focus its button, Enter. */
  const openMenu = async (name: string | RegExp) => {
    await showControls(page);
    await page.getByRole("button", { name, exact: typeof name === "string" }).focus();
    await page.keyboard.press("Enter");
  };

  // Quality: Enter on an item swaps the file.
  await openMenu(/^Quality/);
  const other = (await playerState(page)).src.endsWith("720p.mp4") ? "360p" : "720p";
  await qualityItem(page, other).focus();
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await playerState(page)).src).toMatch(new RegExp(`${other}\\.mp4$`));
  // Back in the player once the new file's controls are (video.js hides them while it loads; under load, a moment).
  await expect.poll(focusInPlayer, { message: "focus after the source swap" }).toBe(true);
  // Open again: the choice is aria-checked, and no item's name carries a ", selected" (said twice, renamed on change).
  await openMenu(/^Quality/);
  await expect(qualityItem(page, other)).toHaveAttribute("aria-checked", "true");
  await expect(page.getByRole("menuitemradio", { name: /selected/ })).toHaveCount(0);
  await page.keyboard.press("Escape");

  // Captions: the same from the captions menu.
  await openMenu("Captions");
  await page.getByRole("menuitemradio", { name: /^captions off$/i }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await playerState(page)).captions).not.toContain("en:showing");
  await expect.poll(focusInPlayer, { message: "focus after turning captions off" }).toBe(true);
  await openMenu("Captions");
  await expect(page.getByRole("menuitemradio", { name: /^captions off$/i })).toHaveAttribute("aria-checked", "true");
  await expect(page.getByRole("menuitemradio", { name: /selected/ })).toHaveCount(0);
});

test("playback speed goes from 0.5× to 2×", async ({ page, signedIn: _ }) => {
  await page.goto(watchPath(1));
  await clickPlay(page);
  await showControls(page);
  await page.getByRole("button", { name: "Playback Rate" }).click();
  const rates = await page.getByRole("menuitemradio").allTextContents();
  expect(rates.map((text) => text.replace(/,.*$/, "").trim())).toEqual([
    "2x",
    "1.75x",
    "1.5x",
    "1.25x",
    "1x",
    "0.75x",
    "0.5x",
  ]);
  await page.getByRole("menuitemradio", { name: /^1\.5x/ }).click();
  await expect.poll(async () => (await playerState(page)).rate).toBe(1.5);
});

for (const native of [false, true]) {
  test(`data saver${native ? ", native HLS" : ""}: nothing loads before play, then the lowest rendition plays`, async ({
    page,
    signedIn: _,
  }) => {
    if (!native) await withoutNativeHls(page);
    await setPreferences(page, { dataSaver: "1" });
    await page.setViewportSize({ width: 1280, height: 900 });
    const media: string[] = [];
    page.on("request", (request) => {
      if (isMedia(request.url())) media.push(new URL(request.url()).pathname);
    });
    await page.goto(watchPath(1));
    await expect(page.locator(".video-js")).toBeVisible();
    // The control bar shows once playback starts; the quality menu is already on 360p.
    await expect(page.locator(".vjs-quality-menu .vjs-control-text").first()).toHaveText("Quality, 360p");
    // Everything the page loads by itself has loaded (no request for 500 ms): none of it was media.
    await page.waitForLoadState("networkidle");
    expect(media, "no media before play").toEqual([]);

    await clickPlay(page, 1);
    // Through VHS, segments of the 360p rendition only; with the browser's own HLS, which cannot be steered, the 360p MP4.
    const played = native ? media : media.filter((path) => path.endsWith(".ts"));
    expect(played.length).toBeGreaterThan(0);
    expect(
      played.every((path) => (native ? path.endsWith("/360p.mp4") : path.includes("/360p/"))),
      played.join(", "),
    ).toBe(true);
  });
}
