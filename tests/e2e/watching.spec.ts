/**
 * Watching flows the server drives: mark as watched / unwatched, the next
 * episode offered after a completed one, Continue Watching and removing from
 * it, and playback settings — with JavaScript on (htmx) and off.
 */
import { expect, test, DRAMA, EPISODE_1 } from "./fixtures";

const EPISODE_2 = `${DRAMA.id}-ep-2`;

test.describe("with JavaScript", () => {
  test("marks an episode as watched in place, offers the next one, and Continue Watching can hide it", async ({
    page,
    signedIn,
  }) => {
    expect(signedIn.email).toBeTruthy();
    await page.goto(`/drama/${DRAMA.id}`);
    const row = page.locator(`#episode-${EPISODE_1}`);
    await expect(row.getByText("Not started")).toBeVisible();

    const swapped = page.waitForResponse(
      (r) => r.url().endsWith("/resources/watched") && r.request().headers()["hx-request"] === "true",
    );
    await row.getByRole("button", { name: /Mark as watched/ }).click();
    expect((await swapped).status()).toBe(200);
    await expect(row.locator(".episode-state")).toHaveText("Watched");
    await expect(row.getByRole("button", { name: /Mark as unwatched/ })).toBeFocused();
    await expect(page.locator("#announcer")).toHaveText("Episode 1 marked as watched.");
    expect(page.url()).toMatch(new RegExp(`/drama/${DRAMA.id}$`));

    await page.reload();
    await expect(page.getByRole("link", { name: "Play next: episode 2" })).toBeVisible();

    await page.goto("/");
    const continueRow = page.getByRole("region", { name: "Continue Watching" });
    await expect(continueRow.getByText("Next up: episode 2")).toBeVisible();
    await continueRow.getByRole("button", { name: /Remove from Continue Watching/ }).click();
    await expect(page.getByText("Removed from Continue Watching.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Continue Watching" })).toHaveCount(0);

    // Playing again brings the drama back by itself.
    const save = await page.request.post("/resources/progress", {
      form: { episodeId: EPISODE_2, position: "6", viewingStart: "1", seq: String(Date.now()) },
    });
    expect(save.status()).toBe(204);
    await page.reload();
    await expect(
      page.getByRole("region", { name: "Continue Watching" }).getByText(/Episode 2: 1 min left/),
    ).toBeVisible();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("marks as watched, marks as watched and plays next, and saves playback settings", async ({ page, signedIn }) => {
    expect(signedIn.email).toBeTruthy();
    await page.goto(`/drama/${DRAMA.id}`);
    await page
      .locator(`#episode-${EPISODE_1}`)
      .getByRole("button", { name: /Mark as watched/ })
      .click();
    await expect(page).toHaveURL(new RegExp(`/drama/${DRAMA.id}#episode-${EPISODE_1}$`));
    await expect(page.locator(`#episode-${EPISODE_1} .episode-state`)).toHaveText("Watched");
    await expect(page.getByRole("link", { name: "Play next: episode 2" })).toBeVisible();

    await page.goto(`/watch/${EPISODE_2}`);
    await expect(page.getByRole("link", { name: /Next episode: 3/ })).toBeVisible();
    await page.getByRole("button", { name: "Mark as watched and play next" }).click();
    await expect(page).toHaveURL(new RegExp(`/watch/${DRAMA.id}-ep-3$`));

    await page.getByText("Playback settings").click();
    await page.getByLabel("Captions", { exact: true }).selectOption("id");
    await page.getByLabel("Data saver").selectOption("1");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Your playback settings have been saved.")).toBeVisible();
    await page.goto(`/watch/${DRAMA.id}-ep-4`);
    await expect(page.locator('video track[kind="captions"][srclang="id"]')).toHaveAttribute("default", "");
    await expect(page.locator('video track[kind="captions"][srclang="en"]')).not.toHaveAttribute("default", "");
    await expect(page.locator("video")).toHaveAttribute("preload", "none");
  });
});
