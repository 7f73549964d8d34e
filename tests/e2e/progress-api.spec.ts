/**
 * The progress endpoint as the real HTTP server answers it (its fast path
 * runs outside Remix: docs/decisions/005-progress-fast-path.md).
 */
import { expect, test, EPISODE_1 } from "./fixtures";

test("answers the player's saves through the HTTP server with the same rules as the route action", async ({
  page,
  signedIn,
}) => {
  expect(signedIn.email).toBeTruthy();
  const post = (form: Record<string, string>) => page.request.post("/resources/progress", { form });

  expect((await post({ episodeId: EPISODE_1, position: "8", viewingStart: "1", seq: "100" })).status()).toBe(204);
  // An older save (lower seq) is ignored.
  expect((await post({ episodeId: EPISODE_1, position: "2", seq: "50" })).status()).toBe(204);

  const bad = await post({ episodeId: EPISODE_1, position: "soon" });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({ error: expect.stringContaining("Invalid progress") });
  expect((await post({ episodeId: "no-such-episode", position: "1" })).status()).toBe(404);
  expect((await post({ episodeId: EPISODE_1, position: "9999" })).status()).toBe(422);

  await page.goto(`/watch/${EPISODE_1}`);
  await expect(page.getByText("Resuming at 0:08.")).toBeVisible();
});

test("refuses saves without a session and from other sites", async ({ playwright, baseURL, page, signedIn }) => {
  expect(signedIn.email).toBeTruthy();
  const anonymous = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  const response = await anonymous.post("/resources/progress", { form: { episodeId: EPISODE_1, position: "3" } });
  expect(response.status()).toBe(401);
  await anonymous.dispose();

  const crossSite = await page.request.post("/resources/progress", {
    form: { episodeId: EPISODE_1, position: "3" },
    headers: { Origin: "https://evil.example" },
  });
  expect(crossSite.status()).toBe(403);
});
