/**
 * axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) on every page, signed out and
 * signed in, including the states with form errors and with data.
 */
import type { Page } from "@playwright/test";
import { CATALOG_ID_PREFIX, DRAMA, EPISODE_1, expect, test } from "./fixtures";
import { expectNoViolations } from "./axe";

async function addToMyList(page: Page, dramaId: string) {
  const response = await page.request.post("/resources/favorites", {
    form: { intent: "add", dramaId, redirectTo: "/my-list" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
}

async function saveProgress(page: Page, episodeId: string, position: number) {
  const response = await page.request.post("/resources/progress", {
    form: { episodeId, position: String(position), viewingStart: "1" },
  });
  expect(response.status()).toBe(204);
}

test.describe("signed out", () => {
  const pages: [string, string, string][] = [
    ["the home page", "/", "Featured"],
    ["browse with filters", "/browse?genre=romance&sort=rating", "Browse dramas"],
    ["browse, page 2", "/browse?page=2", "Browse dramas"],
    ["search results", "/search?q=tea", "4 dramas found for “tea”."],
    ["search with no results", "/search?q=zzzzqqq", "No dramas found"],
    ["a drama page", `/drama/${DRAMA.id}`, DRAMA.title],
    ["an ongoing drama's page, with episodes not out yet", `/drama/${CATALOG_ID_PREFIX}neon-rain`, "Not available yet"],
    ["the sign-in page", "/login", "Sign in"],
    ["the register page", "/register", "Create account"],
    ["a 404 page", "/no-such-page", "Page not found"],
    ["the caption style page", "/settings/captions?lang=en", "Caption style"],
    ["the caption style page in Indonesian", "/settings/captions?lang=id", "Gaya subtitel"],
  ];
  for (const [what, path, text] of pages) {
    test(`${what} has no axe violations`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole("main")).toContainText(text);
      await expectNoViolations(page);
    });
  }

  test("the sign-in page with errors has no axe violations", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email", { exact: true }).fill("not-an-email");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter an email address like name@example.com.")).toBeVisible();
    await expect(page.getByText("Enter your password.")).toBeVisible();
    await expectNoViolations(page);

    await page.getByLabel("Email", { exact: true }).fill("nobody@example.com");
    await page.getByLabel("Password", { exact: true }).fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText("The email or password is not right. Please try again.");
    await expectNoViolations(page);
  });

  test("the register page with errors has no axe violations", async ({ page, account }) => {
    await page.goto("/register");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Enter your name.")).toBeVisible();
    await expect(page.getByText("Use at least 8 characters for your password.")).toBeVisible();
    await expectNoViolations(page);

    // A guessable password gives the reason next to the field.
    await page.getByLabel("Name", { exact: true }).fill("Someone");
    await page.getByLabel("Email", { exact: true }).fill(account.email);
    await page.getByLabel("Password", { exact: true }).fill("password123");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("This is a commonly used password.")).toBeVisible();
    await expectNoViolations(page);
  });
});

test.describe("signed in", () => {
  test("the home page with Continue Watching and My List has no axe violations", async ({ page, signedIn: _ }) => {
    await page.goto("/");
    await expectNoViolations(page);
    await addToMyList(page, DRAMA.id);
    await saveProgress(page, EPISODE_1, 8);
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Continue Watching" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "My List" })).toBeVisible();
    await expectNoViolations(page);
  });

  test("a drama page with the My List button and progress has no axe violations", async ({ page, signedIn: _ }) => {
    await page.goto(`/drama/${DRAMA.id}`);
    await expect(page.getByRole("button", { name: /^Add to My List/ })).toBeVisible();
    await expectNoViolations(page);
    await saveProgress(page, EPISODE_1, 8);
    await page.getByRole("button", { name: /^Add to My List/ }).click();
    await expect(page.getByRole("button", { name: /^Remove from My List/ })).toBeVisible();
    await expect(page.locator("#announcer")).toHaveText(`Added ${DRAMA.title} to My List.`);
    await expectNoViolations(page);
    await page.reload();
    await expect(page.getByText("40% watched")).toBeVisible();
    await expectNoViolations(page);
  });

  test("the watch page with video.js loaded has no axe violations", async ({ page, signedIn: _ }) => {
    await page.goto(`/watch/${EPISODE_1}`);
    await expect(page.locator(".video-js .vjs-control-bar")).toBeAttached();
    await expect(page.getByRole("button", { name: "Play Video" })).toBeVisible();
    await expectNoViolations(page);
  });

  test("the watch page while resuming and playing has no axe violations", async ({ page, signedIn: _ }) => {
    await saveProgress(page, EPISODE_1, 8);
    await page.goto(`/watch/${EPISODE_1}`);
    await expect(page.getByText("Resuming at 0:08.")).toBeVisible();
    await page.getByRole("button", { name: "Play Video" }).click();
    await expect
      .poll(
        () =>
          page
            .locator("video")
            .first()
            .evaluate((video: HTMLVideoElement) => video.currentTime),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(8.5);
    await expectNoViolations(page);
  });

  test("My List, empty and with items, has no axe violations", async ({ page, signedIn: _ }) => {
    await page.goto("/my-list");
    await expect(page.getByText("Your list is empty.")).toBeVisible();
    await expectNoViolations(page);
    await addToMyList(page, DRAMA.id);
    await addToMyList(page, "the-jade-hairpin-oath");
    await page.goto("/my-list");
    await expect(page.getByRole("button", { name: /^Remove from My List/ })).toHaveCount(2);
    await expectNoViolations(page);
  });

  test("history, empty and with items, has no axe violations", async ({ page, signedIn: _ }) => {
    await page.goto("/history");
    await expect(page.getByText("Nothing watched yet.")).toBeVisible();
    await expectNoViolations(page);
    await saveProgress(page, EPISODE_1, 8);
    await saveProgress(page, "the-jade-hairpin-oath-ep-2", 5);
    await page.goto("/history");
    await expect(page.getByRole("main").getByRole("listitem")).toHaveCount(2);
    await expectNoViolations(page);
  });

  test("the account page, also after a failed password change, has no axe violations", async ({
    page,
    signedIn: _,
  }) => {
    // Something watched this month, so the data meter shows its figure and method.
    const saved = await page.request.post("/resources/progress", {
      form: { episodeId: EPISODE_1, position: "8", quality: "360p" },
    });
    expect(saved.status()).toBe(204);
    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Data used" }).getByText(/^≈ .+ this month$/)).toBeVisible();
    await expectNoViolations(page);

    await page.getByLabel("Current password", { exact: true }).fill("not my password");
    await page.getByLabel("New password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Use at least 8 characters for your password.")).toBeVisible();
    await expectNoViolations(page);

    await page.getByLabel("Current password", { exact: true }).fill("not my password");
    await page.getByLabel("New password", { exact: true }).fill("a brand new password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("The current password is not right.")).toBeVisible();
    await expectNoViolations(page);
  });

  test("the caption style page with a saved style, and after a refused value, has no axe violations", async ({
    page,
    signedIn: _,
  }) => {
    await page.goto("/settings/captions?returnTo=%2Faccount");
    await page.getByLabel("Text size").selectOption("large");
    await page.getByRole("button", { name: "Save caption style" }).click();
    await expect(page.getByText("Your caption style has been saved.")).toBeVisible();
    await expectNoViolations(page, { state: "saved" });
    await page.goto("/settings/captions?lang=id&returnTo=%2Faccount");
    await expect(page.getByLabel("Ukuran teks")).toHaveValue("large");
    await expectNoViolations(page, { state: "saved, Indonesian" });
    // A value outside the lists (a tampered form): 400 with the message, nothing stored.
    await page.goto("/settings/captions?lang=en");
    await page.locator('select[name="edge"]').evaluate((select: HTMLSelectElement) => {
      select.add(new Option("Glow", "glow"));
      select.value = "glow";
    });
    await page.getByRole("button", { name: "Save caption style" }).click();
    await expect(page.getByRole("alert")).toHaveText(
      "One of those choices is not available, so nothing was changed. Please choose from the lists.",
    );
    await expectNoViolations(page, { state: "refused value" });
  });

  test("search and browse pages signed in have no axe violations", async ({ page, signedIn: _ }) => {
    await page.goto("/search?q=revenge");
    await expectNoViolations(page);
    await page.goto("/browse?vibe=sweet&status=completed");
    await expectNoViolations(page);
  });
});
