/**
 * The browser journey with JavaScript on, through the round-robin proxy: every
 * request goes to the other instance than the one before, so the session,
 * CSRF secret, My List, progress, history and Continue Watching a page shows
 * were written by either instance.
 */
import { DRAMA, EPISODE_1, announcer, currentTime, expect, newAccount, registerInBrowser, test } from "../e2e/fixtures";
import { proxyStats, recordServed, servedBetween } from "./proxy";

const EPISODE_2 = `${DRAMA.id}-ep-2`;

test("a viewer registers, browses, adds to My List, watches, reviews sessions, signs out and in: both instances serve it", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const account = newAccount("multi");
  const nav = page.getByRole("navigation", { name: "Main" });
  const before = await proxyStats(request);
  const { served, settle } = recordServed(page);

  await test.step("register (one instance) and land signed in (either)", async () => {
    await registerInBrowser(page, account);
  });

  await test.step("browse and open a drama", async () => {
    await nav.getByRole("link", { name: "Browse" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Browse dramas" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: /^\d+ dramas$/ })).toHaveText("30 dramas");
    await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/\/browse\?sort=latest&page=2$/);
    await page.goto(`/drama/${DRAMA.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(DRAMA.title);
  });

  await test.step("Add to My List (htmx) and see it on /my-list", async () => {
    const saved = page.waitForResponse(
      (response) =>
        new URL(response.url()).pathname === "/resources/favorites" && response.request().method() === "POST",
    );
    await page.getByRole("button", { name: /^Add to My List/ }).click();
    const response = await saved;
    expect(response.status()).toBe(200);
    // With a replica configured, a write sends the browser's next reads to the primary (read-your-own-writes).
    expect(await response.headerValue("set-cookie")).toMatch(/dracin_primary=1; Max-Age=10/);
    await expect(page.getByRole("button", { name: /^Remove from My List/ })).toBeVisible();
    await expect(announcer(page)).toHaveText(`Added ${DRAMA.title} to My List.`);
    await nav.getByRole("link", { name: "My List" }).click();
    await expect(page.getByRole("main").getByRole("link", { name: DRAMA.title })).toBeVisible();
  });

  await test.step("watch: the player's saves are accepted by either instance", async () => {
    await page.goto(`/drama/${DRAMA.id}`);
    const firstSave = page.waitForResponse(
      (response) =>
        new URL(response.url()).pathname === "/resources/progress" && response.request().method() === "POST",
    );
    await page.getByRole("link", { name: "Play episode 1" }).click();
    await expect(page).toHaveURL(`/watch/${EPISODE_1}`);
    await page.getByRole("button", { name: "Play Video" }).click();
    expect((await firstSave).status()).toBe(204);
    await expect.poll(() => currentTime(page), { timeout: 15_000 }).toBeGreaterThan(4);
    const pauseSave = page.waitForResponse(
      (response) =>
        new URL(response.url()).pathname === "/resources/progress" && response.request().method() === "POST",
      { timeout: 3_000 },
    );
    await page.locator(".video-js").hover();
    await page.getByRole("button", { name: "Pause", exact: true }).click();
    const saved = await pauseSave;
    expect(saved.status()).toBe(204);
    expect(Number(new URLSearchParams(saved.request().postData() ?? "").get("position"))).toBeGreaterThan(4);
  });

  await test.step("the drama page shows the saved progress; Mark as watched (htmx) on episode 2", async () => {
    await page.locator(".breadcrumb").getByRole("link", { name: DRAMA.title }).click();
    await expect(page).toHaveURL(`/drama/${DRAMA.id}`);
    await expect(page.getByRole("link", { name: "Resume episode 1" })).toBeVisible();
    const episode1 = page.locator(`#episode-${EPISODE_1}`);
    await expect(episode1.getByText(/^\d{1,2}% watched$/)).toBeVisible();

    const row = page.locator(`#episode-${EPISODE_2}`);
    const swapped = page.waitForResponse(
      (response) =>
        response.url().endsWith("/resources/watched") && response.request().headers()["hx-request"] === "true",
    );
    await row.getByRole("button", { name: /Mark as watched/ }).click();
    expect((await swapped).status()).toBe(200);
    await expect(row.locator(".episode-state")).toHaveText("Watched");
    await page.reload();
    await expect(page.locator(`#episode-${EPISODE_2} .episode-state`)).toHaveText("Watched");
    await expect(page.locator(`#episode-${EPISODE_1}`).getByText(/^\d{1,2}% watched$/)).toBeVisible();
  });

  await test.step("history and Continue Watching", async () => {
    await nav.getByRole("link", { name: "History" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Watch history" })).toBeVisible();
    const history = page.getByRole("main").getByRole("list");
    await expect(history.getByRole("link", { name: /^Episode 1: / })).toHaveAttribute("href", `/watch/${EPISODE_1}`);

    await page.getByRole("link", { name: "Dracin" }).click();
    const continueWatching = page.getByRole("region", { name: "Continue Watching" });
    await expect(continueWatching).toBeVisible();
    await expect(continueWatching.getByRole("link", { name: new RegExp(DRAMA.title) }).first()).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "My List" })).toBeVisible();
  });

  await test.step("the sessions page lists this browser's session", async () => {
    await page.goto("/account/sessions");
    await expect(page.getByRole("heading", { level: 1, name: "Signed-in devices" })).toBeVisible();
    await expect(page.getByText("1 active session", { exact: true })).toBeVisible();
    await expect(page.getByText("This session", { exact: true })).toBeVisible();
  });

  await test.step("sign out, then sign in again", async () => {
    await nav.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL("/");
    await expect(page.getByText("You have signed out.")).toBeVisible();
    // Signed out whichever instance answers: the session row is gone, not just one process's memory of it.
    for (const path of ["/my-list", "/history"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/login\?redirectTo=/);
    }
    await page.getByLabel("Email", { exact: true }).fill(account.email);
    await page.getByLabel("Password", { exact: true }).fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL("/history");
    await expect(page.getByRole("main").getByRole("link", { name: /^Episode 1: / })).toBeVisible();
    await page.goto("/");
    await expect(page.getByRole("region", { name: "Continue Watching" })).toBeVisible();
  });

  await test.step("both instances served the journey, in strict alternation", async () => {
    await settle();
    const counts = servedBetween(before, await proxyStats(request));
    // Only this test talks to the proxy (one worker): its requests alternate exactly.
    expect(counts).toHaveLength(2);
    expect(Math.min(...counts), `requests per instance: ${counts.join(", ")}`).toBeGreaterThan(10);
    expect(Math.abs(counts[0] - counts[1]), `requests per instance: ${counts.join(", ")}`).toBeLessThanOrEqual(1);

    // Which instance gets a given post depends on how many asset and player requests came before it
    // (timing); the signed-in pages and fragments are many, so both instances always serve some.
    // no-js.spec.ts and throttle.spec.ts pin writes to alternating instances request by request.
    const signedInRequests = served.filter((entry) => entry.withSession);
    const pages = served.filter((entry) => entry.method === "GET" && entry.withSession && !/\.\w+$/.test(entry.path));
    expect(pages.length).toBeGreaterThan(10);
    expect(new Set(signedInRequests.map((entry) => entry.backend)), "signed-in requests on both instances").toEqual(
      new Set([1, 2]),
    );
    expect(new Set(pages.map((entry) => entry.backend)), "signed-in pages on both instances").toEqual(new Set([1, 2]));
  });
});
