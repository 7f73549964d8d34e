/**
 * The binge feed (/drama/:id/feed), as a viewer on a 360 × 780 phone and on a desktop would use it:
 * swipes (Chromium's touch scroll gesture) and the Page / arrow keys move one episode, the address bar and a
 * polite announcement follow, focus goes along from the keyboard; nothing plays before the viewer presses
 * play; progress and history are saved as in the player; the next episode is prepared (metadata only) when
 * data saver is off and not at all when it is on. Without JavaScript: one episode, a native video, and links
 * either side. axe-clean in both languages. Screenshots in test-results/.
 */
import type { Page } from "@playwright/test";
import { expectNoViolations } from "./axe";
import { CATALOG_ID_PREFIX, DRAMA, announcer, attachScreenshot, expect, test } from "./fixtures";
import { recordSaves, setPreferences } from "./player-helpers";

/** A portrait (9:16) short drama that announces 65 episodes. */
const VERTICAL = `${CATALOG_ID_PREFIX}the-heir-who-came-back`;
const episodeOf = (dramaId: string, n: number) => `${dramaId}-ep-${n}`;
const feedUrl = (dramaId: string, n?: number) =>
  `/drama/${dramaId}/feed${n ? `?episode=${encodeURIComponent(episodeOf(dramaId, n))}` : ""}`;
const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 800 };

function section(page: Page, dramaId: string, n: number) {
  return page.locator(`[data-feed-episode="${episodeOf(dramaId, n)}"]`);
}

function videoIn(page: Page, dramaId: string, n: number) {
  return section(page, dramaId, n).locator("video");
}

/** The feed script has started and fetched the next episode's screen. */
async function feedReady(page: Page, dramaId: string, next: number) {
  await expect(page.locator("[data-feed][data-feed-on]")).toBeAttached();
  await expect(section(page, dramaId, next)).toBeAttached();
}

/**
 * A finger swipe as touch events (Chromium scrolls the feed from them), two thirds of the screen long: the
 * feed snaps to the nearer episode, so a swipe of less than half a screen without a fling snaps back. Upwards
 * (to the next episode) it starts on the episode's text under the picture, downwards near the picture's top:
 * not on the video's timeline, which takes a touch for itself.
 */
async function swipe(page: Page, direction: "up" | "down") {
  const session = await page.context().newCDPSession(page);
  const x = PHONE.width / 2;
  const [from, distance] = direction === "up" ? [PHONE.height - 10, -520] : [100, 520];
  await session.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y: from }] });
  for (let step = 1; step <= 10; step++) {
    await session.send("Input.dispatchTouchEvent", {
      type: "touchMove",
      touchPoints: [{ x, y: from + (distance * step) / 10 }],
    });
    await page.waitForTimeout(16);
  }
  await session.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await session.detach();
}

async function expectAt(page: Page, dramaId: string, n: number, total: number) {
  await expect(page).toHaveURL(new RegExp(`[?&]episode=${episodeOf(dramaId, n)}$`));
  await expect(announcer(page)).toContainText(`Episode ${n} of ${total}`);
  // Snapped: the episode's screen starts at the top of the feed, its picture whole on screen.
  await expect
    .poll(async () => {
      const [feedBox, box] = await Promise.all([
        page.locator("[data-feed]").boundingBox(),
        section(page, dramaId, n).boundingBox(),
      ]);
      return feedBox && box ? Math.round(Math.abs(box.y - feedBox.y)) : -1;
    })
    .toBeLessThanOrEqual(1);
  const video = await videoIn(page, dramaId, n).boundingBox();
  const viewport = page.viewportSize()!;
  expect(video).not.toBeNull();
  expect(video!.y).toBeGreaterThanOrEqual(-1);
  expect(video!.y + video!.height).toBeLessThanOrEqual(viewport.height + 1);
}

test.describe("on a phone, with JavaScript", () => {
  test.use({ viewport: PHONE, hasTouch: true });

  test("swiping moves one episode at a time, the address and an announcement follow", async ({
    page,
    signedIn: _,
  }, testInfo) => {
    await page.goto(feedUrl(VERTICAL));
    await feedReady(page, VERTICAL, 2);
    await expect(page.getByText("Swipe up or press Page Down for the next episode")).toBeVisible();
    await expect(section(page, VERTICAL, 1).getByRole("heading", { name: /Episode 1 of 65/ })).toBeVisible();
    await attachScreenshot(page, testInfo, "feed-phone-episode-1");

    await swipe(page, "up");
    await expectAt(page, VERTICAL, 2, 65);
    await attachScreenshot(page, testInfo, "feed-phone-episode-2");
    await swipe(page, "up");
    await expectAt(page, VERTICAL, 3, 65);
    await swipe(page, "down");
    await expectAt(page, VERTICAL, 2, 65);
    // Each screen is a region named by its place in the series.
    await expect(page.getByRole("region", { name: /^Episode 2 of 65/ })).toBeVisible();
  });

  test("has no axe violations, in English", async ({ page, signedIn: _ }) => {
    await page.goto(feedUrl(VERTICAL, 2));
    await feedReady(page, VERTICAL, 3);
    await expectNoViolations(page);
  });
});

test.describe("on a phone, in Indonesian", () => {
  test.use({ viewport: PHONE, hasTouch: true, locale: "id-ID" });

  test("has no axe violations and speaks Indonesian", async ({ page, signedIn: _ }, testInfo) => {
    await page.goto(feedUrl(VERTICAL));
    await feedReady(page, VERTICAL, 2);
    await expect(section(page, VERTICAL, 1).getByRole("heading", { name: /Episode 1 dari 65/ })).toBeVisible();
    await expect(section(page, VERTICAL, 1).getByRole("link", { name: "Episode berikutnya" })).toBeVisible();
    await attachScreenshot(page, testInfo, "feed-phone-id");
    await expectNoViolations(page);
  });
});

test.describe("on a desktop, with JavaScript", () => {
  test.use({ viewport: DESKTOP });

  test("the keys and the links move between episodes of a landscape drama, and focus goes along", async ({
    page,
    signedIn: _,
  }, testInfo) => {
    await page.goto(feedUrl(DRAMA.id));
    await feedReady(page, DRAMA.id, 2);
    await page.keyboard.press("PageDown");
    await expectAt(page, DRAMA.id, 2, DRAMA.episodeCount);
    await expect(section(page, DRAMA.id, 2)).toBeFocused();
    await attachScreenshot(page, testInfo, "feed-desktop-landscape");
    await page.keyboard.press("ArrowDown");
    await expectAt(page, DRAMA.id, 3, DRAMA.episodeCount);
    await page.keyboard.press("PageUp");
    await expectAt(page, DRAMA.id, 2, DRAMA.episodeCount);
    // Tab goes from the episode to its own video, then its links.
    await page.keyboard.press("Tab");
    await expect(videoIn(page, DRAMA.id, 2)).toBeFocused();
    await section(page, DRAMA.id, 2).getByRole("link", { name: "Next episode" }).click();
    await expectAt(page, DRAMA.id, 3, DRAMA.episodeCount);
    await section(page, DRAMA.id, 3).getByRole("link", { name: "Previous episode" }).click();
    await expectAt(page, DRAMA.id, 2, DRAMA.episodeCount);
  });

  test("nothing plays before the viewer presses play; then progress and history are saved as in the player", async ({
    page,
    signedIn: _,
  }) => {
    const saves = recordSaves(page);
    await page.goto(feedUrl(VERTICAL));
    await feedReady(page, VERTICAL, 2);
    await page.keyboard.press("PageDown");
    await expectAt(page, VERTICAL, 2, 65);
    // No consent yet: moving does not start anything.
    await page.waitForTimeout(500);
    expect(await videoIn(page, VERTICAL, 2).evaluate((video: HTMLVideoElement) => video.paused)).toBe(true);
    expect(await videoIn(page, VERTICAL, 1).evaluate((video: HTMLVideoElement) => video.paused)).toBe(true);

    // The viewer presses play (the video's own control, from the keyboard).
    await videoIn(page, VERTICAL, 2).focus();
    await page.keyboard.press("Space");
    await expect
      .poll(() => videoIn(page, VERTICAL, 2).evaluate((video: HTMLVideoElement) => video.currentTime), {
        timeout: 15_000,
      })
      .toBeGreaterThan(2);
    await page.keyboard.press("PageDown");
    await expectAt(page, VERTICAL, 3, 65);
    // Leaving pauses episode 2 and saves where it stopped; episode 3 plays, as Autoplay is on.
    await expect.poll(() => videoIn(page, VERTICAL, 2).evaluate((video: HTMLVideoElement) => video.paused)).toBe(true);
    await expect
      .poll(() => videoIn(page, VERTICAL, 3).evaluate((video: HTMLVideoElement) => video.currentTime), {
        timeout: 15_000,
      })
      .toBeGreaterThan(0.3);
    await expect
      .poll(() => saves.filter((save) => save.get("episodeId") === episodeOf(VERTICAL, 2)).length)
      .toBeGreaterThan(0);
    const first = saves.find((save) => save.get("episodeId") === episodeOf(VERTICAL, 2))!;
    expect(first.get("viewingStart")).toBe("1");
    // The file the feed plays, for the account's data meter.
    expect(first.get("quality")).toBe("360p");
    const last = saves.filter((save) => save.get("episodeId") === episodeOf(VERTICAL, 2)).at(-1)!;
    expect(Number(last.get("position"))).toBeGreaterThan(2);

    // The rest of the site sees it: History and Continue Watching list the drama, the feed opens where the viewer is.
    await videoIn(page, VERTICAL, 3).evaluate((video: HTMLVideoElement) => video.pause());
    await page.goto("/history");
    await expect(page.getByRole("main")).toContainText("The Heir Who Came Back");
    await page.goto("/");
    await expect(page.getByRole("region", { name: "Continue Watching" })).toContainText("The Heir Who Came Back");
    await page.goto(feedUrl(VERTICAL));
    await expect(page.getByRole("heading", { name: /Episode 3 of 65/ })).toBeVisible();
  });

  test("prepares the next episode's metadata only when data saver is off, and nothing when it is on", async ({
    page,
    signedIn: _,
  }) => {
    const media: string[] = [];
    page.on("request", (request) => {
      if (/\.(mp4|m3u8|ts)(?:[?#]|$)/.test(new URL(request.url()).pathname)) media.push(request.url());
    });
    await setPreferences(page, { captions: "en", autoplay: "1", dataSaver: "0" });
    await page.goto(feedUrl(VERTICAL));
    await feedReady(page, VERTICAL, 2);
    const next = videoIn(page, VERTICAL, 2);
    await expect(next).toHaveAttribute("preload", "metadata");
    await expect.poll(() => next.evaluate((video: HTMLVideoElement) => video.readyState)).toBeGreaterThan(0);
    expect(await next.evaluate((video: HTMLVideoElement) => video.paused)).toBe(true);
    // Only the next one: the one after is not even fetched.
    await expect(section(page, VERTICAL, 3)).toHaveCount(0);

    media.length = 0;
    await setPreferences(page, { captions: "en", autoplay: "1", dataSaver: "1" });
    await page.goto(feedUrl(VERTICAL));
    await feedReady(page, VERTICAL, 2);
    await page.waitForTimeout(1000);
    await expect(videoIn(page, VERTICAL, 1)).toHaveAttribute("preload", "none");
    await expect(videoIn(page, VERTICAL, 2)).toHaveAttribute("preload", "none");
    expect(media).toEqual([]);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: PHONE });

  test("one episode with a native video, and links to the episodes either side", async ({
    page,
    signedIn: _,
  }, testInfo) => {
    await page.goto(feedUrl(VERTICAL));
    await expect(page.locator("[data-feed-episode]")).toHaveCount(1);
    await expect(page.getByRole("heading", { name: /Episode 1 of 65/ })).toBeVisible();
    await expect(page.locator("video[controls]")).toHaveCount(1);
    await expect(page.getByText("Swipe up")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Previous episode" })).toHaveCount(0);
    await attachScreenshot(page, testInfo, "feed-no-js-phone", true);

    await page.getByRole("link", { name: "Next episode" }).click();
    await expect(page).toHaveURL(feedUrl(VERTICAL, 2));
    await expect(page.getByRole("heading", { name: /Episode 2 of 65/ })).toBeVisible();
    await page.getByRole("link", { name: "Previous episode" }).click();
    await expect(page).toHaveURL(feedUrl(VERTICAL, 1));
    await page.getByRole("link", { name: "Open in the full player" }).click();
    await expect(page).toHaveURL(`/watch/${episodeOf(VERTICAL, 1)}`);
  });

  test("the drama page leads to the feed", async ({ page, signedIn: _ }) => {
    await page.goto(`/drama/${VERTICAL}`);
    await page.getByRole("link", { name: "Binge in the feed" }).click();
    await expect(page).toHaveURL(`/drama/${VERTICAL}/feed`);
    await expect(page.getByRole("heading", { name: "Binge: The Heir Who Came Back" })).toBeVisible();
  });
});
