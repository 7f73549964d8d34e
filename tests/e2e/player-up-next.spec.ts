/**
 * The end of an episode: the "Up next" card, its countdown, autoplay on and
 * off, the `n` shortcut and "Still watching?". Episodes are 20–36 s; tests
 * jump near the end with a script seek.
 *
 * The countdown runs on the page's timers and Date.now (app/lib/up-next.ts),
 * so tests install Playwright's clock before the page loads and move it on
 * with `page.clock.runFor` instead of waiting the 10 s out. The clock only
 * drives the page's timers: the video itself plays in real time.
 */
import type { Page } from "@playwright/test";
import { HANDOFF_KEY } from "~/lib/still-watching";
import { UP_NEXT_SECONDS } from "~/lib/up-next";
import { announcer, expect, test } from "./fixtures";
import {
  EPISODE_2_TITLE,
  clickPlay,
  currentTime,
  keyboardPlay,
  playerState,
  seekNearEnd,
  setPreferences,
  upNextCard,
  watchPath,
} from "./player-helpers";

test.describe.configure({ timeout: 60_000 });

/** The page's timers run on Playwright's clock from the first script on; time still flows by itself. */
test.beforeEach(async ({ page }) => {
  await page.clock.install();
});

/** Moves the page's clock past the whole countdown, firing every timer due on the way. */
async function runPastCountdown(page: Page): Promise<void> {
  await page.clock.runFor(UP_NEXT_SECONDS * 1000 + 1000);
}

/** Navigations of the page's main frame to `path`, recorded from now on. */
function recordNavigationsTo(page: Page, path: string): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    if (
      request.isNavigationRequest() &&
      request.frame() === page.mainFrame() &&
      new URL(request.url()).pathname === path
    ) {
      seen.push(request.url());
    }
  });
  return seen;
}

/**
 * After the clock ran past the countdown: the page did not move on. The player writes the
 * autoplay hand-off to sessionStorage in the same timer callback that starts the navigation,
 * so an empty hand-off, no request for the next page and the same URL prove no countdown fired.
 */
async function expectStayedOnEpisode1(page: Page, navigations: string[]): Promise<void> {
  expect(await page.evaluate((key) => sessionStorage.getItem(key), HANDOFF_KEY)).toBeNull();
  expect(navigations).toEqual([]);
  await expect(page).toHaveURL(watchPath(1));
}

test("the countdown appears at the end and starts the next episode, which plays by itself", async ({
  page,
  signedIn: _,
}) => {
  await page.goto(watchPath(1));
  await clickPlay(page);
  await seekNearEnd(page);

  const card = upNextCard(page);
  await expect(card).toBeVisible({ timeout: 10_000 });
  await expect(card).toContainText(`Episode 2: ${EPISODE_2_TITLE}`);
  await expect(card.getByText(/^Playing in \d+ s$/)).toBeVisible();
  await expect(card.getByRole("button", { name: "Play now" })).toBeVisible();
  await expect(card.getByRole("button", { name: "Cancel" })).toBeVisible();
  await expect(announcer(page)).toHaveText("Up next: episode 2 in 10 seconds.");
  // The ring fills over the 10 seconds when motion is fine.
  await expect(card.locator(".up-next-ring")).toBeVisible();

  await runPastCountdown(page);
  await page.waitForURL(`**${watchPath(2)}`, { timeout: 15_000 });
  await expect.poll(() => currentTime(page), { timeout: 15_000 }).toBeGreaterThan(0.5);
  expect((await playerState(page)).paused).toBe(false);
});

test("with reduced motion the countdown is text only, and autoplay still happens", async ({ page, signedIn: _ }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto(watchPath(1));
  await clickPlay(page);
  await seekNearEnd(page);
  const card = upNextCard(page);
  await expect(card.getByText(/^Playing in \d+ s$/)).toBeVisible({ timeout: 10_000 });
  await expect(card.locator(".up-next-ring")).toBeHidden();
  await runPastCountdown(page);
  await page.waitForURL(`**${watchPath(2)}`, { timeout: 15_000 });
});

test("the countdown can be cancelled from the keyboard, and focus stays in the player", async ({
  page,
  signedIn: _,
}) => {
  const navigations = recordNavigationsTo(page, watchPath(2));
  await page.goto(watchPath(1));
  await keyboardPlay(page);
  await seekNearEnd(page);

  const card = upNextCard(page);
  await expect(card).toBeVisible({ timeout: 10_000 });
  // Focus was in the player, so it moved to "Play now".
  await expect(card.getByRole("button", { name: "Play now" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(card.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(card).toBeHidden();
  await expect(announcer(page)).toHaveText("Autoplay cancelled.");
  // Focus lands on the control bar's play button (now "Replay"), not on the page body.
  await expect(page.locator(".vjs-play-control")).toBeFocused();
  await runPastCountdown(page);
  await expectStayedOnEpisode1(page, navigations);
});

test("the card does not take focus when the viewer is elsewhere on the page", async ({ page, signedIn: _ }) => {
  await page.goto(watchPath(1));
  await clickPlay(page);
  const next = page.getByRole("link", { name: /^Next episode: 2/ });
  await next.focus();
  await seekNearEnd(page);
  await expect(upNextCard(page)).toBeVisible({ timeout: 10_000 });
  await expect(next).toBeFocused();
  // Escape in the card closes it too; here the viewer cancels with the pointer.
  await upNextCard(page).getByRole("button", { name: "Cancel" }).click();
  await expect(upNextCard(page)).toBeHidden();
});

test("with autoplay off the card waits for the viewer: no countdown", async ({ page, signedIn: _ }) => {
  await setPreferences(page, { autoplay: "0" });
  const navigations = recordNavigationsTo(page, watchPath(2));
  await page.goto(watchPath(1));
  await expect(page.getByRole("checkbox", { name: "Autoplay next episode" })).not.toBeChecked();
  await clickPlay(page);
  await seekNearEnd(page);

  const card = upNextCard(page);
  await expect(card).toBeVisible({ timeout: 10_000 });
  await expect(card).toContainText(`Episode 2: ${EPISODE_2_TITLE}`);
  await expect(card.getByText(/Playing in/)).toHaveCount(0);
  await expect(card.getByRole("button", { name: "Close" })).toBeVisible();
  await runPastCountdown(page);
  await expectStayedOnEpisode1(page, navigations);

  await card.getByRole("button", { name: "Play now" }).click();
  await page.waitForURL(`**${watchPath(2)}`);
  // "Play now" is the viewer's choice: the next episode plays.
  await expect.poll(() => currentTime(page), { timeout: 15_000 }).toBeGreaterThan(0.5);
});

test("the Autoplay next episode switch is saved for the next page", async ({ page, signedIn: _ }) => {
  await page.goto(watchPath(1));
  const toggle = page.getByRole("checkbox", { name: "Autoplay next episode" });
  await expect(toggle).toBeChecked();
  const saved = page.waitForResponse((response) => new URL(response.url()).pathname === "/resources/preferences");
  await toggle.uncheck();
  const response = await saved;
  expect(response.status()).toBe(204);
  expect(response.request().headers()["accept"]).toContain("application/json");
  const posted = new URLSearchParams(response.request().postData() ?? "");
  expect(posted.get("autoplay")).toBe("0");
  // Only what the viewer changed here is sent: a data saver change made in another tab stands.
  expect(posted.has("dataSaver")).toBe(false);
  // The settings form under the video follows, so it cannot post a stale value.
  await expect(page.locator("#pref-autoplay")).toHaveValue("0");

  await page.goto(watchPath(2));
  await expect(page.getByRole("checkbox", { name: "Autoplay next episode" })).not.toBeChecked();
  expect(await page.locator("video[data-player], .video-js video").first().getAttribute("data-autoplay")).toBe("0");
});

test("switching autoplay off during the countdown stops it", async ({ page, signedIn: _ }) => {
  const navigations = recordNavigationsTo(page, watchPath(2));
  await page.goto(watchPath(1));
  await clickPlay(page);
  await seekNearEnd(page);
  const card = upNextCard(page);
  await expect(card.getByText(/^Playing in/)).toBeVisible({ timeout: 10_000 });
  await page.getByRole("checkbox", { name: "Autoplay next episode" }).uncheck();
  await expect(card.getByText(/Playing in/)).toHaveCount(0);
  await expect(card.getByRole("button", { name: "Close" })).toBeVisible();
  await runPastCountdown(page);
  await expectStayedOnEpisode1(page, navigations);
});

test("n plays the next episode while the player has focus, and focus is in the next episode's player", async ({
  page,
  signedIn: _,
}) => {
  await page.goto(watchPath(1));
  await keyboardPlay(page);
  await page.keyboard.press("n");
  await page.waitForURL(`**${watchPath(2)}`);
  await expect.poll(() => currentTime(page), { timeout: 15_000 }).toBeGreaterThan(0.5);
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest(".video-js") !== null)).toBe(true);
  // Keys go on working where the viewer left off: k pauses this episode.
  await page.keyboard.press("k");
  await expect.poll(async () => (await playerState(page)).paused).toBe(true);
});

test("the last episode ends without an Up next card", async ({ page, signedIn: _ }) => {
  await page.goto(watchPath(12));
  await clickPlay(page);
  await seekNearEnd(page);
  await expect.poll(async () => (await playerState(page)).ended, { timeout: 10_000 }).toBe(true);
  await expect(upNextCard(page)).toHaveCount(0);
});

test("after 90 minutes of autoplay without interaction, the next episode asks “Still watching?” first", async ({
  page,
  signedIn: _,
}) => {
  // Counts play() calls on each page: the `play` event fires for every one (media events do not bubble; capture does).
  await page.addInitScript(() => {
    const state = window as unknown as { playEvents: number };
    state.playEvents = 0;
    document.addEventListener("play", () => (state.playEvents += 1), true);
  });
  // This tab has been autoplaying for 89 minutes 55 seconds: the last interaction was that long ago.
  await page.addInitScript(
    ([key, path]) => {
      if (location.pathname !== path || sessionStorage.getItem("test-seeded")) return;
      sessionStorage.setItem("test-seeded", "1");
      const now = Date.now();
      sessionStorage.setItem(key, JSON.stringify({ to: path, since: now - (90 * 60 - 5) * 1000, at: now }));
    },
    [HANDOFF_KEY, watchPath(1)] as const,
  );
  await page.goto(watchPath(1));
  // Reached by autoplay (the hand-off), so it plays without a click; no prompt yet.
  await expect.poll(() => currentTime(page), { timeout: 15_000 }).toBeGreaterThan(0.3);
  await expect(page.getByRole("group", { name: "Still watching?" })).toHaveCount(0);
  await seekNearEnd(page);
  await expect(upNextCard(page)).toBeVisible({ timeout: 10_000 });

  // The countdown moves on by itself; by now 90 minutes have passed without interaction.
  await runPastCountdown(page);
  await page.waitForURL(`**${watchPath(2)}`, { timeout: 15_000 });
  const prompt = page.getByRole("group", { name: "Still watching?" });
  await expect(prompt).toBeVisible();
  await expect(announcer(page)).toHaveText("Still watching? Playback is paused.");
  await expect(prompt.getByRole("button", { name: "Continue watching" })).toBeFocused();
  // The prompt and the autoplay are the two branches of one decision taken when the player is ready:
  // with the prompt up, no play() was ever called on this page (a `play` event would have fired).
  expect(await page.evaluate(() => (window as unknown as { playEvents: number }).playEvents)).toBe(0);
  expect(await currentTime(page)).toBe(0);
  expect((await playerState(page)).paused).toBe(true);

  await page.keyboard.press("Enter");
  await expect(prompt).toHaveCount(0);
  await expect.poll(() => currentTime(page), { timeout: 15_000 }).toBeGreaterThan(0.5);
  // Focus is not dropped on the page: it is on the player's Pause button.
  await expect(page.locator(".vjs-play-control")).toBeFocused();
});

test("“Stop” leaves the episode paused and the big play button focused", async ({ page, signedIn: _ }) => {
  await page.addInitScript(
    ([key, path]) => {
      if (location.pathname !== path || sessionStorage.getItem("test-seeded")) return;
      sessionStorage.setItem("test-seeded", "1");
      const now = Date.now();
      sessionStorage.setItem(key, JSON.stringify({ to: path, since: now - 91 * 60 * 1000, at: now }));
    },
    [HANDOFF_KEY, watchPath(2)] as const,
  );
  await page.goto(watchPath(2));
  const prompt = page.getByRole("group", { name: "Still watching?" });
  await expect(prompt).toBeVisible();
  await prompt.getByRole("button", { name: "Stop" }).click();
  await expect(prompt).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Play Video" })).toBeFocused();
  expect((await playerState(page)).paused).toBe(true);
});
