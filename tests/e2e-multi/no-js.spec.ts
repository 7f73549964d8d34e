/**
 * The key forms without JavaScript through the round-robin proxy, and the
 * CSRF token of a browser that sends neither Origin nor Sec-Fetch-Site:
 * minted by one instance, accepted by the other (both sign with SESSION_SECRET).
 */
import { DRAMA, EPISODE_1, expect, newAccount, registerInBrowser, test } from "../e2e/fixtures";
import { cookieHeader, csrfFieldOf, rawRequest, recordServed } from "./proxy";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("register, My List, mark as watched, Continue Watching, sign out and in: plain forms on both instances", async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const account = newAccount("multi-nojs");
    const nav = page.getByRole("navigation", { name: "Main" });
    const { served, settle } = recordServed(page);

    await registerInBrowser(page, account);

    await page.goto(`/drama/${DRAMA.id}`);
    await page.getByRole("button", { name: /^Add to My List/ }).click();
    await expect(page).toHaveURL(`/drama/${DRAMA.id}`);
    await expect(page.getByRole("button", { name: /^Remove from My List/ })).toBeVisible();

    await page
      .locator(`#episode-${EPISODE_1}`)
      .getByRole("button", { name: /Mark as watched/ })
      .click();
    await expect(page.locator(`#episode-${EPISODE_1} .episode-state`)).toHaveText("Watched");
    await expect(page.getByRole("link", { name: "Play next: episode 2" })).toBeVisible();

    await nav.getByRole("link", { name: "My List" }).click();
    await expect(page.getByRole("main").getByRole("link", { name: DRAMA.title })).toBeVisible();
    await nav.getByRole("link", { name: "History" }).click();
    await expect(page.getByRole("main").getByRole("link", { name: /^Episode 1: / })).toBeVisible();
    await page.goto("/");
    await expect(page.getByRole("region", { name: "Continue Watching" }).getByText("Next up: episode 2")).toBeVisible();

    await nav.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You have signed out.")).toBeVisible();
    await nav.getByRole("link", { name: "Sign in" }).click();
    await page.getByLabel("Email", { exact: true }).fill(account.email);
    await page.getByLabel("Password", { exact: true }).fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("region", { name: "Continue Watching" })).toBeVisible();
    await page.goto("/my-list");
    await expect(page.getByRole("main").getByRole("link", { name: DRAMA.title })).toBeVisible();

    await settle();
    const posts = served.filter((entry) => entry.method === "POST");
    expect(posts.map((entry) => entry.path)).toEqual([
      "/register",
      "/resources/favorites",
      "/resources/watched",
      "/logout",
      "/login",
    ]);
    expect(new Set(posts.map((entry) => entry.backend)), `posts: ${JSON.stringify(posts)}`).toEqual(new Set([1, 2]));
    const signedInPages = served.filter((entry) => entry.method === "GET" && entry.withSession);
    expect(new Set(signedInPages.map((entry) => entry.backend))).toEqual(new Set([1, 2]));
  });
});

test("a CSRF token minted by one instance is accepted by the other; a forged one by neither", async ({
  baseURL,
  account,
}) => {
  const base = baseURL!;
  // No Origin, no Sec-Fetch-Site: only the token lets these posts through.
  const loginPage = await rawRequest(base, "/login");
  expect(loginPage.status).toBe(200);
  const csrf = loginPage.cookies.dracin_csrf;
  const token = csrfFieldOf(loginPage.body);
  expect(csrf, "the login page sets the CSRF cookie").toBeTruthy();
  expect(token).toBeTruthy();

  const credentials = { email: account.email, password: account.password, redirectTo: "/" };
  const signedIn = await rawRequest(base, "/login", {
    form: { ...credentials, _csrf: token! },
    headers: { Cookie: cookieHeader({ dracin_csrf: csrf }) },
  });
  expect(signedIn.backend, "the post went to the other instance").not.toBe(loginPage.backend);
  expect(signedIn.status).toBe(303);
  const session = signedIn.cookies.dracin_session;
  expect(session).toBeTruthy();
  const cookies = cookieHeader({ dracin_csrf: csrf, dracin_session: session });

  for (let attempt = 0; attempt < 2; attempt++) {
    // Two in a row: one on each instance.
    const forged = await rawRequest(base, "/resources/favorites", {
      form: { intent: "add", dramaId: DRAMA.id, _csrf: `${token!.slice(0, -2)}xx` },
      headers: { Cookie: cookies },
    });
    expect(forged.status, `forged token on instance ${forged.backend}`).toBe(403);
    const missing = await rawRequest(base, "/resources/progress", {
      form: { episodeId: EPISODE_1, position: "5" },
      headers: { Cookie: cookies },
    });
    expect(missing.status, `no token on instance ${missing.backend}`).toBe(403);
  }

  const added = await rawRequest(base, "/resources/favorites", {
    form: { intent: "add", dramaId: DRAMA.id, _csrf: token! },
    headers: { Cookie: cookies },
  });
  expect(added.status).toBe(303);
  const progress = await rawRequest(base, "/resources/progress", {
    form: { episodeId: EPISODE_1, position: "5", viewingStart: "1", _csrf: token! },
    headers: { Cookie: cookies },
  });
  expect(progress.status).toBe(204);
  expect(progress.backend, "token accepted on both instances").not.toBe(added.backend);

  // What one instance wrote, the other shows.
  const myList = await rawRequest(base, "/my-list", { headers: { Cookie: cookies } });
  expect(myList.status).toBe(200);
  expect(myList.backend).not.toBe(progress.backend);
  expect(myList.body).toContain(DRAMA.title);
  const drama = await rawRequest(base, `/drama/${DRAMA.id}`, { headers: { Cookie: cookies } });
  expect(drama.backend).not.toBe(myList.backend);
  expect(drama.body).toContain("Resume episode 1");
});
