/**
 * Caption style (/settings/captions, decision 024): saved on the account for
 * a signed-in viewer and in the preferences cookie for a visitor; a value
 * outside the lists is refused with 400 and nothing is stored; /watch serves
 * the viewer's style as a <style> in <head>; at sign-in an account without a
 * style adopts the visitor's, an account with one keeps its own.
 */
import { describe, expect, it, vi } from "vitest";
import { translator } from "~/i18n";
import { AS_AUTHORED, cueCss, type CaptionStyle } from "~/lib/caption-style";
import { action as loginAction } from "~/routes/login";
import { action as registerAction } from "~/routes/register";
import { action as preferencesAction } from "~/routes/resources.preferences";
import * as settings from "~/routes/settings.captions";
import * as watch from "~/routes/watch.$episodeId";
import * as feed from "~/routes/drama.$dramaId_.feed";
import { prisma } from "~/utils/db.server";
import { buildOf, pageRenderer } from "../helpers/render-page";
import { cookieHeaderFrom, getRequest, postForm, setCookieFor } from "../helpers/requests";
import { callRoute, dataOf } from "../helpers/route";
import { createUser, sessionCookieFrom, TEST_PASSWORD, uniqueEmail } from "../helpers/users";

vi.mock("~/utils/assets.server", () => import("../helpers/test-assets"));

const EPISODE = "moonlit-tea-house-ep-1";
const PATH = "/settings/captions";

const YELLOW_ON_BLUE: CaptionStyle = {
  size: "large",
  font: "readable",
  textColour: "yellow",
  textOpacity: "100",
  backgroundColour: "blue",
  backgroundOpacity: "75",
  windowColour: "authored",
  windowOpacity: "authored",
  edge: "uniform",
};

const render = pageRenderer(
  buildOf([
    { id: "routes/watch.$episodeId", path: "watch/:episodeId", module: watch },
    { id: "routes/drama.$dramaId_.feed", path: "drama/:dramaId/feed", module: feed },
    { id: "routes/settings.captions", path: "settings/captions", module: settings },
  ]),
);

function save(style: CaptionStyle, cookie = "", extra: Record<string, string> = {}) {
  return callRoute(settings.action, postForm(PATH, { intent: "save", ...style, ...extra }, { cookie }));
}

async function loaded(cookie: string) {
  return dataOf(await callRoute(settings.loader, getRequest(PATH, { cookie })));
}

async function storedStyle(userId: string): Promise<string | null> {
  const row = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { captionStyle: true } });
  return row.captionStyle;
}

/** A visitor's cookie header holding a caption style (saved through the settings form). */
async function visitorWith(style: CaptionStyle): Promise<string> {
  const result = await save(style);
  expect(result.status).toBe(303);
  return (setCookieFor(result.headers, "dracin_prefs") ?? "").split(";")[0];
}

describe("saving a caption style", () => {
  it("keeps a visitor's in the preferences cookie and redirects back with a notice", async () => {
    const result = await save(YELLOW_ON_BLUE, "", { returnTo: `/watch/${EPISODE}` });
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe(`${PATH}?returnTo=%2Fwatch%2F${EPISODE}`);
    expect(setCookieFor(result.headers, "dracin_flash")).toBeDefined();
    const cookie = cookieHeaderFrom(result.headers);
    const data = await loaded(cookie);
    expect(data.signedIn).toBe(false);
    expect(data.style).toEqual(YELLOW_ON_BLUE);
    expect(data.headStyle).toContain(".caption-sample-cue{font-size:150%");
    expect(data.headStyle).toContain("color:rgba(255,255,0,1)");
  });

  it("never sends Back off the site", async () => {
    const result = await save(YELLOW_ON_BLUE, "", { returnTo: "//evil.example/x" });
    expect(result.headers.get("Location")).toBe(PATH);
    const data = await loaded("");
    expect(data.returnTo).toBeNull();
    expect(dataOf(await callRoute(settings.loader, getRequest(`${PATH}?returnTo=https://evil.example`))).returnTo).toBe(
      null,
    );
  });

  it("keeps a signed-in viewer's on the account (every device), not in the cookie", async () => {
    const user = await createUser();
    const result = await save(YELLOW_ON_BLUE, user.cookie);
    expect(result.status).toBe(303);
    expect(setCookieFor(result.headers, "dracin_prefs")).toBeUndefined();
    expect(JSON.parse((await storedStyle(user.id)) ?? "")).toEqual({
      size: "large",
      font: "readable",
      textColour: "yellow",
      textOpacity: "100",
      backgroundColour: "blue",
      backgroundOpacity: "75",
      edge: "uniform",
    });
    // Another browser signed in to the same account.
    const other = await createUser({ email: `other-${user.email}` });
    await prisma.session.updateMany({ where: { userId: other.id }, data: { userId: user.id } });
    const data = await loaded(other.cookie);
    expect(data.signedIn).toBe(true);
    expect(data.style).toEqual(YELLOW_ON_BLUE);
  });

  it("resets to as authored: NULL on the account, no style in the cookie, no CSS", async () => {
    const user = await createUser();
    await save(YELLOW_ON_BLUE, user.cookie);
    const reset = await callRoute(settings.action, postForm(PATH, { intent: "reset" }, { cookie: user.cookie }));
    expect(reset.status).toBe(303);
    expect(await storedStyle(user.id)).toBeNull();
    expect((await loaded(user.cookie)).headStyle).toBe("");

    const visitor = await visitorWith(YELLOW_ON_BLUE);
    const visitorReset = await callRoute(settings.action, postForm(PATH, { intent: "reset" }, { cookie: visitor }));
    const cookie = cookieHeaderFrom(visitorReset.headers);
    expect((await loaded(cookie)).style).toEqual(AS_AUTHORED);
  });

  it("refuses a value outside the lists with 400 and a message, and stores nothing", async () => {
    const user = await createUser();
    await save(YELLOW_ON_BLUE, user.cookie);
    const before = await storedStyle(user.id);
    for (const [field, value] of [
      ["textColour", "#ff00ff"],
      ["size", "999%"],
      ["edge", "red;}body{display:none}"],
      ["intent", "wipe"],
    ]) {
      const result = await save(YELLOW_ON_BLUE, user.cookie, { [field]: value });
      expect(result.status, `${field}=${value}`).toBe(400);
      expect(result.data).toEqual({ formError: "captionStyle.invalid" });
      expect(result.headers.get("Set-Cookie")).toBeNull();
    }
    // A setting left out is refused too.
    const { edge: _edge, ...partial } = YELLOW_ON_BLUE;
    const missing = await callRoute(
      settings.action,
      postForm(PATH, { intent: "save", ...partial }, { cookie: user.cookie }),
    );
    expect(missing.status).toBe(400);
    expect(await storedStyle(user.id)).toBe(before);

    const visitor = await save({ ...YELLOW_ON_BLUE, textOpacity: "33" as CaptionStyle["textOpacity"] });
    expect(visitor.status).toBe(400);
    expect(setCookieFor(visitor.headers, "dracin_prefs")).toBeUndefined();
  });

  it("shows the refusal on the page, in the viewer's language", async () => {
    for (const locale of ["en", "id"] as const) {
      const page = await render(PATH, "", {
        headers: { "Accept-Language": locale === "id" ? "id-ID" : "en-US" },
        form: { intent: "save", ...YELLOW_ON_BLUE, textColour: "orange" },
      });
      expect(page.status).toBe(400);
      expect(page.html).toContain(translator(locale)("captionStyle.invalid"));
    }
  });

  it("survives the playback settings form, which does not know about it", async () => {
    const visitor = await visitorWith(YELLOW_ON_BLUE);
    const result = await callRoute(
      preferencesAction,
      postForm(
        "/resources/preferences",
        { autoplay: "0" },
        { cookie: visitor, headers: { Accept: "application/json" } },
      ),
    );
    expect(result.status).toBe(204);
    expect((await loaded(cookieHeaderFrom(result.headers))).style).toEqual(YELLOW_ON_BLUE);
  });
});

describe("the settings page", () => {
  it("is never cached and draws the sample in the captions' language, with its Chinese line", async () => {
    expect(settings.handle.cache).toEqual({ anonymous: "never", signedIn: "never" });
    const page = await render(`${PATH}?lang=en`, "");
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toMatch(/private|no-store/);
    expect(page.html).toContain('<span lang="zh-Hans">你好，殿下。</span>');
    expect(page.html).toContain('<span lang="en">Hello, Your Highness.</span>');
    expect(page.html).toContain('<script type="module" src="/assets/caption-style-test.js">');
    // Indonesian captions chosen: the sample is in Indonesian on an English page.
    const prefs = await callRoute(
      preferencesAction,
      postForm("/resources/preferences", { captions: "id" }, { headers: { Accept: "application/json" } }),
    );
    const indonesian = await render(`${PATH}?lang=en`, cookieHeaderFrom(prefs.headers));
    expect(indonesian.html).toContain('<span lang="id">Halo, Yang Mulia.</span>');
  });
});

describe("/watch", () => {
  it("serves the signed-in viewer's style as CSS for the native player and video.js, in <head>", async () => {
    const user = await createUser();
    await save(YELLOW_ON_BLUE, user.cookie);
    const data = dataOf(
      await callRoute(watch.loader, getRequest(`/watch/${EPISODE}`, { cookie: user.cookie }), { episodeId: EPISODE }),
    );
    expect(data.headStyle).toBe(cueCss(YELLOW_ON_BLUE));
    const page = await render(`/watch/${EPISODE}`, user.cookie);
    expect(page.status).toBe(200);
    const head = /<head>([\s\S]*)<\/head>/.exec(page.html)?.[1] ?? "";
    const style = /<style data-route-style="">([\s\S]*?)<\/style>/.exec(head)?.[1];
    // Written as it is: the child combinator's ">" is not escaped.
    expect(style).toBe(cueCss(YELLOW_ON_BLUE));
    expect(style).toContain("video::cue{font-size:150%!important;");
    expect(style).toContain(".vjs-text-track-cue > div{");
    // The settings panel and the player link to the settings page, with the way back.
    expect(page.html).toContain(`href="/settings/captions?returnTo=%2Fwatch%2F${EPISODE}"`);
    expect(page.html).toContain(`data-caption-style-url="/settings/captions?returnTo=%2Fwatch%2F${EPISODE}"`);
  });

  it("adds no <style> for as authored", async () => {
    const user = await createUser();
    const page = await render(`/watch/${EPISODE}`, user.cookie);
    expect(page.html).not.toContain("data-route-style");
  });
});

describe("the binge feed", () => {
  it("styles its native videos' captions the same way", async () => {
    const user = await createUser();
    await save(YELLOW_ON_BLUE, user.cookie);
    const page = await render(`/drama/${EPISODE.replace(/-ep-\d+$/, "")}/feed`, user.cookie);
    expect(page.status).toBe(200);
    const head = /<head>([\s\S]*)<\/head>/.exec(page.html)?.[1] ?? "";
    expect(/<style data-route-style="">([\s\S]*?)<\/style>/.exec(head)?.[1]).toBe(cueCss(YELLOW_ON_BLUE));
  });
});

describe("signing in with a visitor's style", () => {
  async function login(email: string, cookie: string) {
    const result = await callRoute(
      loginAction,
      postForm("/login", { email, password: TEST_PASSWORD, redirectTo: "/" }, { cookie }),
    );
    expect(result.status).toBe(303);
    return sessionCookieFrom(result.headers);
  }

  it("an account without a style adopts the visitor's", async () => {
    const user = await createUser();
    expect(await storedStyle(user.id)).toBeNull();
    const session = await login(user.email, await visitorWith(YELLOW_ON_BLUE));
    expect((await loaded(session)).style).toEqual(YELLOW_ON_BLUE);
  });

  it("an account with a style keeps its own", async () => {
    const user = await createUser();
    const own: CaptionStyle = { ...AS_AUTHORED, textColour: "green", edge: "raised" };
    await save(own, user.cookie);
    const session = await login(user.email, await visitorWith(YELLOW_ON_BLUE));
    expect((await loaded(session)).style).toEqual(own);
  });

  it("a new account takes the style chosen before registering", async () => {
    const email = uniqueEmail("captions");
    const visitor = await visitorWith(YELLOW_ON_BLUE);
    const result = await callRoute(
      registerAction,
      postForm(
        "/register",
        { name: "Caption Viewer", email, password: TEST_PASSWORD, redirectTo: "/" },
        { cookie: visitor },
      ),
    );
    expect(result.status).toBe(303);
    const row = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    expect(JSON.parse((await storedStyle(row.id)) ?? "")).toMatchObject({ textColour: "yellow", edge: "uniform" });
  });

  it("an as-authored visitor changes nothing", async () => {
    const user = await createUser();
    await login(user.email, "");
    expect(await storedStyle(user.id)).toBeNull();
  });
});
