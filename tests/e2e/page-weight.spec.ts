/**
 * No hydration, light pages: a page gets its HTML, CSS and our small
 * enhancement script, htmx only when it has htmx markup, never the React
 * runtime or Remix's /build/ JS; /watch adds only the player's scripts. Every
 * script is a module script. Transferred bytes are measured from the
 * responses of a cold load (fresh context, empty cache) and printed.
 *
 * Budgets for every page but /watch: ≤ 20 KB of JavaScript with htmx, 2 KB
 * without, and ≤ 60 KB of HTML + CSS + JS transferred with htmx, 20 KB
 * without; every document, script and
 * stylesheet over 1 KB compressed (br or gzip); scripts and stylesheets fingerprinted
 * (a content hash in the name) and cached immutably for a year. The table
 * printed at the end is the one in docs/PERFORMANCE.md ("Page weight").
 */
import type { Browser, BrowserContext, Response } from "@playwright/test";
import { adminRole } from "../helpers/e2e-database";
import { DRAMA, EPISODE_1, expect, newAccount, registerAccount, test, type Account } from "./fixtures";
import { withoutNativeHls } from "./player-helpers";

const HTMX = /^\/assets\/htmx-[\w-]+\.js$/;
const ENHANCE = /^\/assets\/enhance-[\w-]+\.js$/;
const PLAYER = /^\/assets\/player-(?!hls-)[\w-]+\.js$/;
const PLAYER_HLS = /^\/assets\/player-hls-[\w-]+\.js$/;
/** The caption settings page's preview script (/settings/captions only). */
const CAPTION_STYLE = /^\/assets\/caption-style-[\w-]+\.js$/;
/** The binge feed's script (/drama/:id/feed only). */
const FEED = /^\/assets\/feed-[\w-]+\.js$/;
/** What the player and its HLS engine share: video.js's core. */
const CHUNK = /^\/assets\/chunk-[\w-]+\.js$/;
/** Markup htmx acts on (either spelling); <body hx-headers> alone is only where the CSRF token is kept. */
const HTMX_MARKUP = /\s(?:data-)?hx-(?:get|post|put|patch|delete)=/;
/** A content hash in the file name: /assets/htmx-0123abcd.js, /build/_assets/app-ABCD1234.css. */
const FINGERPRINTED = /-[A-Za-z0-9_]{8,}\.(js|css)$/;
const IMMUTABLE = "public, max-age=31536000, immutable";
const KB = 1024;
const JS_BUDGET = 20 * KB;
const TOTAL_BUDGET = 60 * KB;
const JS_BUDGET_WITHOUT_HTMX = 2 * KB;
const TOTAL_BUDGET_WITHOUT_HTMX = 20 * KB;
const COMPRESSION_THRESHOLD = 1024;
/** /watch: the player alone where the browser plays HLS itself (Safari, Chrome on Android), with VHS elsewhere. */
const WATCH_JS_NATIVE_HLS = 120 * KB;
const WATCH_JS_WITH_HLS_ENGINE = 250 * KB;
/** The binge feed plays in the browser's own <video>: its script and the enhance script, no video.js. */
const FEED_JS = 8 * KB;

interface Weight {
  page: string;
  scripts: string[];
  /** Transferred (compressed) body bytes. */
  document: number;
  js: number;
  css: number;
  /** Decoded JS bytes. */
  jsRaw: number;
  /** Documents, scripts and stylesheets sent without br/gzip. */
  uncompressed: string[];
  /** Scripts and stylesheets without a hashed name or without the immutable Cache-Control. */
  notImmutable: string[];
}

const measured: Weight[] = [];

async function measure(context: BrowserContext, path: string, label = path): Promise<Weight> {
  const page = await context.newPage();
  const responses: Response[] = [];
  const scripts: string[] = [];
  page.on("response", (response) => responses.push(response));
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(request.url());
  });
  const main = await page.goto(path, { waitUntil: "load" });
  expect(main?.status(), path).toBe(200);
  // Not redirected (e.g. to /login): the page measured is the page asked for.
  expect(new URL(page.url()).pathname, path).toBe(new URL(path, "http://localhost").pathname);
  // Lazy images and media may still load; they are not counted.
  await page.waitForLoadState("networkidle");

  const weight: Weight = {
    page: label,
    scripts: [],
    document: 0,
    js: 0,
    css: 0,
    jsRaw: 0,
    uncompressed: [],
    notImmutable: [],
  };
  for (const response of responses) {
    const type = response.request().resourceType();
    if (type !== "document" && type !== "script" && type !== "stylesheet") continue;
    // blob: workers are made in the page from the player bundle; nothing is transferred.
    if (response.url().startsWith("blob:")) continue;
    const sizes = await response.request().sizes();
    const headers = await response.allHeaders();
    const name = new URL(response.url()).pathname;
    // The compression middleware leaves bodies under 1 KB alone (its default threshold: nothing to gain).
    const decoded = (await response.body()).length;
    if (decoded > COMPRESSION_THRESHOLD && !/^(br|gzip)$/.test(headers["content-encoding"] ?? "")) {
      weight.uncompressed.push(`${name} (${headers["content-encoding"] ?? "identity"}, ${decoded} B)`);
    }
    if (type !== "document" && (!FINGERPRINTED.test(name) || headers["cache-control"] !== IMMUTABLE)) {
      weight.notImmutable.push(`${name} (${headers["cache-control"] ?? "no Cache-Control"})`);
    }
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
  // Module scripts only: the no-JS tier's engines skip them whole (docs/browsers.md, "Scripts").
  const types = await page.evaluate(() => [...document.scripts].map((script) => script.type));
  expect(
    types.every((type) => type === "module"),
    `${path}: script types ${types.join(", ")}`,
  ).toBe(true);
  // htmx where the page has htmx markup, and only there.
  expect(
    weight.scripts.some((url) => HTMX.test(url)),
    `${path}: htmx loaded exactly when the page has htmx markup`,
  ).toBe(HTMX_MARKUP.test(html));
  await page.close();
  measured.push(weight);
  return weight;
}

async function anonymousContext(browser: Browser) {
  return browser.newContext({ baseURL: test.info().project.use.baseURL, locale: "en-US" });
}

/** A fresh context (empty cache) signed in as `account` through the real sign-in endpoint. */
async function signedInContext(browser: Browser, account: Account) {
  const context = await anonymousContext(browser);
  const origin = test.info().project.use.baseURL!;
  const response = await context.request.post("/login", {
    form: { email: account.email, password: account.password, redirectTo: "/" },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  expect(response.status(), "sign-in answers with a redirect").toBe(303);
  return context;
}

function expectWithinBudget(weight: Weight) {
  const htmx = weight.scripts.some((url) => HTMX.test(url));
  expect(weight.js, `${weight.page}: JavaScript transferred`).toBeLessThanOrEqual(
    htmx ? JS_BUDGET : JS_BUDGET_WITHOUT_HTMX,
  );
  expect(weight.document + weight.css + weight.js, `${weight.page}: HTML + CSS + JS transferred`).toBeLessThanOrEqual(
    htmx ? TOTAL_BUDGET : TOTAL_BUDGET_WITHOUT_HTMX,
  );
  expect(weight.uncompressed, `${weight.page}: responses without br/gzip`).toEqual([]);
  expect(weight.notImmutable, `${weight.page}: assets not fingerprinted or not cached immutably`).toEqual([]);
  test.info().annotations.push({
    type: "page weight",
    description: `${weight.page}: document ${weight.document} B, CSS ${weight.css} B, JS ${weight.js} B, total ${weight.document + weight.css + weight.js} B`,
  });
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

  for (const [path, htmx] of [
    ["/", false],
    ["/browse", false],
    // A visitor's drama page has no htmx markup (My List and "mark as watched" are for signed-in viewers).
    [`/drama/${DRAMA.id}`, false],
    ["/search", true],
    ["/search?q=revenge", true],
    ["/login", false],
    ["/register", false],
  ] as const) {
    test(`${path} loads only the enhance script${htmx ? " and htmx" : ""}, within budget`, async ({ browser }) => {
      const context = await anonymousContext(browser);
      const weight = await measure(context, path);
      await context.close();
      expect(weight.scripts).toHaveLength(htmx ? 2 : 1);
      expect(weight.scripts.some((url) => HTMX.test(url))).toBe(htmx);
      expect(weight.scripts.some((url) => ENHANCE.test(url))).toBe(true);
      expectWithinBudget(weight);
    });
  }

  test("/settings/captions loads only the enhance and caption preview scripts, within budget", async ({ browser }) => {
    const context = await anonymousContext(browser);
    const weight = await measure(context, "/settings/captions");
    await context.close();
    expect(weight.scripts).toHaveLength(2);
    expect(weight.scripts.some((url) => ENHANCE.test(url))).toBe(true);
    expect(weight.scripts.some((url) => CAPTION_STYLE.test(url))).toBe(true);
    expectWithinBudget(weight);
  });

  test(`the binge feed loads only the enhance and feed scripts, within ${FEED_JS / KB} KB of JavaScript`, async ({
    browser,
  }) => {
    const account = newAccount("weight");
    const setup = await anonymousContext(browser);
    await registerAccount(setup.request, account);
    await setup.close();
    const context = await signedInContext(browser, account);
    const path = `/drama/${DRAMA.id}/feed`;
    const weight = await measure(context, path);
    await context.close();
    expect(weight.scripts).toHaveLength(2);
    expect(weight.scripts.some((url) => ENHANCE.test(url))).toBe(true);
    expect(weight.scripts.some((url) => FEED.test(url))).toBe(true);
    expect(weight.js, `${path}: ${(weight.js / KB).toFixed(1)} KB of JavaScript`).toBeLessThanOrEqual(FEED_JS);
    expect(weight.uncompressed).toEqual([]);
    expect(weight.notImmutable).toEqual([]);
  });

  test("signed-in pages stay within budget: home, drama, My List, History, account, admin audit and sessions", async ({
    browser,
  }) => {
    const account = newAccount("weight");
    const setup = await anonymousContext(browser);
    await registerAccount(setup.request, account);
    // Some data on the pages: a favorite and a viewing.
    const origin = test.info().project.use.baseURL!;
    const favorite = await setup.request.post("/resources/favorites", {
      form: { intent: "add", dramaId: DRAMA.id, redirectTo: "/my-list" },
      headers: { Origin: origin },
      maxRedirects: 0,
    });
    expect(favorite.status()).toBe(303);
    const save = await setup.request.post("/resources/progress", {
      form: { episodeId: EPISODE_1, position: "5", viewingStart: "1", seq: String(Date.now()) },
      headers: { Origin: origin },
    });
    expect(save.status()).toBe(204);
    await setup.close();
    adminRole("grant", account.email);

    for (const path of [
      "/",
      `/drama/${DRAMA.id}`,
      "/my-list",
      "/history",
      "/account",
      "/admin/audit",
      "/admin/sessions",
      "/admin/audit/verify",
    ]) {
      const context = await signedInContext(browser, account);
      const weight = await measure(context, path);
      await context.close();
      weight.page = `${path} (signed in)`;
      expect(
        weight.scripts.every((url) => HTMX.test(url) || ENHANCE.test(url)),
        `${path}: only htmx and enhance`,
      ).toBe(true);
      expectWithinBudget(weight);
    }
  });

  for (const native of [true, false]) {
    const budget = native ? WATCH_JS_NATIVE_HLS : WATCH_JS_WITH_HLS_ENGINE;
    test(`/watch ${native ? "where the browser plays HLS itself: the player without the HLS engine" : "elsewhere: the player and its HLS engine"}, within ${budget / KB} KB of JavaScript`, async ({
      browser,
    }) => {
      const account = newAccount("weight");
      const context = await anonymousContext(browser);
      if (!native) await withoutNativeHls(context);
      await registerAccount(context.request, account);
      const path = `/watch/${EPISODE_1}`;
      const weight = await measure(context, path, native ? `${path} (native HLS)` : `${path} (HLS engine)`);
      await context.close();
      // VHS starts its transmuxer as a worker from a blob: URL made by the player bundle itself.
      const fetched = weight.scripts.filter((url) => url !== "blob:");
      for (const script of [HTMX, ENHANCE, PLAYER, CHUNK]) {
        expect(
          fetched.filter((url) => script.test(url)),
          `${script}`,
        ).toHaveLength(1);
      }
      expect(fetched.filter((url) => PLAYER_HLS.test(url))).toHaveLength(native ? 0 : 1);
      expect(fetched).toHaveLength(native ? 4 : 5);
      expect(weight.js, `${path}: ${(weight.js / KB).toFixed(1)} KB of JavaScript`).toBeLessThanOrEqual(budget);
    });
  }
});
