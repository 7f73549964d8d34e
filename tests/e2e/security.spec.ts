/** Security basics visible from a browser: cross-site posts and sign-out. */
import { DRAMA, expect, test } from "./fixtures";

const EVIL = "https://evil.example";

test("refuses a cross-site form post to /logout and the viewer stays signed in", async ({ page, signedIn: _ }) => {
  const response = await page.request.post("/logout", { headers: { Origin: EVIL }, maxRedirects: 0 });
  expect(response.status()).toBe(403);
  expect(response.headers()["set-cookie"]).toBeUndefined();
  const account = await page.goto("/account");
  expect(account?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
});

test("refuses a cross-site form post to /resources/favorites and changes nothing", async ({ page, signedIn: _ }) => {
  const form = { intent: "add", dramaId: DRAMA.id, redirectTo: "/my-list" };
  const byOrigin = await page.request.post("/resources/favorites", {
    form,
    headers: { Origin: EVIL },
    maxRedirects: 0,
  });
  expect(byOrigin.status()).toBe(403);
  const byFetchMetadata = await page.request.post("/resources/favorites", {
    form,
    headers: { "Sec-Fetch-Site": "cross-site" },
    maxRedirects: 0,
  });
  expect(byFetchMetadata.status()).toBe(403);
  const htmxStyle = await page.request.post("/resources/favorites", {
    form,
    headers: { Origin: EVIL, "HX-Request": "true" },
    maxRedirects: 0,
  });
  expect(htmxStyle.status()).toBe(403);

  await page.goto("/my-list");
  await expect(page.getByText("Your list is empty.")).toBeVisible();

  // The same post from the site itself works (the check is not simply refusing everything).
  const sameOrigin = await page.request.post("/resources/favorites", {
    form,
    headers: { Origin: new URL(page.url()).origin },
    maxRedirects: 0,
  });
  expect(sameOrigin.status()).toBe(303);
});

test("refuses a form that another site's page submits in the browser", async ({ page, signedIn: _, baseURL }) => {
  // A page on another origin with a form aimed at Dracin, served by the test.
  await page.route("http://evil.example/**", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><title>evil</title><form method="post" action="${baseURL}/resources/favorites">
        <input type="hidden" name="intent" value="add"><input type="hidden" name="dramaId" value="${DRAMA.id}">
        <button>Win a prize</button></form>`,
    }),
  );
  await page.goto("http://evil.example/");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url() === `${baseURL}/resources/favorites`),
    page.getByRole("button", { name: "Win a prize" }).click(),
  ]);
  expect(response.status()).toBe(403);
  await page.goto(`${baseURL}/my-list`);
  await expect(page.getByText("Your list is empty.")).toBeVisible();
});

test("after sign-out the session cookie is gone and the old session no longer works", async ({ page, signedIn: _ }) => {
  await page.goto("/");
  const before = (await page.context().cookies()).find((cookie) => cookie.name === "dracin_session");
  expect(before?.value).toBeTruthy();
  expect(before?.httpOnly).toBe(true);
  expect(before?.sameSite).toBe("Lax");

  await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();
  const after = (await page.context().cookies()).filter((cookie) => cookie.name === "dracin_session");
  expect(after).toEqual([]);

  // Replaying the old cookie does not bring the session back: it was deleted on the server.
  await page.context().addCookies([before!]);
  await page.goto("/my-list");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fmy-list$/);
});
