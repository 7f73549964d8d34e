/**
 * The core journey with JavaScript on: htmx updates parts of pages and
 * video.js plays HLS, on top of pages that work without either.
 */
import { DRAMA, EPISODE_1, announcer, currentTime, expect, newAccount, registerInBrowser, test } from "./fixtures";

test("a viewer registers, browses, searches, adds to My List, watches with progress saved, signs out and back in", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const account = newAccount("journey");
  const nav = page.getByRole("navigation", { name: "Main" });

  await test.step("register", async () => {
    await page.goto("/");
    await nav.getByRole("link", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Create account" })).toBeVisible();
    await registerInBrowser(page, account);
    await expect(nav.getByRole("link", { name: "My List" })).toBeVisible();
  });

  await test.step("browse: pagination and the GET filter form", async () => {
    await nav.getByRole("link", { name: "Browse" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Browse dramas" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: /^\d+ dramas$/ })).toHaveText("30 dramas");
    const pages = page.getByRole("navigation", { name: "Pages" });
    await expect(pages.getByRole("link", { name: "Page 1" })).toHaveAttribute("aria-current", "page");
    await pages.getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/\/browse\?sort=latest&page=2$/);
    await expect(pages.getByRole("link", { name: "Page 2" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("main").getByRole("article")).toHaveCount(30 - 24);

    const filters = page.getByRole("form", { name: "Filter dramas" });
    await filters.getByLabel("Genre").selectOption({ label: "Family" });
    await filters.getByLabel("Sort by").selectOption({ label: "Highest rated" });
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/\/browse\?genre=family&vibe=&year=&status=&subtitles=&descriptions=&sort=rating$/);
    await expect(filters.getByLabel("Genre")).toHaveValue("family");
    await page.waitForLoadState("domcontentloaded");
    const cards = page.getByRole("main").getByRole("article");
    const status = page.getByRole("status").filter({ hasText: /dramas?$/ });
    await expect(status).toHaveText(/^\d+ dramas?$/);
    const count = Number.parseInt((await status.textContent()) ?? "", 10);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(30);
    await expect(cards).toHaveCount(count);
    for (const card of await cards.all()) await expect(card).toContainText("Family");
    await expect(cards.getByRole("link", { name: DRAMA.title })).toBeVisible();
  });

  await test.step("search: htmx updates the results as you type and the URL follows", async () => {
    await nav.getByRole("link", { name: "Search" }).click();
    await expect(page).toHaveURL("/search");
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    const fragment = page.waitForResponse(
      (response) =>
        new URL(response.url()).pathname === "/resources/search" &&
        new URL(response.url()).searchParams.get("q") === "moonlit tea",
    );
    await page.getByLabel("Search", { exact: true }).pressSequentially("moonlit tea", { delay: 40 });
    const response = await fragment;
    expect(response.status()).toBe(200);
    expect(response.request().headers()["hx-request"]).toBe("true");
    const results = page.locator("#search-results");
    await expect(results.getByRole("link", { name: DRAMA.title })).toBeVisible();
    await expect(results).toContainText("1 drama found for “moonlit tea”.");
    await expect(page).toHaveURL("/search?q=moonlit+tea");
    await expect(announcer(page)).toHaveText("1 drama found for “moonlit tea”.");
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    await results.getByRole("link", { name: DRAMA.title }).click();
    await expect(page).toHaveURL(`/drama/${DRAMA.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(DRAMA.title);
  });

  await test.step("Add to My List swaps only the button and announces the change", async () => {
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    const saved = page.waitForResponse(
      (response) =>
        new URL(response.url()).pathname === "/resources/favorites" && response.request().method() === "POST",
    );
    await page.getByRole("button", { name: /^Add to My List/ }).click();
    const response = await saved;
    expect(response.status()).toBe(200);
    expect(response.request().headers()["hx-request"]).toBe("true");
    await expect(page.getByRole("button", { name: /^Remove from My List/ })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Add to My List/ })).toHaveCount(0);
    await expect(announcer(page)).toHaveText(`Added ${DRAMA.title} to My List.`);
    await expect(page).toHaveURL(`/drama/${DRAMA.id}`);
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  });

  await test.step("play: video.js plays the HLS stream and progress is saved", async () => {
    const playlist = page.waitForRequest((request) => new URL(request.url()).pathname.endsWith(".m3u8"));
    const segment = page.waitForRequest((request) => new URL(request.url()).pathname.endsWith(".ts"));
    const firstSave = page.waitForResponse(
      (response) =>
        new URL(response.url()).pathname === "/resources/progress" && response.request().method() === "POST",
    );
    await page.getByRole("link", { name: "Play episode 1" }).click();
    await expect(page).toHaveURL(`/watch/${EPISODE_1}`);
    await expect(page.locator(".video-js.vjs-paused")).toBeVisible();
    await page.getByRole("button", { name: "Play Video" }).click();
    await playlist;
    await segment;
    await expect.poll(() => currentTime(page), { timeout: 15_000 }).toBeGreaterThan(1.5);

    // The first report of a viewing is sent as soon as playback starts.
    const first = await firstSave;
    expect(first.status()).toBe(204);
    expect(new URLSearchParams(first.request().postData() ?? "").get("viewingStart")).toBe("1");

    // Past the "started" threshold (3 s), pause: that reports at once, not on the 10 s tick.
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
    const body = new URLSearchParams(saved.request().postData() ?? "");
    expect(body.get("episodeId")).toBe(EPISODE_1);
    expect(Number(body.get("position"))).toBeGreaterThan(4);
    expect(
      await page
        .locator("video")
        .first()
        .evaluate((video: HTMLVideoElement) => video.paused),
    ).toBe(true);
  });

  await test.step("the drama page offers to resume and shows the share watched", async () => {
    await page.locator(".breadcrumb").getByRole("link", { name: DRAMA.title }).click();
    await expect(page).toHaveURL(`/drama/${DRAMA.id}`);
    await expect(page.getByRole("link", { name: "Resume episode 1" })).toBeVisible();
    const episode1 = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: /^Episode 1 / }) });
    await expect(episode1.getByText(/^\d{1,2}% watched$/)).toBeVisible();
  });

  await test.step("history and Continue Watching list the episode", async () => {
    await nav.getByRole("link", { name: "History" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Watch history" })).toBeVisible();
    const history = page.getByRole("main").getByRole("list");
    await expect(history.getByRole("link", { name: DRAMA.title })).toBeVisible();
    await expect(history.getByRole("link", { name: /^Episode 1: / })).toHaveAttribute("href", `/watch/${EPISODE_1}`);

    await page.getByRole("link", { name: "Dracin" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Continue Watching" })).toBeVisible();
    await expect(
      page
        .getByRole("region", { name: "Continue Watching" })
        .getByRole("link", { name: /^Resume episode 1\s*: Moonlit Tea House$/ }),
    ).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "My List" })).toBeVisible();
  });

  await test.step("sign out, then sign in again with the same credentials", async () => {
    await nav.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL("/");
    await expect(page.getByText("You have signed out.")).toBeVisible();
    await expect(nav.getByRole("button", { name: "Sign out" })).toHaveCount(0);

    await nav.getByRole("link", { name: "Sign in" }).click();
    await page.getByLabel("Email", { exact: true }).fill(account.email);
    await page.getByLabel("Password", { exact: true }).fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL("/");
    await expect(nav.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Continue Watching" })).toBeVisible();
  });
});
