/**
 * Progress saves from the player: resume after a reload, ordering (seq),
 * coalescing, and the offline queue.
 */
import { COALESCE_MS } from "~/lib/progress-reporter";
import { EPISODE_1, expect, test } from "./fixtures";
import {
  clickPlay,
  currentTime,
  isProgressSave,
  keyboardPlay,
  pausePlayer,
  playerState,
  playingPositions,
  recordPlayingPositions,
  recordSaves,
  saveBody,
} from "./player-helpers";

test("play, pause, reload: resumes within 2 s of the saved position, without playing from 0 first", async ({
  page,
  signedIn: _,
}) => {
  await recordPlayingPositions(page);
  await page.goto(`/watch/${EPISODE_1}`);
  await keyboardPlay(page, 6);

  const pauseSave = page.waitForRequest(
    (request) => isProgressSave(request) && Number(saveBody(request).get("position")) > 6,
  );
  // Focus is on the control bar's Pause button after a keyboard start: k pauses.
  await page.keyboard.press("k");
  const saved = Number(saveBody(await pauseSave).get("position"));
  expect((await playerState(page)).paused).toBe(true);
  const response = await (await pauseSave).response();
  expect(response?.status()).toBe(204);

  await page.reload();
  await expect(page.getByText(/^Resuming at 0:0\d\.$/)).toBeVisible();
  // The start time is applied as soon as metadata is known, before playing.
  await expect.poll(() => currentTime(page), { timeout: 10_000 }).toBeGreaterThan(saved - 2);
  expect(await currentTime(page)).toBeLessThan(saved + 2);

  await clickPlay(page, saved);
  const playing = await playingPositions(page);
  expect(playing.length).toBeGreaterThan(0);
  // The first frame played is at the resume position: no visible jump from 0.
  expect(Math.abs(playing[0] - saved)).toBeLessThan(2);
});

test("every save carries an increasing seq, and the first one starts a viewing", async ({ page, signedIn: _ }) => {
  const saves = recordSaves(page);
  await page.goto(`/watch/${EPISODE_1}`);
  await clickPlay(page, 1);
  await pausePlayer(page);
  await expect.poll(() => saves.length).toBeGreaterThanOrEqual(2);
  expect(saves[0].get("viewingStart")).toBe("1");
  expect(saves.slice(1).every((save) => save.get("viewingStart") === "0")).toBe(true);
  const seqs = saves.map((save) => Number(save.get("seq")));
  for (let i = 1; i < seqs.length; i += 1) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]);
  expect(Math.abs(seqs[0] - Date.now())).toBeLessThan(60_000);
});

test("a burst of seeks sends one save with the latest position", async ({ page, signedIn: _ }) => {
  // The coalescing window is a page timer: run it on Playwright's clock instead of waiting it out.
  await page.clock.install();
  await page.goto(`/watch/${EPISODE_1}`);
  await clickPlay(page, 0.5);
  const saves = recordSaves(page);
  await page
    .locator(".video-js")
    .first()
    .evaluate((el) => {
      const player = (el as unknown as { player: { currentTime(t: number): void; pause(): void } }).player;
      player.pause();
      for (const at of [3, 5, 7, 9]) player.currentTime(at);
    });
  await expect.poll(() => saves.length, { timeout: 5_000 }).toBeGreaterThan(0);
  // Fire every timer a second report could wait on, then make a round trip from the page:
  // a save sent by those timers went out before it, so it would be recorded by now.
  await page.clock.runFor(COALESCE_MS * 4);
  expect(await page.evaluate(async () => (await fetch("/healthz")).status)).toBe(200);
  const positions = saves.map((save) => Number(save.get("position")));
  expect(positions).toHaveLength(1);
  expect(positions[0]).toBeGreaterThan(8.5);
});

test("offline: a save that fails is kept and sent when the connection returns", async ({
  page,
  context,
  signedIn: _,
}) => {
  await page.goto(`/watch/${EPISODE_1}`);
  await clickPlay(page, 4);

  await context.setOffline(true);
  const failed = page.waitForEvent("requestfailed", { predicate: isProgressSave });
  await pausePlayer(page);
  const lost = saveBody(await failed);
  const position = lost.get("position");
  expect(Number(position)).toBeGreaterThan(4);

  // Kept in localStorage: the latest save for the episode.
  const queued = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith("dracin:pending-progress"))
      .flatMap(
        (key) =>
          JSON.parse(localStorage.getItem(key) ?? "[]") as { episodeId: string; seq: number; position: number }[],
      ),
  );
  expect(queued).toHaveLength(1);
  expect(queued[0]).toMatchObject({ episodeId: EPISODE_1, seq: Number(lost.get("seq")) });
  expect(queued[0].position).toBeCloseTo(Number(position), 1);

  const resent = page.waitForResponse((response) => isProgressSave(response.request()) && response.status() === 204);
  await context.setOffline(false);
  const delivered = saveBody((await resent).request());
  expect(delivered.get("position")).toBe(position);
  expect(delivered.get("seq")).toBe(lost.get("seq"));
  await expect
    .poll(() =>
      page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("dracin:pending-progress")).length),
    )
    .toBe(0);

  // And the server has it: the drama page offers to resume episode 1.
  await page.goto("/drama/moonlit-tea-house");
  await expect(page.getByRole("link", { name: "Resume episode 1" })).toBeVisible();
});

test("signing out forgets saves kept offline, so another viewer on the device never sends them", async ({
  page,
  signedIn: _,
}) => {
  await page.goto(`/watch/${EPISODE_1}`);
  await page.evaluate(() =>
    localStorage.setItem(
      "dracin:pending-progress",
      JSON.stringify([
        { episodeId: "moonlit-tea-house-ep-1", position: 9, duration: 20, viewingStart: false, seq: Date.now() },
      ]),
    ),
  );
  await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("dracin:pending-progress"))).toBeNull();
});
