/**
 * Caption style (/settings/captions, decision 024): chosen without
 * JavaScript, it reaches the native <video>'s captions through the served
 * <style>; with JavaScript, video.js's caption display draws the same
 * colours, its own caption settings dialog is gone and its captions menu
 * links here; the sample follows the choices as they are made; keyboard only.
 * Screenshots at 360 px and 1280 px go to test-results/.
 */
import type { Page } from "@playwright/test";
import { scriptlessCopy } from "./axe";
import { expect, test } from "./fixtures";
import { clickPlay, showControls, watchPath } from "./player-helpers";

const SETTINGS = "/settings/captions";

/** Yellow text on a solid blue box, large, outlined: easy to tell from the players' white on black. */
async function chooseYellowOnBlue(page: Page): Promise<void> {
  await page.getByLabel("Text size").selectOption("large");
  await page.getByLabel("Character edge").selectOption("uniform");
  const text = page.getByRole("group", { name: "Text", exact: true });
  await text.getByLabel("Colour").selectOption("yellow");
  await text.getByLabel("Opacity").selectOption("100");
  const background = page.getByRole("group", { name: "Text background" });
  await background.getByLabel("Colour").selectOption("blue");
  await background.getByLabel("Opacity").selectOption("100");
}

/**
 * The page as a browser without JavaScript shows it (the served HTML, every script file refused), in a
 * context that may still run the test's own evaluations: the native <video> is seeked into a cue there.
 */
function nativePlayerCopy(page: Page, width: number) {
  return scriptlessCopy(page, { viewport: { width, height: 800 }, storageState: true });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a style chosen on the settings page reaches the native player's captions", async ({ page, signedIn: _ }) => {
    // Two browsers' worth of work (the page without JavaScript, then the served copy at two widths).
    test.slow();
    await page.goto(watchPath(1));
    // The settings panel under the video links to the page, with the way back.
    await page.getByText("Playback settings").click();
    await page.getByRole("link", { name: "Caption style" }).click();
    await expect(page).toHaveURL(`${SETTINGS}?returnTo=${encodeURIComponent(watchPath(1))}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Caption style");

    await chooseYellowOnBlue(page);
    await page.getByRole("button", { name: "Save caption style" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Your caption style has been saved." })).toBeVisible();
    // The sample is drawn by the server with the saved style.
    const sample = page.locator(".caption-sample-cue");
    await expect(sample).toHaveCSS("color", "rgb(255, 255, 0)");
    await expect(sample).toHaveCSS("background-color", "rgb(0, 0, 255)");
    await expect(page.getByLabel("Text size")).toHaveValue("large");
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: test.info().outputPath(`settings-${width}.png`), fullPage: true });
    }

    await page.getByRole("link", { name: "Back" }).click();
    await expect(page).toHaveURL(watchPath(1));
    const css = await page.locator("head style[data-route-style]").textContent();
    expect(css).toContain(
      "video::cue{font-size:150%!important;color:rgba(255,255,0,1)!important;text-shadow:0 0 4px #222,0 0 4px #222,0 0 4px #222,0 0 4px #222!important;background-color:rgba(0,0,255,1)!important}",
    );
    expect(css).toContain(".video-js .vjs-text-track-display .vjs-text-track-cue > div{");

    // The native player draws a cue with it: the served page, no script, seeked into the first cue.
    for (const width of [360, 1280]) {
      const { view, close } = await nativePlayerCopy(page, width);
      try {
        await expect(view.locator("style[data-route-style]")).toHaveCount(1);
        await expect(view.locator(".vjs-text-track-display")).toHaveCount(0);
        await view.locator("video").evaluate(async (video: HTMLVideoElement) => {
          video.muted = true;
          await new Promise((resolve) => {
            if (video.readyState >= 1) resolve(null);
            else video.addEventListener("loadedmetadata", resolve, { once: true });
          });
          video.currentTime = 1;
        });
        await expect
          .poll(() =>
            view.locator("video").evaluate((video: HTMLVideoElement) => video.textTracks[0]?.activeCues?.length ?? 0),
          )
          .toBeGreaterThan(0);
        expect(await view.locator("video").evaluate((video: HTMLVideoElement) => video.textTracks[0].mode)).toBe(
          "showing",
        );
        // The rules the document applies (a ::cue's computed style cannot be read from a page).
        const rules = await view.evaluate(() =>
          [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)),
        );
        expect(rules.some((rule) => rule.startsWith("video::cue") && rule.includes("rgb(255, 255, 0)"))).toBe(true);
        await view.locator("video").scrollIntoViewIfNeeded();
        await view.screenshot({ path: test.info().outputPath(`native-captions-${width}.png`) });
      } finally {
        await close();
      }
    }
  });

  test("Reset to as authored takes every override away", async ({ page, signedIn: _ }) => {
    await page.goto(SETTINGS);
    await chooseYellowOnBlue(page);
    await page.getByRole("button", { name: "Save caption style" }).click();
    await expect(page.getByLabel("Text size")).toHaveValue("large");
    await page.getByRole("button", { name: "Reset to as authored" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Captions are back to how they were authored." }),
    ).toBeVisible();
    await expect(page.getByLabel("Text size")).toHaveValue("authored");
    await page.goto(watchPath(1));
    await expect(page.locator("style[data-route-style]")).toHaveCount(0);
  });
});

test.describe("with JavaScript", () => {
  test("video.js draws captions in the same colours, without its own settings dialog", async ({
    page,
    signedIn: _,
  }) => {
    await page.goto(SETTINGS);
    await chooseYellowOnBlue(page);
    await page.getByRole("button", { name: "Save caption style" }).click();
    await expect(page.getByLabel("Text size")).toHaveValue("large");

    await page.goto(watchPath(1));
    await clickPlay(page, 0.3);
    const cue = page.locator(".vjs-text-track-display .vjs-text-track-cue > div").first();
    await expect(cue).toContainText("Your Highness");
    await expect(cue).toHaveCSS("color", "rgb(255, 255, 0)");
    await expect(cue).toHaveCSS("background-color", "rgb(0, 0, 255)");
    await expect(cue).toHaveCSS("text-shadow", /rgb\(34, 34, 34\) 0px 0px 4px/);
    // 150 % of the size video.js's renderer gives the cue box.
    // (Read in one go: video.js redraws the cue's elements as the video plays.)
    await expect
      .poll(() =>
        cue.evaluate(
          (el) => parseFloat(getComputedStyle(el).fontSize) / parseFloat(getComputedStyle(el.parentElement!).fontSize),
        ),
      )
      .toBeCloseTo(1.5, 1);
    await page.locator(".video-js").scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath("videojs-captions-1280.png") });

    // One source of truth: no video.js caption settings dialog; its captions menu links to ours instead.
    await expect(page.locator(".vjs-text-track-settings")).toHaveCount(0);
    await showControls(page);
    await page.getByRole("button", { name: "Captions", exact: true }).click();
    await expect(page.getByRole("menuitem", { name: /captions settings/i })).toHaveCount(0);
    await page.getByRole("menuitem", { name: "Caption style" }).click();
    await expect(page).toHaveURL(`${SETTINGS}?returnTo=${encodeURIComponent(watchPath(1))}`);
  });

  test("the sample follows the choices before they are saved, and only Save keeps them", async ({ page }) => {
    await page.goto(SETTINGS);
    const sample = page.locator(".caption-sample-cue");
    await expect(sample).toHaveCSS("color", "rgb(255, 255, 255)");
    await expect(sample.locator('[lang="zh-Hans"]')).toHaveText("你好，殿下。");
    const text = page.getByRole("group", { name: "Text", exact: true });
    await text.getByLabel("Colour").selectOption("green");
    await expect(sample).toHaveCSS("color", "rgb(0, 255, 0)");
    await text.getByLabel("Opacity").selectOption("50");
    await expect(sample).toHaveCSS("color", "rgba(0, 255, 0, 0.5)");
    await page.getByRole("group", { name: "Caption window" }).getByLabel("Colour").selectOption("red");
    await expect(page.locator(".caption-sample-window")).toHaveCSS("background-color", "rgba(255, 0, 0, 0)");
    await page.getByRole("group", { name: "Caption window" }).getByLabel("Opacity").selectOption("100");
    await expect(page.locator(".caption-sample-window")).toHaveCSS("background-color", "rgb(255, 0, 0)");
    // Not saved: a fresh load shows the stored style (as authored).
    await page.goto(SETTINGS);
    await expect(page.locator(".caption-sample-cue")).toHaveCSS("color", "rgb(255, 255, 255)");
  });

  test("works from the keyboard alone, with visible focus", async ({ page, signedIn: _ }) => {
    await page.goto(SETTINGS);
    const size = page.getByLabel("Text size");
    // Tab from the top of the page to the first setting.
    await page.locator("h1").click();
    for (let i = 0; i < 30 && !(await size.evaluate((el) => el === document.activeElement)); i += 1) {
      await page.keyboard.press("Tab");
    }
    await expect(size).toBeFocused();
    const outline = await size.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe("none");
    // A closed <select> changes with the arrow keys: as authored → small → standard.
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect(size).toHaveValue("standard");
    await expect(page.locator(".caption-sample-cue")).toHaveCSS("font-size", "20px");
    const save = page.getByRole("button", { name: "Save caption style" });
    for (let i = 0; i < 30 && !(await save.evaluate((el) => el === document.activeElement)); i += 1) {
      await page.keyboard.press("Tab");
    }
    await expect(save).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "Your caption style has been saved." })).toBeVisible();
    await expect(page.getByLabel("Text size")).toHaveValue("standard");
  });

  test("/account links to the page", async ({ page, signedIn: _ }) => {
    await page.goto("/account");
    await page.getByRole("link", { name: "Caption style" }).click();
    await expect(page).toHaveURL(`${SETTINGS}?returnTo=%2Faccount`);
    await expect(page.getByRole("link", { name: "Back" })).toHaveAttribute("href", "/account");
  });

  test("a visitor's style is kept in the browser and goes to the account at sign-in", async ({ page, account }) => {
    await page.goto(`${SETTINGS}?lang=en`);
    await expect(page.getByText("Saved in this browser.")).toBeVisible();
    await chooseYellowOnBlue(page);
    await page.getByRole("button", { name: "Save caption style" }).click();
    await expect(page.getByLabel("Text size")).toHaveValue("large");
    await page.goto(`/login?redirectTo=${encodeURIComponent(SETTINGS)}`);
    await page.getByLabel("Email", { exact: true }).fill(account.email);
    await page.getByLabel("Password", { exact: true }).fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(SETTINGS);
    await expect(page.getByText("Saved on your account")).toBeVisible();
    await expect(page.getByLabel("Text size")).toHaveValue("large");
  });
});
