/**
 * Captions: the server's default track shows, and the viewer's choice (a
 * language or off) is saved so the next episode starts with it.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { clickPlay, playerState, showControls, watchPath } from "./player-helpers";

/** The captions `<track>` tags the server rendered for a page, and which one is `default`. */
async function renderedTracks(page: Page, path: string): Promise<{ lang: string; default: boolean }[]> {
  const html = await (await page.request.get(path)).text();
  return [...html.matchAll(/<track\b[^>]*kind="captions"[^>]*>/g)].map(([tag]) => ({
    lang: /srcLang="([^"]+)"/i.exec(tag)?.[1] ?? "",
    default: /\sdefault(=|\s|\/|>)/.test(tag),
  }));
}

function preferencesPost(page: Page) {
  return page.waitForResponse(
    (response) =>
      new URL(response.url()).pathname === "/resources/preferences" && response.request().method() === "POST",
  );
}

test("English captions show by default, as a showing text track with cues on screen", async ({ page, signedIn: _ }) => {
  expect(await renderedTracks(page, watchPath(1))).toEqual([
    { lang: "en", default: true },
    { lang: "id", default: false },
  ]);
  await page.goto(watchPath(1));
  await clickPlay(page, 0.5);
  expect((await playerState(page)).captions).toEqual(["en:showing", "id:disabled"]);
  await expect(page.locator(".vjs-text-track-display")).toContainText("Your Highness");
});

test("choosing Bahasa Indonesia in the captions menu carries over to the next episode", async ({
  page,
  signedIn: _,
}) => {
  await page.goto(watchPath(1));
  await clickPlay(page, 0.5);
  await showControls(page);
  await page.getByRole("button", { name: "Captions", exact: true }).click();
  const saved = preferencesPost(page);
  await page.getByRole("menuitemradio", { name: /^Bahasa Indonesia/ }).click();
  const response = await saved;
  expect(response.status()).toBe(204);
  expect(response.request().headers()["accept"]).toContain("application/json");
  expect(new URLSearchParams(response.request().postData() ?? "").get("captions")).toBe("id");
  await expect(page.locator(".vjs-text-track-display")).toContainText("Yang Mulia");

  // The server now marks the Indonesian track as the default, and the player shows it.
  expect(await renderedTracks(page, watchPath(2))).toEqual([
    { lang: "en", default: false },
    { lang: "id", default: true },
  ]);
  await page.goto(watchPath(2));
  await clickPlay(page, 0.5);
  expect((await playerState(page)).captions).toEqual(["en:disabled", "id:showing"]);
});

test("c turns captions off and on, and off is remembered", async ({ page, signedIn: _ }) => {
  await page.goto(watchPath(1));
  await page.getByRole("button", { name: "Play Video" }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await playerState(page)).currentTime).toBeGreaterThan(0.3);

  const off = preferencesPost(page);
  await page.keyboard.press("c");
  expect(new URLSearchParams((await off).request().postData() ?? "").get("captions")).toBe("off");
  expect((await playerState(page)).captions).toEqual(["en:disabled", "id:disabled"]);
  await expect(page.locator("#announcer")).toHaveText("Captions off.");

  expect((await renderedTracks(page, watchPath(2))).some((track) => track.default)).toBe(false);
  await page.goto(watchPath(2));
  await clickPlay(page, 0.5);
  expect((await playerState(page)).captions).toEqual(["en:disabled", "id:disabled"]);

  // And back on, in the language used last.
  await page.locator(".vjs-play-control").focus();
  const on = preferencesPost(page);
  await page.keyboard.press("c");
  expect(new URLSearchParams((await on).request().postData() ?? "").get("captions")).toBe("en");
  await expect(page.locator("#announcer")).toHaveText("Captions on: English.");
});
