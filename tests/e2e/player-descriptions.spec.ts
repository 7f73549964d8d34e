/**
 * Audio description and captions for screen readers: descriptions go to the
 * polite live region or are spoken with the Web Speech API, extended
 * description pauses and resumes the video, video.js's caption display never
 * becomes an assertive live region, and the settings work without JavaScript.
 */
import type { Page } from "@playwright/test";
import { expectNoViolations } from "./axe";
import { expect, test } from "./fixtures";
import { clickPlay, playerState, setPreferences, watchPath } from "./player-helpers";

const live = (page: Page) => page.locator("#player-descriptions-live");

/** The descriptions tracks' language:mode, as video.js holds them. */
function descriptionTracks(page: Page): Promise<string[]> {
  return page
    .locator(".video-js")
    .first()
    .evaluate((el) => {
      const player = (
        el as unknown as { player: { textTracks(): ArrayLike<{ kind: string; language: string; mode: string }> } }
      ).player;
      const tracks = Array.from(player.textTracks());
      return tracks.filter((track) => track.kind === "descriptions").map((track) => `${track.language}:${track.mode}`);
    });
}

/**
 * A stand-in for the browser's speech (headless Chromium has no voices): it
 * records each utterance and "finishes" it 2.5 s later, as a real voice would.
 */
async function recordSpeech(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const spoken: { text: string; lang: string; rate: number; voice: string }[] = [];
    (window as unknown as { spoken: typeof spoken }).spoken = spoken;
    class FakeUtterance extends EventTarget {
      text: string;
      lang = "";
      rate = 1;
      voice: { name: string } | null = null;
      constructor(text: string) {
        super();
        this.text = text;
      }
    }
    let speaking = false;
    const synthesis = Object.assign(new EventTarget(), {
      getVoices: () => [{ name: "Test Voice", lang: "en-GB" }],
      cancel: () => {
        speaking = false;
      },
      speak(utterance: FakeUtterance) {
        spoken.push({
          text: utterance.text,
          lang: utterance.lang,
          rate: utterance.rate,
          voice: utterance.voice?.name ?? "",
        });
        speaking = true;
        setTimeout(() => {
          speaking = false;
          utterance.dispatchEvent(new Event("end"));
        }, 2_500);
      },
    });
    // A getter (Object.assign would copy its value once).
    Object.defineProperty(synthesis, "speaking", { get: () => speaking });
    Object.defineProperty(window, "speechSynthesis", { value: synthesis });
    Object.defineProperty(window, "SpeechSynthesisUtterance", { value: FakeUtterance });
  });
}

function spoken(page: Page): Promise<{ text: string; lang: string; rate: number; voice: string }[]> {
  return page.evaluate(
    () => (window as unknown as { spoken: { text: string; lang: string; rate: number; voice: string }[] }).spoken,
  );
}

test("off by default: the descriptions track loads hidden and nothing is announced", async ({ page, signedIn: _ }) => {
  await page.goto(watchPath(1));
  await clickPlay(page, 1);
  expect(await descriptionTracks(page)).toEqual(["en:hidden", "id:disabled"]);
  await expect(live(page)).toHaveText("");
  await expect(page.locator(".vjs-text-track-display")).toHaveAttribute("aria-live", "off");
});

test("sent to the screen reader: each description reaches the polite live region, the caption display stays quiet", async ({
  page,
  signedIn: _,
}) => {
  await setPreferences(page, { description: "screen-reader" });
  await page.goto(watchPath(1));
  await expect(live(page)).toHaveAttribute("aria-live", "polite");
  await clickPlay(page, 0.5);
  await expect(live(page)).toHaveText(/^Description: A crimson title card\./);
  // Captions and descriptions at once: video.js would make its display assertive for a showing descriptions track.
  await expect(page.locator(".vjs-text-track-display")).toHaveAttribute("aria-live", "off");
  await expect(page.locator(".vjs-text-track-display")).toContainText("Your Highness");
  expect((await playerState(page)).captions).toEqual(["en:showing", "id:disabled"]);
});

test("extended description pauses the video while the description is read, then resumes it", async ({
  page,
  signedIn: _,
}) => {
  await setPreferences(page, { description: "screen-reader", extendedDescription: "1", descriptionRate: "2" });
  await page.goto(watchPath(1));
  await page.getByRole("button", { name: "Play Video" }).click();
  await expect(live(page)).toHaveText(/^Description: A crimson title card\./);
  await expect.poll(async () => (await playerState(page)).paused).toBe(true);
  const held = (await playerState(page)).currentTime;
  expect(held).toBeLessThan(1.5);
  // 13 words at twice 180 words a minute, plus a moment: about 2.8 s, then playback goes on by itself.
  await expect.poll(async () => (await playerState(page)).paused, { timeout: 8_000 }).toBe(false);
  await expect.poll(async () => (await playerState(page)).currentTime).toBeGreaterThan(held + 0.5);
});

test("read aloud: spoken with the Web Speech API in the track's language, the viewer's rate and voice; extended waits for the voice", async ({
  page,
  signedIn: _,
}) => {
  await recordSpeech(page);
  await setPreferences(page, {
    description: "speech",
    extendedDescription: "1",
    descriptionRate: "1.5",
    descriptionVoice: "Test Voice",
  });
  await page.goto(watchPath(1));
  // The voice list is this device's, filled in and enabled by the script.
  await expect(page.locator("#pref-description-voice")).toBeEnabled();
  await expect(page.locator("#pref-description-voice")).toHaveValue("Test Voice");
  await page.getByRole("button", { name: "Play Video" }).click();
  await expect
    .poll(() => spoken(page))
    .toEqual([
      {
        text: "A crimson title card. White letters in the middle read: Dracin sample 1.",
        lang: "en",
        rate: 1.5,
        voice: "Test Voice",
      },
    ]);
  // Held while the voice speaks, going on once it has finished.
  expect(await page.evaluate(() => window.speechSynthesis.speaking)).toBe(true);
  expect((await playerState(page)).paused).toBe(true);
  await expect.poll(async () => (await playerState(page)).paused, { timeout: 8_000 }).toBe(false);
  expect(await page.evaluate(() => window.speechSynthesis.speaking)).toBe(false);
  // Spoken, not also sent to the screen reader.
  await expect(live(page)).toHaveText("");
});

test("captions read to the screen reader when asked, politely", async ({ page, signedIn: _ }) => {
  await setPreferences(page, { readCaptions: "1" });
  await page.goto(watchPath(1));
  await clickPlay(page, 0.5);
  await expect(live(page)).toContainText("Your Highness, the Empress has summoned you");
});

test("a hostile settings value is refused with 400 and changes nothing", async ({ page, signedIn: _ }) => {
  const hostile: Record<string, string>[] = [
    { description: "shout" },
    { descriptionRate: "9" },
    { descriptionVoice: "x".repeat(101) },
    { extendedDescription: "yes" },
  ];
  for (const form of hostile) {
    const response = await page.request.post("/resources/preferences", {
      form,
      headers: { Accept: "application/json" },
    });
    expect(response.status()).toBe(400);
  }
  await page.goto(watchPath(1));
  await expect(page.locator("#pref-description")).toHaveValue("off");
});

test("the settings with audio description have no axe violations, in English and Indonesian", async ({
  page,
  signedIn: _,
}) => {
  await page.goto(watchPath(1));
  await page.getByText("Playback settings").click();
  await expect(page.getByLabel("Audio description", { exact: true })).toBeVisible();
  await expectNoViolations(page, { state: "playback settings open (en)" });
  await page.goto(`${watchPath(1)}?lang=id`);
  await page.getByText("Pengaturan pemutaran").click();
  await expect(page.getByLabel("Deskripsi audio", { exact: true })).toBeVisible();
  await expectNoViolations(page, { state: "playback settings open (id)" });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the settings form saves audio description and keeps the choice; the voice stays the device's default", async ({
    page,
    signedIn: _,
  }) => {
    await page.goto(watchPath(1));
    await page.getByText("Playback settings").click();
    await expect(page.locator("#pref-description-voice")).toBeDisabled();
    await page.getByLabel("Audio description", { exact: true }).selectOption("screen-reader");
    await page.getByLabel("Pause the video while a description is read").selectOption("1");
    await page.getByLabel("Speaking rate").selectOption("1.25");
    await page.getByLabel("Read captions to my screen reader").selectOption("1");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page).toHaveURL(watchPath(1));
    await expect(page.locator("#pref-description")).toHaveValue("screen-reader");
    await expect(page.locator("#pref-extended-description")).toHaveValue("1");
    await expect(page.locator("#pref-description-rate")).toHaveValue("1.25");
    await expect(page.locator("#pref-read-captions")).toHaveValue("1");
    // The native player gets the descriptions tracks too.
    const tracks = await page
      .locator('video track[kind="descriptions"]')
      .evaluateAll((els) => els.map((el) => (el as HTMLTrackElement).srclang));
    expect(tracks).toEqual(["en", "id"]);
  });
});
