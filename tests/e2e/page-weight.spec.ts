/**
 * No hydration, light pages: a page gets its HTML, CSS, htmx and our small
 * enhancement script, never the React runtime or Remix's /build/ JS; /watch
 * adds only the player bundle. Transferred bytes are measured from the
 * responses of a cold load (fresh context, empty cache) and printed.
 */
import type { Browser, BrowserContext, Response } from "@playwright/test";
import { DRAMA, EPISODE_1, expect, newAccount, registerAccount, test } from "./fixtures";

const HTMX = /^\/assets\/htmx-[\w-]+\.js$/;
const ENHANCE = /^\/assets\/enhance-[\w-]+\.js$/;
const PLAYER = /^\/assets\/player-[\w-]+\.js$/;

interface Weight {
  page: string;
  scripts: string[];
  /** Transferred (compressed) body bytes. */
  document: number;
  js: number;
  css: number;
  /** Decoded JS bytes. */
  jsRaw: number;
}

const measured: Weight[] = [];

async function measure(context: BrowserContext, path: string): Promise<Weight> {
  const page = await context.newPage();
  const responses: Response[] = [];
  const scripts: string[] = [];
  page.on("response", (response) => responses.push(response));
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(request.url());
  });
  const main = await page.goto(path, { waitUntil: "load" });
  expect(main?.status(), path).toBe(200);
  // Lazy images and media may still load; they are not counted.
  await page.waitForLoadState("networkidle");

  const weight: Weight = { page: path, scripts: [], document: 0, js: 0, css: 0, jsRaw: 0 };
  for (const response of responses) {
    const type = response.request().resourceType();
    if (type !== "document" && type !== "script" && type !== "stylesheet") continue;
    // blob: workers are made in the page from the player bundle; nothing is transferred.
    if (response.url().startsWith("blob:")) continue;
    const sizes = await response.request().sizes();
    if (type === "document") weight.document += sizes.responseBodySize;
    if (type === "stylesheet") weight.css += sizes.responseBodySize;
    if (type === "script") {
      weight.js += sizes.responseBodySize;
      weight.jsRaw += (await response.body()).length;
    }
  }
  weight.scripts = scripts.map((url) => (url.startsWith("blob:") ? "blob:" : new URL(url).pathname));

  // Nothing of React or Remix's client reaches the page.
  const html = await main!.text();
  expect(html).not.toContain("__remixContext");
  expect(html).not.toContain("modulepreload");
  expect(html).not.toMatch(/src="\/build\/[^"]*\.js"/);
  expect(await page.evaluate(() => [...document.scripts].every((script) => script.src !== ""))).toBe(true);
  await page.close();
  measured.push(weight);
  return weight;
}

async function anonymousContext(browser: Browser) {
  return browser.newContext({ baseURL: test.info().project.use.baseURL });
}

test.describe("no hydration and light pages", () => {
  test.afterAll(() => {
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    console.log("\nPage weight (transferred bytes of a cold load; JS also decoded):");
    console.table(
      measured.map((w) => ({
        page: w.page,
        document: kb(w.document),
        css: kb(w.css),
        js: kb(w.js),
        "js (decoded)": kb(w.jsRaw),
        total: kb(w.document + w.css + w.js),
      })),
    );
  });

  for (const path of ["/", `/drama/${DRAMA.id}`, "/search", "/search?q=revenge"]) {
    test(`${path} loads only the htmx and enhance scripts`, async ({ browser }) => {
      const context = await anonymousContext(browser);
      const weight = await measure(context, path);
      await context.close();
      expect(weight.scripts).toHaveLength(2);
      expect(weight.scripts.some((url) => HTMX.test(url))).toBe(true);
      expect(weight.scripts.some((url) => ENHANCE.test(url))).toBe(true);
      if (path === "/") {
        expect(weight.js, "anonymous home page JS, transferred").toBeLessThan(40 * 1024);
      }
    });
  }

  test("/watch loads the player bundle and nothing else beyond htmx and enhance", async ({ browser }) => {
    const account = newAccount("weight");
    const context = await anonymousContext(browser);
    await registerAccount(context.request, account);
    const weight = await measure(context, `/watch/${EPISODE_1}`);
    await context.close();
    // VHS starts its transmuxer as a worker from a blob: URL made by the player bundle itself.
    const fetched = weight.scripts.filter((url) => url !== "blob:");
    expect(fetched).toHaveLength(3);
    expect(fetched.some((url) => HTMX.test(url))).toBe(true);
    expect(fetched.some((url) => ENHANCE.test(url))).toBe(true);
    expect(fetched.some((url) => PLAYER.test(url))).toBe(true);
  });
});
