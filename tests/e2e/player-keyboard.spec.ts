/**
 * The player from the keyboard: shortcuts only while it has focus (WCAG
 * 2.1.4), the shortcuts help, labelled controls of at least 24×24 px with a
 * visible focus ring, and no focus trap.
 */
import { expect, test } from "./fixtures";
import {
  clickPlay,
  currentTime,
  keyboardPlay,
  pausePlayer,
  playerState,
  showControls,
  watchPath,
} from "./player-helpers";

test("shortcuts work only while the player has focus: k on the page does nothing", async ({ page, signedIn: _ }) => {
  await page.goto(watchPath(3));
  await clickPlay(page, 0.5);
  // Focus somewhere else on the page: a click on the heading leaves focus on <main>, outside the player.
  await page.getByRole("heading", { level: 1 }).click();
  expect(await page.evaluate(() => !document.activeElement?.closest(".video-js"))).toBe(true);
  for (const key of ["k", " ", "m", "j", "c"]) await page.keyboard.press(key);
  const state = await playerState(page);
  expect(state.paused).toBe(false);
  expect(state.muted).toBe(false);
  expect(state.captions).toContain("en:showing");

  await page.locator(".vjs-play-control").focus();
  await page.keyboard.press("k");
  await expect.poll(async () => (await playerState(page)).paused).toBe(true);
  await page.keyboard.press("k");
  await expect.poll(async () => (await playerState(page)).paused).toBe(false);
});

test("j, l and the arrows seek 10 s; m mutes; space plays and pauses on the player itself", async ({
  page,
  signedIn: _,
}) => {
  await page.goto(watchPath(3));
  await keyboardPlay(page, 0.3);
  await page.keyboard.press("k");
  await expect.poll(async () => (await playerState(page)).paused).toBe(true);
  const start = await currentTime(page);

  await page.keyboard.press("l");
  await expect.poll(() => currentTime(page)).toBeCloseTo(start + 10, 0);
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => currentTime(page)).toBeCloseTo(start + 20, 0);
  await page.keyboard.press("j");
  await expect.poll(() => currentTime(page)).toBeCloseTo(start + 10, 0);
  await page.keyboard.press("ArrowLeft");
  await expect.poll(() => currentTime(page)).toBeCloseTo(start, 0);

  await page.keyboard.press("m");
  await expect.poll(async () => (await playerState(page)).muted).toBe(true);
  await expect(page.locator("#announcer")).toHaveText("Muted.");
  await page.keyboard.press("m");
  await expect.poll(async () => (await playerState(page)).muted).toBe(false);

  // Space on a focused button is that button's; on the player element itself it plays/pauses.
  await page.locator(".video-js").first().focus();
  await page.keyboard.press(" ");
  await expect.poll(async () => (await playerState(page)).paused).toBe(false);
});

test("arrow keys on the seek bar belong to the seek bar", async ({ page, signedIn: _ }) => {
  await page.goto(watchPath(3));
  await keyboardPlay(page, 0.3);
  await page.keyboard.press("k");
  const start = await currentTime(page);
  await page.getByRole("slider", { name: "Progress Bar" }).focus();
  await page.keyboard.press("ArrowRight");
  // video.js steps 5 s on the slider, not our 10 s.
  await expect.poll(() => currentTime(page)).toBeCloseTo(start + 5, 0);
});

test("f toggles full screen", async ({ page, signedIn: _ }) => {
  await page.goto(watchPath(1));
  await keyboardPlay(page, 0.3);
  await page.keyboard.press("f");
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  await page.keyboard.press("f");
  await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
});

test("the shortcuts help opens with ? in the player and with its button, closes with Escape, and focus returns", async ({
  page,
  signedIn: _,
}) => {
  await page.goto(watchPath(1));
  await keyboardPlay(page, 0.3);
  const pause = page.locator(".vjs-play-control");
  await expect(pause).toBeFocused();

  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help.getByRole("button", { name: "Close" })).toBeFocused();
  for (const text of [
    "Play or pause",
    "Back 10 seconds",
    "Forward 10 seconds",
    "Mute or unmute",
    "Full screen on or off",
    "Captions on or off",
    "Next episode",
    // Named keys are words (read out by screen readers), not symbols.
    "Space or K",
    "J or Left arrow",
    "L or Right arrow",
  ]) {
    await expect(help).toContainText(text);
  }
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
  await expect(pause).toBeFocused();

  const button = page.getByRole("button", { name: "Keyboard shortcuts" });
  await button.click();
  await expect(help).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
  await expect(button).toBeFocused();

  // The Close button works too.
  await button.press("Enter");
  await help.getByRole("button", { name: "Close" }).press("Enter");
  await expect(help).toBeHidden();
  await expect(button).toBeFocused();
});

test("every player control is labelled, at least 24×24 px, with a visible focus ring", async ({
  page,
  signedIn: _,
}) => {
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 900 },
  ]) {
    await page.setViewportSize(viewport);
    await page.goto(watchPath(1));
    await clickPlay(page, 0.3);
    await pausePlayer(page);
    await showControls(page);
    const controls = page.locator(
      ".video-js button:visible, .video-js [role=slider]:visible, .video-js [role=menuitemradio]:visible, .player-toolbar button:visible, .player-toolbar input:visible",
    );
    const count = await controls.count();
    expect(count).toBeGreaterThan(8);
    for (let i = 0; i < count; i += 1) {
      const control = controls.nth(i);
      const info = await control.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return {
          box: { width: box.width, height: box.height },
          visibility: style.visibility,
          className: el.getAttribute("class") ?? "",
        };
      });
      if (info.visibility === "hidden" || info.box.width === 0) continue;
      const label = `${info.className} at ${viewport.width}px`;
      // The volume slider is collapsed until it has focus or the pointer: sizes are checked below, focused.
      if (!info.className.includes("vjs-volume-bar")) {
        expect(info.box.width, label).toBeGreaterThanOrEqual(24);
        expect(info.box.height, label).toBeGreaterThanOrEqual(24);
      }
      // An accessible name: aria-label, text, or a label element.
      const name = await control.evaluate((el) => {
        const labelled = el.getAttribute("aria-label") || el.textContent?.trim();
        const forLabel = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent?.trim() : "";
        return labelled || forLabel || "";
      });
      expect(name, label).not.toBe("");
    }

    // The focus ring: a solid outline of at least 2 px on every control Tab reaches in the player.
    await page.locator(".breadcrumb a").focus();
    let inside = 0;
    for (let i = 0; i < 30; i += 1) {
      await page.keyboard.press("Tab");
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return {
          inPlayer: Boolean(el.closest(".video-js")),
          name: `${el.className} ${el.getAttribute("aria-label") ?? el.textContent?.trim() ?? ""}`,
          style: style.outlineStyle,
          width: Number.parseFloat(style.outlineWidth),
          box: { width: box.width, height: box.height },
        };
      });
      if (!focus.inPlayer) {
        if (inside > 0) break;
        continue;
      }
      inside += 1;
      // Focused controls are at least 24×24 (the volume slider expands as it takes focus).
      await expect
        .poll(
          () =>
            page.evaluate(() =>
              Math.min(...(({ width, height }) => [width, height])(document.activeElement!.getBoundingClientRect())),
            ),
          {
            message: focus.name,
          },
        )
        .toBeGreaterThanOrEqual(24);
      expect(focus.style, focus.name).toBe("solid");
      expect(focus.width, focus.name).toBeGreaterThanOrEqual(2);
    }
    expect(inside).toBeGreaterThan(5);
  }
});

test("Tab moves through the player and out again: no focus trap", async ({ page, signedIn: _ }) => {
  await page.goto(watchPath(1));
  await clickPlay(page, 0.3);
  await showControls(page);
  await page.locator(".vjs-play-control").focus();
  const seen: string[] = [];
  for (let i = 0; i < 25; i += 1) {
    await page.keyboard.press("Tab");
    const where = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return "none";
      return el.closest(".video-js") ? "player" : el.getAttribute("aria-label") || el.textContent?.trim() || el.tagName;
    });
    seen.push(where);
    if (where === "Keyboard shortcuts") break;
  }
  expect(seen).toContain("player");
  expect(seen.at(-1)).toBe("Keyboard shortcuts");
  // And back with Shift+Tab into the player.
  for (let i = 0; i < 3; i += 1) await page.keyboard.press("Shift+Tab");
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest(".video-js")))).toBe(true);
});
