/**
 * The page caches never give one language's page to a visitor of the other
 * (app/utils/cache-policy.server.ts keys both by the rendered language). The
 * app is assembled as server/index.ts assembles it: the Remix handler from
 * createHttpHooks with its real public-page cache and per-viewer cache, over
 * real HTTP on 127.0.0.1, rendering the real routes.
 */
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALE_COOKIE } from "~/i18n/negotiate";
import { setUserLocale } from "~/models/users.server";
import * as home from "~/routes/_index";
import * as browse from "~/routes/browse";
import * as drama from "~/routes/drama.$dramaId";
import { CSRF_COOKIE, newCsrfSecret } from "~/utils/csrf.server";
import { createHttpHooks } from "~/utils/http-hooks.server";
import { listenOnLoopback } from "../helpers/listen";
import { buildOf } from "../helpers/render-page";
import { createUser } from "../helpers/users";

let base = "";
let close: () => Promise<void>;

beforeAll(async () => {
  const hooks = createHttpHooks(
    buildOf([
      { id: "routes/_index", index: true, module: home },
      { id: "routes/browse", path: "browse", module: browse },
      { id: "routes/drama.$dramaId", path: "drama/:dramaId", module: drama },
    ]),
  );
  const app = express();
  app.use(hooks.observeAndGuard);
  app.all("*", hooks.remix);
  app.use(hooks.lastResort);
  ({ base, close } = await listenOnLoopback(app));
});

afterAll(() => close());

interface Page {
  status: number;
  cache: string | null;
  lang: string | undefined;
  contentLanguage: string | null;
  vary: string[];
  cacheControl: string | null;
  body: string;
}

async function get(path: string, headers: Record<string, string> = {}): Promise<Page> {
  const response = await fetch(`${base}${path}`, { headers });
  const body = await response.text();
  return {
    status: response.status,
    cache: response.headers.get("x-page-cache"),
    lang: /<html[^>]*\slang="([^"]*)"/.exec(body)?.[1],
    contentLanguage: response.headers.get("content-language"),
    vary: (response.headers.get("vary") ?? "").split(",").map((name) => name.trim().toLowerCase()),
    cacheControl: response.headers.get("cache-control"),
    body,
  };
}

/** Each page's path is used by one test only: nothing another test kept can answer it. */
let unique = 0;
const browsePath = () => `/browse?genre=romance&page=1&n=${++unique}`;

function expectIn(page: Page, locale: string, cache: string) {
  expect(page.status).toBe(200);
  expect(page.lang).toBe(locale);
  expect(page.contentLanguage).toBe(locale);
  expect(page.cache).toBe(cache);
}

describe("the public-page cache", () => {
  it("keeps one page per language for the same URL, and serves each visitor their own, alternately", async () => {
    for (const path of [browsePath(), `/drama/moonlit-tea-house?n=${++unique}`]) {
      const id1 = await get(path, { "Accept-Language": "id-ID,id;q=0.9" });
      expectIn(id1, "id", "miss");
      const en1 = await get(path, { "Accept-Language": "en-US,en;q=0.9" });
      expectIn(en1, "en", "miss");
      expect(en1.body).not.toBe(id1.body);
      for (let round = 0; round < 3; round++) {
        const id = await get(path, { "Accept-Language": "id-ID,id;q=0.9" });
        expectIn(id, "id", "hit");
        expect(id.body).toBe(id1.body);
        const en = await get(path, { "Accept-Language": "en-US,en;q=0.9" });
        expectIn(en, "en", "hit");
        expect(en.body).toBe(en1.body);
      }
    }
  });

  it("is public for shared caches only with Vary: Cookie and Accept-Language", async () => {
    const page = await get(browsePath(), { "Accept-Language": "id" });
    expect(page.cacheControl).toMatch(/^public, /);
    expect(page.vary).toContain("accept-language");
    expect(page.vary).toContain("cookie");
    const hit = await get(`/drama/kite-season?n=${++unique}`, { "Accept-Language": "en" });
    expect(hit.vary).toEqual(expect.arrayContaining(["accept-language", "cookie"]));
  });

  it("shares a language's page between different headers that choose the same language", async () => {
    const path = browsePath();
    expectIn(await get(path, { "Accept-Language": "id" }), "id", "miss");
    expectIn(await get(path, { "Accept-Language": "id-ID,id;q=0.9,en-US;q=0.8" }), "id", "hit");
    expectIn(await get(path, { "Accept-Language": "in-ID" }), "id", "hit");
    expectIn(await get(path, { "Accept-Language": "en-GB" }), "en", "miss");
    expectIn(await get(path, { "Accept-Language": "fr, en;q=0.5" }), "en", "hit");
    // No hint at all: the default language's page (en in these tests).
    expectIn(await get(path), "en", "hit");
  });

  it("follows the language cookie over the header, in what it keeps and what it serves", async () => {
    const path = browsePath();
    expectIn(await get(path, { "Accept-Language": "en" }), "en", "miss");
    // The same header, but the cookie says Indonesian: never the kept English page.
    const chosen = { "Accept-Language": "en", Cookie: `${LOCALE_COOKIE}=id` };
    expectIn(await get(path, chosen), "id", "miss");
    expectIn(await get(path, chosen), "id", "hit");
    expectIn(await get(path, { "Accept-Language": "id", Cookie: `${LOCALE_COOKIE}=en` }), "en", "miss");
    expectIn(await get(path, { "Accept-Language": "en" }), "en", "hit");
    // The CSRF secret does not change a public page, the language cookie does.
    const withCsrf = { "Accept-Language": "en", Cookie: `${CSRF_COOKIE}=${newCsrfSecret()}; ${LOCALE_COOKIE}=id` };
    expectIn(await get(path, withCsrf), "id", "hit");
  });

  it("keeps ?lang= pages apart from the page without it", async () => {
    const path = browsePath();
    expectIn(await get(path, { "Accept-Language": "id" }), "id", "miss");
    expectIn(await get(`${path}&lang=en`, { "Accept-Language": "id" }), "en", "miss");
    expectIn(await get(`${path}&lang=en`, { "Accept-Language": "id" }), "en", "hit");
    expectIn(await get(path, { "Accept-Language": "id" }), "id", "hit");
    expectIn(await get(`${path}&lang=id`, { "Accept-Language": "en", Cookie: `${LOCALE_COOKIE}=en` }), "id", "miss");
  });
});

describe("the per-viewer page cache", () => {
  async function viewer() {
    const user = await createUser();
    return { user, cookie: `${user.cookie}; ${CSRF_COOKIE}=${newCsrfSecret()}` };
  }

  it("keeps a viewer's home per language, and serves each language its own", async () => {
    const { cookie } = await viewer();
    const id1 = await get("/", { Cookie: cookie, "Accept-Language": "id-ID" });
    expectIn(id1, "id", "private-miss");
    expectIn(await get("/", { Cookie: cookie, "Accept-Language": "id-ID" }), "id", "private-hit");
    const en1 = await get("/", { Cookie: cookie, "Accept-Language": "en-US" });
    expectIn(en1, "en", "private-miss");
    expect(en1.body).not.toBe(id1.body);
    for (let round = 0; round < 2; round++) {
      expectIn(await get("/", { Cookie: cookie, "Accept-Language": "id-ID" }), "id", "private-hit");
      expectIn(await get("/", { Cookie: cookie, "Accept-Language": "en-US" }), "en", "private-hit");
    }
    expect(en1.cacheControl).toBe("private, no-cache");
    expect(en1.vary).toContain("accept-language");
    // The language cookie too.
    expectIn(
      await get("/", { Cookie: `${cookie}; ${LOCALE_COOKIE}=id`, "Accept-Language": "en" }),
      "id",
      "private-miss",
    );
  });

  it("never serves a page kept in the old language after the account's language changes", async () => {
    const { user, cookie } = await viewer();
    const english = { Cookie: cookie, "Accept-Language": "en" };
    expectIn(await get("/", english), "en", "private-miss");
    expectIn(await get("/", english), "en", "private-hit");
    // Chosen on another device: the same browser, header and cookies now get Indonesian.
    await setUserLocale(user.id, "id");
    expectIn(await get("/", english), "id", "private-miss");
    expectIn(await get("/", english), "id", "private-hit");
    await setUserLocale(user.id, "en");
    const indonesian = { Cookie: `${cookie}; ${LOCALE_COOKIE}=id`, "Accept-Language": "id" };
    expectIn(await get("/", indonesian), "en", "private-miss");
    expectIn(await get("/", english), "en", "private-miss");
  });

  it("never gives one viewer's language to another on the same URL", async () => {
    const ana = await viewer();
    const budi = await viewer();
    await setUserLocale(ana.user.id, "id");
    await setUserLocale(budi.user.id, "en");
    for (let round = 0; round < 3; round++) {
      expectIn(
        await get("/", { Cookie: ana.cookie, "Accept-Language": "en" }),
        "id",
        round ? "private-hit" : "private-miss",
      );
      expectIn(
        await get("/", { Cookie: budi.cookie, "Accept-Language": "id" }),
        "en",
        round ? "private-hit" : "private-miss",
      );
      // A signed-out visitor on the same URL: the public page of their own language.
      const anonymous = await get("/", { "Accept-Language": round % 2 ? "id" : "en" });
      expect(anonymous.lang).toBe(round % 2 ? "id" : "en");
    }
  });
});
