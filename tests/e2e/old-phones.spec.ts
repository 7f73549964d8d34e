/**
 * A new viewer on an old phone, in Indonesian, tried as they would: a KaiOS 2.5 feature phone
 * (240 × 320 screen, no CSS min()/clamp()) and Opera Mini (no custom properties or calc()),
 * both without JavaScript. The scripts are refused rather than switched off (what an engine that
 * cannot run them ends up with), so the page can still be measured: nothing may make the viewer
 * scroll sideways, and axe finds nothing, on every page of the way.
 */
import type { Page } from "@playwright/test";
import { translator } from "~/i18n";
import { DRAMA, EPISODE_1, expect, newAccount, test } from "./fixtures";
import { expectNoViolations } from "./axe";
import { emulate, expectNoSidewaysScrolling, type Engine } from "./old-engines";

const t = translator("id");

const PHONES: { name: string; engine: Engine; screen: { width: number; height: number } }[] = [
  { name: "a KaiOS 2.5 phone", engine: "no min()/clamp()", screen: { width: 240, height: 320 } },
  { name: "Opera Mini", engine: "no custom properties", screen: { width: 320, height: 480 } },
];

for (const phone of PHONES) {
  test.describe(phone.name, () => {
    test.use({ locale: "id-ID", viewport: phone.screen });

    test("creates an account, signs out and in, browses, adds to My List and reaches an episode", async ({ page }) => {
      test.setTimeout(90_000);
      await emulate(page, phone.engine);
      const scripts: string[] = [];
      await page.route(/\.m?js(\?.*)?$/, async (route) => {
        scripts.push(route.request().url());
        await route.abort();
      });
      const account = newAccount("old-phone");
      const nav = page.getByRole("navigation", { name: t("nav.label") });
      const looksRight = async (what: string) => {
        // After a form's navigation: the new page with its stylesheets.
        await page.waitForLoadState("load");
        await expectNoSidewaysScrolling(page, `${what} on ${phone.name}`);
        await expectNoViolations(page, { state: `${what} on ${phone.name}` });
      };
      const fillAndSend = async (fields: [string, string][], button: string) => {
        for (const [label, value] of fields) await page.getByLabel(label, { exact: true }).fill(value);
        await page.getByRole("button", { name: button }).click();
      };

      await page.goto("/");
      await looksRight("the home page");
      await nav.getByRole("link", { name: t("nav.register") }).click();
      await looksRight("the register page");
      await fillAndSend(
        [
          [t("form.name"), account.name],
          [t("form.email"), account.email],
          [t("form.password"), account.password],
        ],
        t("register.submit"),
      );
      await expect(nav.getByRole("button", { name: t("nav.signOut") })).toBeVisible();

      await nav.getByRole("button", { name: t("nav.signOut") }).click();
      await nav.getByRole("link", { name: t("nav.signIn") }).click();
      await fillAndSend(
        [
          [t("form.email"), "wrong@example.com"],
          [t("form.password"), "not the password"],
        ],
        t("login.submit"),
      );
      await expect(page.getByRole("alert")).toBeVisible();
      await looksRight("the sign-in page with its error");
      await fillAndSend(
        [
          [t("form.email"), account.email],
          [t("form.password"), account.password],
        ],
        t("login.submit"),
      );
      await expect(nav.getByRole("link", { name: t("nav.myList") })).toBeVisible();

      await nav.getByRole("link", { name: t("nav.browse") }).click();
      await looksRight("browse");
      await nav.getByRole("link", { name: t("nav.search") }).click();
      await fillAndSend([[t("search.label"), "moonlit"]], t("search.submit"));
      await expect(page).toHaveURL(/\/search\?q=moonlit(&subtitles=&descriptions=)?$/);
      await looksRight("search results");
      await page.getByRole("main").getByRole("link", { name: DRAMA.title }).click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText(DRAMA.title);
      await page.getByRole("button", { name: t("favorites.add") }).click();
      await expect(page.getByRole("button", { name: t("favorites.remove") })).toBeVisible();
      await looksRight("the drama page");

      await nav.getByRole("link", { name: t("nav.myList") }).click();
      await expect(page.getByRole("main").getByRole("link", { name: DRAMA.title })).toBeVisible();
      await looksRight("My List");

      await page.getByRole("main").getByRole("link", { name: DRAMA.title }).click();
      await page.getByRole("link", { name: t("drama.play") }).click();
      await expect(page).toHaveURL(`/watch/${EPISODE_1}`);
      await expectPlayable(page);
      await looksRight("the watch page");
      // Every page asked for its scripts and went on without them.
      expect(scripts.length).toBeGreaterThan(0);
    });
  });
}

/** The native player with its video and captions, and the file itself to open elsewhere. */
async function expectPlayable(page: Page) {
  const video = page.locator("video");
  await expect(video).toHaveAttribute("controls", "");
  await expect(video.locator("source[type='video/mp4']")).toHaveCount(1);
  await expect(video.locator("track[kind='captions']")).not.toHaveCount(0);
  await page.getByText(t("watch.downloads"), { exact: true }).click();
  // Episode 1's 360p file: 20 s at its bit rate, 256 kB.
  const file = page.getByRole("link", { name: t("watch.downloadVideoSize", { quality: "360p", size: "256 kB" }) });
  const answer = await page.request.head((await file.getAttribute("href")) ?? "");
  expect(answer.status()).toBe(200);
  expect(answer.headers()["content-type"]).toBe("video/mp4");
  const box = await video.boundingBox();
  expect(box?.width, "the player fits the screen").toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
}
