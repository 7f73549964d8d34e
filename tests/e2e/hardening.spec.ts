/**
 * Hardening visible from a browser: security headers and the CSP (scripts from our files only), the public-page cache,
 * cookie flags, the CSRF token for browsers that send no Origin, escaping of
 * hostile text, open redirects, sign-in throttling, and that the CSP never
 * blocks our own pages (htmx, the player).
 */
import { DRAMA, EPISODE_1, expect, newAccount, registerAccount, test } from "./fixtures";

test("documents carry the security headers, and scripts only come from our own files", async ({ page }) => {
  const first = await page.goto("/");
  const headers = first!.headers();
  const csp = headers["content-security-policy"];
  // No inline script anywhere, so no nonce: script-src is our own origin alone (decision 012).
  expect(csp).toMatch(/script-src 'self'(;|$)/);
  expect(csp).toContain("script-src-attr 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).not.toMatch(/script-src[^;]*unsafe-eval/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  // The browser tests run the production build: HSTS is on.
  expect(headers["strict-transport-security"]).toContain("max-age=");
  expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);

  const scripts = await page
    .locator("script")
    .evaluateAll((elements) =>
      elements.map((element) => ({ src: element.getAttribute("src"), inline: element.textContent ?? "" })),
    );
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) {
    expect(script.src, "no inline scripts").toMatch(/^\/assets\//);
    expect(script.inline).toBe("");
  }
  expect(await page.locator("[onclick], [onload], [onerror], [onsubmit]").count()).toBe(0);
});

test("an anonymous public page is shared and cached briefly; a page with a form or a session never is", async ({
  baseURL,
  account,
}) => {
  const get = (path: string, cookie = "") => fetch(`${baseURL}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  const path = `/drama/${DRAMA.id}`;
  const first = await get(path);
  expect(first.status).toBe(200);
  expect(first.headers.get("cache-control")).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+$/);
  expect(first.headers.get("vary")).toMatch(/Cookie/);
  expect(first.headers.get("vary")).toMatch(/HX-Request/);
  expect(first.headers.getSetCookie()).toEqual([]);
  const body = await first.text();
  expect(body).not.toContain('name="_csrf"');
  const again = await get(path);
  expect(again.headers.get("x-page-cache")).toBe("hit");
  expect(await again.text()).toBe(body);
  // A browser revalidating gets a 304.
  const revalidated = await fetch(`${baseURL}${path}`, {
    headers: { "If-None-Match": again.headers.get("etag")!, "Cache-Control": "max-age=0" },
  });
  expect(revalidated.status).toBe(304);

  // The sign-in form carries a token: private, and the CSRF cookie comes with it.
  const login = await get("/login");
  expect(login.headers.get("cache-control")).toBe("private, no-cache");
  expect(login.headers.getSetCookie().some((cookie) => cookie.startsWith("dracin_csrf="))).toBe(true);
  expect(login.headers.get("x-page-cache")).toBeNull();

  // A signed-in viewer never gets the shared page.
  const signIn = await fetch(`${baseURL}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseURL! },
    body: new URLSearchParams({ email: account.email, password: account.password }),
  });
  const session = signIn.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith("dracin_session="))!
    .split(";")[0];
  const mine = await get(path, session);
  expect(mine.headers.get("cache-control")).toBe("private, no-cache");
  expect(mine.headers.get("x-page-cache")).toBeNull();
  expect(await mine.text()).toContain('action="/logout"');
});

test("the CSP blocks nothing of our own on the home, drama and player pages", async ({ page, signedIn: _ }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/");
  await page.goto(`/drama/${DRAMA.id}`);
  // htmx works under the CSP: the favourite button swaps in place.
  await page.getByRole("button", { name: new RegExp(`^Add to My List\\W+${DRAMA.title}$`) }).click();
  await expect(page.getByRole("button", { name: new RegExp(`^Remove from My List\\W+${DRAMA.title}$`) })).toBeVisible();
  await page.goto(`/watch/${EPISODE_1}`);
  await expect(page.locator(".video-js")).toBeVisible();
  // Every script, style, poster and stream the player fetches by itself has been loaded (or refused).
  await page.waitForLoadState("networkidle");
  expect(violations).toEqual([]);
});

test("cookies are httpOnly, SameSite=Lax and Secure in production", async ({ page, signedIn: _ }) => {
  await page.goto("/");
  const cookies = await page.context().cookies();
  for (const name of ["dracin_session", "dracin_csrf"]) {
    const cookie = cookies.find((candidate) => candidate.name === name);
    expect(cookie, name).toBeTruthy();
    expect(cookie!.httpOnly, name).toBe(true);
    expect(cookie!.sameSite, name).toBe("Lax");
    expect(cookie!.secure, name).toBe(true);
    expect(cookie!.path, name).toBe("/");
  }
});

test("a post without Origin or Sec-Fetch-Site needs the page's CSRF token", async ({ baseURL, account }) => {
  // Node's fetch sends neither header: like an old browser or a privacy tool that strips them.
  const post = (path: string, fields: Record<string, string>, cookie = "") =>
    fetch(`${baseURL}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
      body: new URLSearchParams(fields),
    });
  const credentials = { email: account.email, password: account.password };
  expect((await post("/login", credentials)).status).toBe(403);

  const loginPage = await fetch(`${baseURL}/login`);
  const csrfCookie = loginPage.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith("dracin_csrf="))!
    .split(";")[0];
  const token = /name="_csrf" value="([^"]+)"/.exec(await loginPage.text())?.[1];
  expect(token).toBeTruthy();
  expect((await post("/login", credentials, csrfCookie)).status).toBe(403);
  expect((await post("/login", { ...credentials, _csrf: "forged" }, csrfCookie)).status).toBe(403);
  const signedIn = await post("/login", { ...credentials, _csrf: token! }, csrfCookie);
  expect(signedIn.status).toBe(303);
  const session = signedIn.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith("dracin_session="))!
    .split(";")[0];
  const cookies = `${csrfCookie}; ${session}`;

  expect((await post("/resources/favorites", { intent: "add", dramaId: DRAMA.id }, cookies)).status).toBe(403);
  expect(
    (await post("/resources/favorites", { intent: "add", dramaId: DRAMA.id, _csrf: token! }, cookies)).status,
  ).toBe(303);
  expect((await post("/resources/progress", { episodeId: EPISODE_1, position: "5" }, cookies)).status).toBe(403);
  expect(
    (await post("/resources/progress", { episodeId: EPISODE_1, position: "5", _csrf: token! }, cookies)).status,
  ).toBe(204);

  // Signed-in pages carry the token for htmx's requests and the player's beacons too.
  const home = await (await fetch(`${baseURL}/`, { headers: { Cookie: cookies } })).text();
  expect(/<body data-hx-headers="([^"]+)"/.exec(home)?.[1].replaceAll("&quot;", '"')).toBe(
    JSON.stringify({ "X-CSRF-Token": token }),
  );
});

test("hostile text in a name and a search comes back escaped and never runs", async ({ page, playwright, baseURL }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const payload = `<img src=x onerror="alert('xss')"><script>alert('xss')</script>`;
  const account = { ...newAccount("xss"), name: payload.slice(0, 60) };
  const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  await registerAccount(request, account);
  await request.dispose();
  await page.goto("/login");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.goto("/account");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(account.name);
  // The header greets by name: as text, not markup.
  expect(await page.locator("main img[src=x], main script:not([src])").count()).toBe(0);

  await page.goto(`/search?q=${encodeURIComponent(`"><svg onload=alert('xss')>`)}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.locator("svg[onload]").count()).toBe(0);
  expect(await page.locator("img[src=x]").count()).toBe(0);
  expect(dialogs).toEqual([]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign-in refuses to redirect to another site", async ({ page, account }) => {
    await page.goto(`/login?redirectTo=${encodeURIComponent("https://evil.example/phish")}`);
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password", { exact: true }).fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  test("the sixth wrong password in a row is throttled with 429 and a clear message", async ({ page, account }) => {
    await page.goto("/login");
    let status = 0;
    for (let attempt = 1; attempt <= 6; attempt++) {
      await page.getByLabel("Email").fill(account.email);
      await page.getByLabel("Password", { exact: true }).fill(`wrong password ${attempt}`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().includes("/login") && r.request().method() === "POST"),
        page.getByRole("button", { name: "Sign in" }).click(),
      ]);
      status = response.status();
      if (attempt < 6) expect(status).toBe(400);
      if (attempt === 6) expect(response.headers()["retry-after"]).toMatch(/^\d+$/);
    }
    expect(status).toBe(429);
    await expect(page.getByRole("alert")).toContainText(/Too many failed sign-ins.*wait 15 minutes/);
  });
});
