/**
 * Languages through two instances behind the proxy: each instance keeps its
 * own public and per-viewer page caches, and neither ever hands a page cached
 * in one language to a viewer of the other, whether the language comes from
 * the browser's Accept-Language, the language cookie or the account.
 */
import type { Page, Response } from "@playwright/test";
import { translator } from "~/i18n";
import { expect, newAccount, registerInBrowser, test } from "../e2e/fixtures";
import { backendOf, rawRequest } from "./proxy";

const en = translator("en");
const id = translator("id");

/** `lang="…"` of the document in a raw HTML body. */
function htmlLang(body: string): string | undefined {
  return /<html[^>]*\blang="([^"]+)"/.exec(body)?.[1];
}

test("a public page cached in one language never reaches a browser that asks for the other", async ({ baseURL }) => {
  const base = baseURL!;
  const served = { id: new Set<number>(), en: new Set<number>() };
  const hits = { id: 0, en: 0 };
  // Two requests in each language in turn: round-robin gives each language to both instances,
  // and after the first of each the instance answers from its public cache.
  for (let n = 0; n < 12; n++) {
    const locale = Math.floor(n / 2) % 2 === 0 ? "id" : "en";
    const response = await rawRequest(base, "/browse?sort=rating", {
      headers: { "Accept-Language": locale === "id" ? "id-ID,id;q=0.9" : "en-US,en;q=0.9" },
    });
    expect(response.status).toBe(200);
    expect(htmlLang(response.body), `request ${n} (${locale}) on instance ${response.backend}`).toBe(locale);
    expect(response.headers["content-language"]).toBe(locale);
    expect(response.body).toContain((locale === "id" ? id : en)("browse.title"));
    // A shared proxy must keep one copy per language and per cookie too.
    expect(response.headers.vary ?? "").toMatch(/Accept-Language/i);
    expect(response.headers.vary ?? "").toMatch(/Cookie/i);
    served[locale].add(response.backend);
    if (response.headers["x-page-cache"] === "hit") hits[locale] += 1;
  }
  expect([...served.id].sort(), "both instances answered in Indonesian").toEqual([1, 2]);
  expect([...served.en].sort(), "both instances answered in English").toEqual([1, 2]);
  expect(hits.id, "Indonesian pages came from the cache").toBeGreaterThan(0);
  expect(hits.en, "English pages came from the cache").toBeGreaterThan(0);

  // The language cookie wins over the header, from the cache as well.
  for (let n = 0; n < 4; n++) {
    const response = await rawRequest(base, "/browse?sort=rating", {
      headers: { "Accept-Language": "id-ID", Cookie: "dracin_lang=en" },
    });
    expect(htmlLang(response.body), `cookie en on instance ${response.backend}`).toBe("en");
  }
});

test.describe("a signed-in viewer", () => {
  test.use({ javaScriptEnabled: false, locale: "en-US" });

  /** Loads the home page until both instances have answered; every answer must be in `locale`. */
  async function homeFromBoth(page: Page, locale: "en" | "id"): Promise<void> {
    const seen = new Set<number>();
    for (let i = 0; i < 12 && seen.size < 2; i++) {
      const response = (await page.goto("/")) as Response;
      await expect(page.locator("html"), `home on instance ${backendOf(response)}`).toHaveAttribute("lang", locale);
      seen.add(backendOf(response));
    }
    expect([...seen].sort(), "both instances answered").toEqual([1, 2]);
  }

  test("who switches language gets the new one from both instances, whatever either kept", async ({ page }) => {
    test.setTimeout(60_000);
    await registerInBrowser(page, newAccount("multi-lang"));
    // Both instances have rendered (and may keep) this viewer's home in English.
    await homeFromBoth(page, "en");

    await page
      .getByRole("navigation", { name: en("language.label") })
      .getByRole("link", { name: id("locale.name") })
      .click();
    await expect(page.locator("html")).toHaveAttribute("lang", "id");
    await homeFromBoth(page, "id");

    // The choice is on the account: without the language cookie, both instances still answer in Indonesian.
    await page.context().clearCookies({ name: "dracin_lang" });
    await homeFromBoth(page, "id");
  });
});
