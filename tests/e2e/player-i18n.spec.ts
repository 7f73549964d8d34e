/**
 * The player in the viewer's language: an Indonesian browser (id-ID) gets
 * video.js's controls, the player's own words, the shortcut help and the
 * captions in Indonesian without choosing anything; an English (en-US) one
 * still gets English.
 */
import type { Page } from "@playwright/test";
import { announcer, expect, test } from "./fixtures";
import { playerState, showControls, watchPath } from "./player-helpers";

test.use({ locale: "id-ID" });

/** Starts playback from the big play button, named in the page's language, and waits until it moves. */
async function play(page: Page, bigPlayName: string): Promise<void> {
  await page.getByRole("button", { name: bigPlayName, exact: true }).click();
  await expect.poll(async () => (await playerState(page)).currentTime, { timeout: 15_000 }).toBeGreaterThan(0.5);
}

test.describe("an Indonesian viewer", () => {
  test("gets video.js's controls in Indonesian", async ({ page, signedIn: _ }) => {
    await page.goto(watchPath(1));
    await expect(page.locator("html")).toHaveAttribute("lang", "id");
    await play(page, "Putar Video");
    await showControls(page);
    const bar = page.locator(".vjs-control-bar");
    await expect(bar.locator(".vjs-play-control")).toHaveAccessibleName("Jeda");
    await expect(bar.getByRole("button", { name: "Bisukan", exact: true })).toBeVisible();
    await expect(bar.getByRole("button", { name: "Layar penuh", exact: true })).toBeVisible();
    await expect(bar.getByRole("button", { name: "Mundur 10 detik", exact: true })).toBeVisible();
    await expect(bar.getByRole("button", { name: "Kecepatan putar", exact: true })).toBeVisible();
    await expect(bar.getByRole("button", { name: /^Kualitas, Otomatis/ })).toBeVisible();
    await page.locator(".vjs-play-control").click();
    await expect(bar.locator(".vjs-play-control")).toHaveAccessibleName("Putar");
  });

  test("gets Indonesian captions by default, each language named in itself with its lang", async ({
    page,
    signedIn: _,
  }) => {
    await page.goto(watchPath(1));
    await play(page, "Putar Video");
    expect((await playerState(page)).captions).toEqual(["en:disabled", "id:showing"]);
    await expect(page.locator(".vjs-text-track-display")).toContainText("Yang Mulia");

    await showControls(page);
    await page.getByRole("button", { name: "Subtitel", exact: true }).click();
    const english = page.getByRole("menuitemradio", { name: /^English/ });
    const indonesian = page.getByRole("menuitemradio", { name: /^Bahasa Indonesia/ });
    await expect(indonesian).toHaveAttribute("aria-checked", "true");
    await expect(english.locator(".vjs-menu-item-text")).toHaveAttribute("lang", "en");
    await expect(indonesian.locator(".vjs-menu-item-text")).toHaveAttribute("lang", "id");
    await expect(page.getByRole("menuitemradio", { name: /^subtitel mati/i })).toBeVisible();

    // The settings form (with or without JavaScript) shows the same default, named the same way.
    const select = page.locator("#pref-captions");
    await expect(select).toHaveValue("id");
    await expect(select.locator('option[value="en"]')).toHaveAttribute("lang", "en");
  });

  test("gets the shortcut help and the player's announcements in Indonesian", async ({ page, signedIn: _ }) => {
    await page.goto(watchPath(1));
    await play(page, "Putar Video");
    await page.locator(".vjs-play-control").focus();

    await page.keyboard.press("c");
    await expect(announcer(page)).toHaveText("Subtitel mati.");

    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Pintasan keyboard" });
    await expect(help).toBeVisible();
    await expect(help.getByRole("button", { name: "Tutup" })).toBeFocused();
    for (const text of [
      "Pintasan ini berfungsi saat pemutar video sedang aktif.",
      "Putar atau jeda",
      "Mundur 10 detik",
      "Maju 10 detik",
      "Subtitel nyala atau mati",
      "Episode berikutnya",
      "Spasi atau K",
      "J atau Panah kiri",
    ]) {
      await expect(help).toContainText(text);
    }
    await page.keyboard.press("Escape");
    await expect(page.getByRole("button", { name: "Pintasan keyboard" })).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "Putar otomatis episode berikutnya" })).toBeChecked();
  });
});

test.describe("an English viewer", () => {
  test.use({ locale: "en-US" });

  test("still gets English labels, English captions by default and the English help", async ({ page, signedIn: _ }) => {
    await page.goto(watchPath(1));
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await play(page, "Play Video");
    expect((await playerState(page)).captions).toEqual(["en:showing", "id:disabled"]);
    await showControls(page);
    await expect(page.locator(".vjs-control-bar .vjs-play-control")).toHaveAccessibleName("Pause");
    await expect(page.getByRole("button", { name: "Captions", exact: true })).toBeVisible();

    await page.locator(".vjs-play-control").focus();
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toContainText("Play or pause");
    await expect(help).toContainText("J or Left arrow");
  });
});
