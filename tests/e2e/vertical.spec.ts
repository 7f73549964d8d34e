/**
 * Vertical (9:16) dramas on /watch: a portrait drama's video box has the picture's shape (taller than wide,
 * its aspect the media's within a small tolerance: no letterboxing), fills a phone held upright (360 × 780)
 * and stands centred on a desktop (1280 × 800), with the whole box, so the controls and the captions drawn
 * inside it, in the viewport once scrolled to; with JavaScript (video.js) and without (the native player).
 * A landscape drama's player stays 16:9 and column-wide. axe-clean with JavaScript on. Screenshots in
 * test-results/.
 */
import type { Locator, Page } from "@playwright/test";
import { expectNoViolations, scriptlessCopy } from "./axe";
import { CATALOG_ID_PREFIX, EPISODE_1, expect, test, attachScreenshot } from "./fixtures";
import { clickPlay, showControls } from "./player-helpers";

/** A portrait demo drama's first episode: sample-4 or sample-5 (360×640 and 720×1280). */
const PORTRAIT_EPISODE = `${CATALOG_ID_PREFIX}the-heir-who-came-back-ep-1`;

const VIEWPORTS = [
  { name: "phone", width: 360, height: 780 },
  { name: "desktop", width: 1280, height: 800 },
] as const;
/** A cheap phone's 360 × 640: checked without JavaScript only (the frame's CSS is the same for both players). */
const SHORT_PHONE = { name: "short phone", width: 360, height: 640 } as const;

type Viewport = (typeof VIEWPORTS)[number] | typeof SHORT_PHONE;

type Box = { x: number; y: number; width: number; height: number };

/** The <video> element's box and the media's own frame (videoWidth × videoHeight, once the metadata is in). */
async function videoGeometry(video: Locator): Promise<{ box: Box; media: { width: number; height: number } }> {
  await expect
    .poll(() => video.evaluate((el: HTMLVideoElement) => el.videoWidth), { timeout: 15_000 })
    .toBeGreaterThan(0);
  const media = await video.evaluate((el: HTMLVideoElement) => ({ width: el.videoWidth, height: el.videoHeight }));
  const box = await video.boundingBox();
  if (!box) throw new Error("the video has no box");
  return { box, media };
}

/** The box lies inside the viewport (a pixel of rounding allowed). */
function expectInViewport(box: Box, viewport: { width: number; height: number }, what: string) {
  expect(box.x, `${what}: left`).toBeGreaterThanOrEqual(-1);
  expect(box.y, `${what}: top`).toBeGreaterThanOrEqual(-1);
  expect(box.x + box.width, `${what}: right`).toBeLessThanOrEqual(viewport.width + 1);
  expect(box.y + box.height, `${what}: bottom`).toBeLessThanOrEqual(viewport.height + 1);
}

/** Portrait, its aspect the media's (no letterbox), filling a phone's width or centred on a desktop. */
function expectPortraitBox(box: Box, media: { width: number; height: number }, viewport: Viewport) {
  expect(media.width).toBeLessThan(media.height);
  expect(box.width).toBeLessThan(box.height);
  expect(Math.abs(box.width / box.height - media.width / media.height)).toBeLessThan(0.01);
  if (viewport.name === "phone") {
    // Edge to edge: the whole width of the screen.
    expect(box.width).toBeGreaterThanOrEqual(viewport.width - 1);
  } else if (viewport.name === "short phone") {
    // The screen's height caps the width: centred, and all of it fits.
    expect(Math.abs(box.x + box.width / 2 - viewport.width / 2)).toBeLessThan(2);
    expect(box.height).toBeLessThanOrEqual(viewport.height - 60);
  } else {
    // Centred, at a sane width: not a strip, not wider than a tall phone's picture would need.
    expect(Math.abs(box.x + box.width / 2 - viewport.width / 2)).toBeLessThan(2);
    expect(box.width).toBeGreaterThan(300);
    expect(box.width).toBeLessThan(480);
  }
  // Never wider or taller than the screen: scrolled to, all of it shows.
  expect(box.x).toBeGreaterThanOrEqual(-1);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 1);
  expect(box.height).toBeLessThanOrEqual(viewport.height);
}

async function noSidewaysScrolling(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

test.describe("JavaScript on (video.js)", () => {
  for (const viewport of VIEWPORTS) {
    test(`a portrait drama's player is 9:16 with its controls and captions in view (${viewport.width}×${viewport.height})`, async ({
      page,
      signedIn: _,
    }, testInfo) => {
      await page.setViewportSize(viewport);
      await page.goto(`/watch/${PORTRAIT_EPISODE}`);
      await expect(page.locator(".player-frame")).toHaveAttribute("data-orientation", "portrait");
      const shell = page.locator(".video-js").first();
      // video.js is sized 9:16 before any metadata, from the server's word.
      await expect(shell).toHaveClass(/vjs-fluid/);
      const before = (await shell.boundingBox())!;
      expect(Math.abs(before.width / before.height - 9 / 16)).toBeLessThan(0.01);

      await clickPlay(page, 1.5);
      const video = page.locator(".video-js video").first();
      const { box, media } = await videoGeometry(video);
      expectPortraitBox(box, media, viewport);
      // The player around the video has the same box (video.js draws controls and captions inside it).
      const player = (await shell.boundingBox())!;
      expect(Math.abs(player.width - box.width)).toBeLessThan(1);
      expect(Math.abs(player.height - box.height)).toBeLessThan(1);
      await noSidewaysScrolling(page, viewport.width);

      // Scrolled to, the video, its control bar and the caption line are all on screen.
      await shell.scrollIntoViewIfNeeded();
      await showControls(page);
      const cue = page.locator(".vjs-text-track-display .vjs-text-track-cue").first();
      await expect(cue).toBeVisible({ timeout: 10_000 });
      const controls = page.locator(".vjs-control-bar").first();
      await expect(controls).toBeVisible();
      expectInViewport((await shell.boundingBox())!, viewport, "the player");
      const bar = (await controls.boundingBox())!;
      expectInViewport(bar, viewport, "the control bar");
      const caption = (await cue.boundingBox())!;
      expectInViewport(caption, viewport, "the caption");
      // The caption sits above the controls, not under them.
      expect(caption.y + caption.height).toBeLessThanOrEqual(bar.y + 1);
      await attachScreenshot(page, testInfo, `vertical-js-${viewport.width}x${viewport.height}`);

      await expectNoViolations(page, { state: `portrait drama playing, ${viewport.width} px` });
    });

    test(`a landscape drama's player is unchanged: 16:9 and as wide as its column (${viewport.width}×${viewport.height})`, async ({
      page,
      signedIn: _,
    }, testInfo) => {
      await page.setViewportSize(viewport);
      await page.goto(`/watch/${EPISODE_1}`);
      await expect(page.locator(".player-frame")).toHaveAttribute("data-orientation", "landscape");
      const { box, media } = await videoGeometry(page.locator(".video-js video").first());
      expect(media.width).toBeGreaterThan(media.height);
      expect(Math.abs(box.width / box.height - 16 / 9)).toBeLessThan(0.02);
      const main = (await page.locator("main").boundingBox())!;
      expect(Math.abs(box.width - main.width)).toBeLessThan(1);
      await noSidewaysScrolling(page, viewport.width);
      await attachScreenshot(page, testInfo, `landscape-js-${viewport.width}x${viewport.height}`);
    });
  }
});

test.describe("JavaScript off (the native player)", () => {
  test.use({ javaScriptEnabled: false });

  for (const viewport of [...VIEWPORTS, SHORT_PHONE]) {
    test(`a portrait drama's native video is 9:16 and fits the screen (${viewport.width}×${viewport.height})`, async ({
      page,
      signedIn: _,
    }, testInfo) => {
      await page.setViewportSize(viewport);
      await page.goto(`/watch/${PORTRAIT_EPISODE}`);
      await expect(page.locator(".player-frame")).toHaveAttribute("data-orientation", "portrait");
      await expect(page.locator("video")).toHaveAttribute("controls", "");
      // The page as a browser without JavaScript shows it, where the box and the media can be read.
      const { view, close } = await scriptlessCopy(page);
      try {
        const video = view.locator(".player-frame video");
        const { box, media } = await videoGeometry(video);
        expectPortraitBox(box, media, viewport);
        await noSidewaysScrolling(view, viewport.width);
        // Scrolled to, all of the video (the native controls and captions are drawn inside it) is on screen.
        await video.scrollIntoViewIfNeeded();
        expectInViewport((await video.boundingBox())!, viewport, "the video");
        // A moment with a caption, for the screenshot (the English track is the default one).
        await video.evaluate((el: HTMLVideoElement) => {
          el.currentTime = 5;
        });
        await expect
          .poll(() => video.evaluate((el: HTMLVideoElement) => el.textTracks[0]?.activeCues?.length ?? 0))
          .toBeGreaterThan(0);
        await attachScreenshot(view, testInfo, `vertical-no-js-${viewport.width}x${viewport.height}`);
      } finally {
        await close();
      }
    });

    test(`a landscape drama's native video stays 16:9 (${viewport.width}×${viewport.height})`, async ({
      page,
      signedIn: _,
    }) => {
      await page.setViewportSize(viewport);
      await page.goto(`/watch/${EPISODE_1}`);
      const { view, close } = await scriptlessCopy(page);
      try {
        const video = view.locator(".player-frame video");
        const { box } = await videoGeometry(video);
        expect(Math.abs(box.width / box.height - 16 / 9)).toBeLessThan(0.02);
        const main = (await view.locator("main").boundingBox())!;
        expect(Math.abs(box.width - main.width)).toBeLessThan(1);
      } finally {
        await close();
      }
    });
  }
});
