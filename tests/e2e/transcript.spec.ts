/**
 * The transcript under the player (/watch): readable and working without
 * JavaScript (time links reload the page at that time, the search form
 * filters), and with it: time links seek in place without moving focus, the
 * line being spoken is marked without scrolling the page, "Follow along"
 * scrolls only the transcript's own box, the search filters as the viewer
 * types; axe-clean in English and Indonesian. Screenshots at 360 and 1280 px
 * wide, JavaScript on and off (test-results/).
 */
import type { Page, TestInfo } from "@playwright/test";
import { expectNoViolations } from "./axe";
import { expect, test, attachScreenshot } from "./fixtures";
import { emulate, expectNoSidewaysScrolling, type Engine } from "./old-engines";
import { clickPlay, episode, playerState } from "./player-helpers";

const EPISODE_1 = episode(1); // sample-1: 20 s, 5 captions, 4 descriptions
const EPISODE_3 = episode(3); // sample-3: 36 s, 9 captions, 4 descriptions

async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  await attachScreenshot(page, testInfo, name, true);
  // The transcript itself, at the size it is on screen.
  const part = testInfo.outputPath(`${name}-transcript.png`);
  await page.locator("details.transcript").screenshot({ path: part });
  await testInfo.attach(`${name}, the transcript`, { path: part, contentType: "image/png" });
}

function transcript(page: Page) {
  return page.getByRole("region", { name: /^Transcript of episode|^Transkrip episode/ });
}

/** The transcript's lines (not the language links). */
function lines(page: Page) {
  return transcript(page)
    .getByRole("list", { name: /^(Transcript lines|Baris transkrip)$/ })
    .getByRole("listitem");
}

async function openTranscript(page: Page) {
  await page.locator("summary", { hasText: /^(Transcript|Transkrip)$/ }).click();
  await expect(transcript(page)).toBeVisible();
}

/** The player's position through video.js (or the native element when video.js is not there). */
async function position(page: Page): Promise<number> {
  return (await playerState(page)).currentTime;
}

async function seekTo(page: Page, seconds: number) {
  await page
    .locator(".video-js")
    .first()
    .evaluate((el, at) => {
      (el as unknown as { player: { currentTime(s: number): void } }).player.currentTime(at);
    }, seconds);
}

test.describe("JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the transcript is text, a time link restarts the video there, the search form filters", async ({
    page,
    signedIn: _,
  }, testInfo) => {
    await page.goto(`/watch/${EPISODE_1}`);
    await openTranscript(page);
    const region = transcript(page);
    await expect(region.getByRole("heading", { level: 2 })).toHaveText("Transcript of episode 1");
    await expect(lines(page)).toHaveCount(9);
    await expect(region).toContainText("At this hour? Something is wrong.");
    await expect(region).toContainText("[Description] A crimson title card.");
    // The switch needs the script: not shown.
    await expect(page.getByLabel("Follow along")).toBeHidden();

    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await screenshot(page, testInfo, `transcript-no-js-${width}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }

    await region.getByRole("link", { name: "Play from 0:07" }).first().click();
    await expect(page).toHaveURL(new RegExp(`/watch/${EPISODE_1}\\?t=7$`));
    await expect(page.locator("video source")).toHaveAttribute("src", "/media/sample-1/360p.mp4#t=7");
    await expect(page.getByText("Playing from 0:07.")).toBeVisible();
    // The transcript is open again after the reload.
    await expect(transcript(page)).toBeVisible();

    await transcript(page).getByRole("searchbox", { name: "Search the transcript" }).fill("jade");
    await transcript(page).getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/[?&]q=jade/);
    await expect(lines(page)).toHaveCount(1);
    await expect(transcript(page).locator("mark")).toHaveText("jade");
    await expect(transcript(page).getByRole("status")).toHaveText("1 line matches");
    await expectNoViolations(page, { javaScript: false, state: "transcript searched, JavaScript off" });
    await transcript(page).getByRole("link", { name: "Clear search" }).click();
    await expect(lines(page)).toHaveCount(9);
  });
});

test.describe("JavaScript on", () => {
  test("a time link seeks the player in place and keeps focus; the page does not scroll", async ({
    page,
    signedIn: _,
  }) => {
    await page.goto(`/watch/${EPISODE_1}`);
    await expect(page.locator(".video-js")).toHaveCount(1);
    await openTranscript(page);
    const link = transcript(page).getByRole("link", { name: "Play from 0:11" });
    await link.scrollIntoViewIfNeeded();
    const scrollY = await page.evaluate(() => window.scrollY);
    const url = page.url();
    await link.click();
    await expect.poll(() => position(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(10.9);
    expect(await position(page)).toBeLessThan(12.5);
    expect(page.url()).toBe(url);
    await expect(link).toBeFocused();
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollY);
    const line = lines(page).filter({ hasText: "Then burn every page" });
    await expect(line).toHaveAttribute("aria-current", "true");
    await expect(page.locator("#announcer")).toHaveText("Playing from 0:11.");

    // Keyboard: Enter on another time link seeks the same way.
    const earlier = transcript(page).getByRole("link", { name: "Play from 0:04" });
    await earlier.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => position(page), { timeout: 10_000 }).toBeLessThan(5);
    await expect(earlier).toBeFocused();
    expect(page.url()).toBe(url);
  });

  test("the line being spoken is marked as the video plays, without moving focus or scrolling the page", async ({
    page,
    signedIn: _,
  }) => {
    await page.goto(`/watch/${EPISODE_1}`);
    await openTranscript(page);
    await clickPlay(page);
    const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80));
    const scrollY = await page.evaluate(() => window.scrollY);
    const spoken = lines(page).filter({ hasText: "At this hour?" });
    await expect(spoken).toHaveAttribute("aria-current", "true", { timeout: 15_000 });
    await expect(transcript(page).locator('li[aria-current="true"]')).toHaveCount(1);
    // Not by colour alone: a left bar and a bold time.
    const style = await spoken.evaluate((li) => {
      const computed = getComputedStyle(li);
      return {
        border: computed.borderLeftWidth,
        weight: getComputedStyle(li.querySelector("a")!).fontWeight,
      };
    });
    expect(style).toEqual({ border: "4px", weight: "700" });
    expect(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80))).toBe(focused);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollY);
  });

  test("follow along (off by default, remembered) scrolls the transcript's box, never the page", async ({
    page,
    signedIn: _,
  }) => {
    await page.setViewportSize({ width: 360, height: 640 });
    await page.goto(`/watch/${EPISODE_3}`);
    await expect(page.locator(".video-js")).toHaveCount(1);
    await openTranscript(page);
    const box = transcript(page).locator(".transcript-scroll");
    const toggle = page.getByRole("checkbox", { name: "Follow along" });
    await expect(toggle).not.toBeChecked();
    await box.scrollIntoViewIfNeeded();
    const scrollY = await page.evaluate(() => window.scrollY);
    const boxScroll = () => box.evaluate((el) => el.scrollTop);
    const overflow = await box.evaluate((el) => el.scrollHeight - el.clientHeight);
    expect(overflow, "the box has more lines than it shows").toBeGreaterThan(0);

    // Off: the current line changes, the box does not move.
    await seekTo(page, 33);
    await expect(transcript(page).locator('li[aria-current="true"]')).toHaveCount(1, { timeout: 10_000 });
    expect(await boxScroll()).toBe(0);

    await toggle.check();
    await expect.poll(boxScroll).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollY);
    const current = transcript(page).locator('li[aria-current="true"]');
    const inView = () =>
      box.evaluate((el) => {
        const line = el.querySelector('[aria-current="true"]')!.getBoundingClientRect();
        const frame = el.getBoundingClientRect();
        return line.top >= frame.top - 1 && line.bottom <= frame.bottom + 1;
      });
    await expect.poll(inView).toBe(true);
    await expect(current).toContainText(/./);

    // Back to the start: the box follows up.
    await seekTo(page, 1);
    await expect.poll(boxScroll).toBeLessThan(overflow);
    await expect.poll(inView).toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollY);

    // Remembered on the next page.
    await page.reload();
    await openTranscript(page);
    await expect(page.getByRole("checkbox", { name: "Follow along" })).toBeChecked();
  });

  test("the search filters as the viewer types, marks the words and says how many", async ({ page, signedIn: _ }) => {
    await page.goto(`/watch/${EPISODE_1}`);
    await expect(page.locator(".video-js")).toHaveCount(1);
    await openTranscript(page);
    const url = page.url();
    const box = transcript(page).getByRole("searchbox", { name: "Search the transcript" });
    const visibleLines = transcript(page).locator("li.transcript-line:visible");
    await box.pressSequentially("EMPRÉSS", { delay: 20 });
    await expect(visibleLines).toHaveCount(1);
    await expect(visibleLines.locator("mark")).toHaveText("Empress");
    await expect(transcript(page).getByRole("status")).toHaveText("1 line matches");
    await box.fill("amber");
    await expect(visibleLines).toHaveCount(2);
    await expect(transcript(page).getByRole("status")).toHaveText("2 lines match");
    await box.fill("zzz");
    await expect(visibleLines).toHaveCount(0);
    await expect(transcript(page).getByRole("status")).toHaveText("No lines match.");
    await box.press("Enter");
    expect(page.url()).toBe(url);
    await box.fill("");
    await expect(visibleLines).toHaveCount(9);
    await expect(transcript(page).locator("mark")).toHaveCount(0);
    await expect(transcript(page).getByRole("status")).toHaveText("");
  });

  test("reduced motion and forced colours: no smooth scrolling, the current line still stands out", async ({
    page,
    signedIn: _,
  }) => {
    await page.emulateMedia({ reducedMotion: "reduce", forcedColors: "active" });
    await page.goto(`/watch/${EPISODE_1}?t=5`);
    await expect(page.locator(".video-js")).toHaveCount(1);
    await expect(transcript(page)).toBeVisible();
    const box = transcript(page).locator(".transcript-scroll");
    expect(await box.evaluate((el) => getComputedStyle(el).scrollBehavior)).toBe("auto");
    await transcript(page).getByRole("link", { name: "Play from 0:04" }).click();
    const current = transcript(page).locator('li[aria-current="true"]');
    await expect(current).toHaveCount(1);
    const outline = await current.evaluate((li) => getComputedStyle(li).outlineStyle);
    expect(outline).toBe("solid");
  });

  for (const lang of ["en", "id"] as const) {
    for (const width of [360, 1280]) {
      test(`axe finds nothing with the transcript open, searched and playing (${lang}, ${width} px)`, async ({
        page,
        signedIn: _,
      }, testInfo) => {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`/watch/${EPISODE_1}?lang=${lang}`);
        await expect(page.locator(".video-js")).toHaveCount(1);
        await openTranscript(page);
        await transcript(page).getByRole("link").filter({ hasText: "0:04" }).click();
        await expect(transcript(page).locator('li[aria-current="true"]')).toHaveCount(1);
        await expect(
          page.getByRole("checkbox", { name: lang === "en" ? "Follow along" : "Ikuti pemutaran" }),
        ).toBeVisible();
        await screenshot(page, testInfo, `transcript-js-${lang}-${width}`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await expectNoViolations(page, { state: "transcript open, a line current" });
        await transcript(page)
          .getByRole("searchbox")
          .fill(lang === "en" ? "the" : "yang");
        await expect(transcript(page).getByRole("status")).not.toHaveText("");
        await expectNoViolations(page, { state: "transcript searched" });
        await screenshot(page, testInfo, `transcript-js-${lang}-${width}-searched`);
      });
    }
  }
});

for (const [engine, screen] of [
  ["no min()/clamp()", { width: 240, height: 320 }],
  ["no custom properties", { width: 320, height: 480 }],
] as [Engine, { width: number; height: number }][]) {
  test(`the open transcript fits a small old phone's screen (${engine}, ${screen.width} px)`, async ({
    page,
    signedIn: _,
  }, testInfo) => {
    await emulate(page, engine);
    await page.setViewportSize(screen);
    await page.goto(`/watch/${EPISODE_1}?lang=id&transcript=id&q=yang`);
    await expect(lines(page)).toHaveCount(3);
    await expectNoSidewaysScrolling(page, `transcript (${engine})`);
    await expectNoViolations(page, { state: `transcript open, ${engine}` });
    await screenshot(page, testInfo, `transcript-${engine.replace(/\W+/g, "-")}-${screen.width}`);
  });
}
