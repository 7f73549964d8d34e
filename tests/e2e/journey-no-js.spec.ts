/**
 * The same journey with JavaScript disabled: every form is a real form that
 * works by plain submission and a redirect, and the player is a native
 * <video controls> with MP4 sources, captions and download links.
 */
import { DRAMA, EPISODE_1, expect, newAccount, registerInBrowser, test } from "./fixtures";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("every form works by plain submission and the native player resumes where progress was saved", async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const account = newAccount("nojs");
    const nav = page.getByRole("navigation", { name: "Main" });
    const htmxRequests: string[] = [];
    page.on("request", (request) => {
      if (request.headers()["hx-request"] || new URL(request.url()).pathname.startsWith("/resources/search")) {
        htmxRequests.push(request.url());
      }
    });

    await test.step("register", async () => {
      await registerInBrowser(page, account);
    });

    await test.step("browse: the filter form and pagination are plain GETs", async () => {
      await nav.getByRole("link", { name: "Browse" }).click();
      const filters = page.getByRole("form", { name: "Filter dramas" });
      await filters.getByLabel("Genre").selectOption({ label: "Romance" });
      await filters.getByLabel("Status").selectOption({ label: "Completed" });
      await filters.getByRole("button", { name: "Apply filters" }).click();
      await expect(page).toHaveURL(
        /\/browse\?genre=romance&vibe=&year=&status=completed&subtitles=&descriptions=&sort=latest$/,
      );
      await expect(filters.getByLabel("Genre")).toHaveValue("romance");
      await expect(filters.getByLabel("Status")).toHaveValue("completed");
      const cards = page.getByRole("main").getByRole("article");
      expect(await cards.count()).toBeGreaterThan(0);
      for (const card of await cards.all()) await expect(card).toContainText("Romance");
      await expect(cards.getByRole("link", { name: DRAMA.title })).toBeVisible();

      await filters.getByRole("link", { name: "Clear filters" }).click();
      await expect(page).toHaveURL("/browse");
      await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Page 2" }).click();
      await expect(page).toHaveURL(/\/browse\?sort=latest&page=2$/);
      await expect(page.getByRole("main").getByRole("article")).toHaveCount(6);
    });

    await test.step("search: the form submits to /search?q=...", async () => {
      await nav.getByRole("link", { name: "Search" }).click();
      await page.getByLabel("Search", { exact: true }).fill("tea house");
      await page.getByRole("main").getByRole("button", { name: "Search" }).click();
      // A plain GET form sends its filter selects too, empty when not chosen.
      await expect(page).toHaveURL("/search?q=tea+house&subtitles=&descriptions=");
      await expect(page.getByLabel("Search", { exact: true })).toHaveValue("tea house");
      const results = page.locator("#search-results");
      await expect(results).toContainText(/dramas? found for “tea house”/);
      await results.getByRole("link", { name: DRAMA.title }).click();
      await expect(page).toHaveURL(`/drama/${DRAMA.id}`);
    });

    await test.step("Add to My List posts and redirects back", async () => {
      await page.getByRole("button", { name: /^Add to My List/ }).click();
      await expect(page).toHaveURL(`/drama/${DRAMA.id}`);
      await expect(page.getByRole("button", { name: /^Remove from My List/ })).toBeVisible();
      await expect(page.getByText("Added to My List.")).toBeVisible();
      await nav.getByRole("link", { name: "My List" }).click();
      await expect(page.getByRole("main").getByRole("link", { name: DRAMA.title })).toBeVisible();
    });

    await test.step("saved progress turns Play into Resume", async () => {
      // Playback needs no script, so nothing reports progress here: seed it as the player would.
      const saved = await page.request.post("/resources/progress", {
        form: { episodeId: EPISODE_1, position: "8", duration: "20", viewingStart: "1" },
      });
      expect(saved.status()).toBe(204);
      await page.goto(`/drama/${DRAMA.id}`);
      const episode1 = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: /^Episode 1 / }) });
      await expect(episode1.getByText("40% watched")).toBeVisible();
      await page.getByRole("link", { name: "Resume episode 1" }).click();
      await expect(page).toHaveURL(`/watch/${EPISODE_1}`);
    });

    await test.step("/watch: a native player with MP4, captions and downloads", async () => {
      const video = page.locator("video");
      await expect(video).toHaveCount(1);
      await expect(video).toHaveAttribute("controls", "");
      await expect(page.locator(".vjs-control-bar")).toHaveCount(0);
      const sources = video.locator("source");
      await expect(sources).toHaveCount(1);
      await expect(sources).toHaveAttribute("type", "video/mp4");
      await expect(sources).toHaveAttribute("src", "/media/sample-1/360p.mp4#t=8");
      await expect(page.getByText("Resuming at 0:08.")).toBeVisible();

      const captions = video.locator('track[kind="captions"]');
      await expect(captions).toHaveCount(2);
      await expect(captions.nth(0)).toHaveAttribute("srclang", "en");
      await expect(captions.nth(0)).toHaveAttribute("src", "/media/sample-1/subs.en.vtt");
      await expect(captions.nth(1)).toHaveAttribute("srclang", "id");
      await expect(captions.nth(1)).toHaveAttribute("src", "/media/sample-1/subs.id.vtt");

      await page.getByText("Download video and subtitles").click();
      const downloads = page.getByRole("group").filter({ hasText: "Download video and subtitles" });
      for (const [name, href] of [
        // Each file says what it costs: the sample's bit rate × its 20 s.
        ["Video, 360p (MP4, ≈ 256 kB)", "/media/sample-1/360p.mp4"],
        ["Video, 720p (MP4, ≈ 332 kB)", "/media/sample-1/720p.mp4"],
        ["Subtitles, English (WebVTT)", "/media/sample-1/subs.en.vtt"],
        ["Subtitles, Bahasa Indonesia (WebVTT)", "/media/sample-1/subs.id.vtt"],
      ]) {
        const link = downloads.getByRole("link", { name });
        await expect(link).toBeVisible();
        await expect(link).toHaveAttribute("href", href);
        await expect(link).toHaveAttribute("download", "");
      }
      // The files behind the links exist.
      for (const href of ["/media/sample-1/360p.mp4", "/media/sample-1/subs.en.vtt", "/media/sample-1/subs.id.vtt"]) {
        expect((await page.request.head(href)).status(), href).toBe(200);
      }
    });

    await test.step("sign out, then sign in again", async () => {
      await nav.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL("/");
      await expect(page.getByText("You have signed out.")).toBeVisible();
      await nav.getByRole("link", { name: "Sign in" }).click();
      await page.getByLabel("Email", { exact: true }).fill(account.email);
      await page.getByLabel("Password", { exact: true }).fill(account.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL("/");
      await expect(nav.getByRole("button", { name: "Sign out" })).toBeVisible();
      await expect(page.getByRole("heading", { level: 2, name: "Continue Watching" })).toBeVisible();
    });

    expect(htmxRequests, "no htmx request is made without JavaScript").toEqual([]);
  });
});
