/**
 * Throttling counts across instances (app/models/throttle.server.ts: 5 failed
 * sign-ins per 15 minutes per email and IP): failures alternate between the
 * two instances and the sixth attempt is refused all the same. The client IP is
 * the one the proxy forwards (X-Forwarded-For with TRUST_PROXY): the proxy sees
 * these requests come from 127.0.0.2 and 127.0.0.3, the instances only ever see
 * the proxy at 127.0.0.1.
 */
import { expect, signIn, test } from "../e2e/fixtures";
import { rawRequest } from "./proxy";

test("failed sign-ins spread over both instances hit one limit, per client IP as forwarded by the proxy", async ({
  page,
  baseURL,
  account,
}) => {
  const base = baseURL!;
  // A same-origin post, as an English browser's form sends it (the site's default language is Indonesian).
  const headers = { Origin: base, "Accept-Language": "en-US" };
  const attempt = (password: string, localAddress: string) =>
    rawRequest(base, "/login", { form: { email: account.email, password, redirectTo: "/" }, headers, localAddress });

  const failures: number[] = [];
  for (let n = 1; n <= 5; n++) {
    const response = await attempt(`wrong password ${n}`, "127.0.0.2");
    expect(response.status, `failure ${n} on instance ${response.backend}`).toBe(400);
    failures.push(response.backend);
  }
  expect(new Set(failures), `instances that counted the failures: ${failures.join(", ")}`).toEqual(new Set([1, 2]));

  // Neither instance saw five failures itself; together they did. Even the right password waits now.
  for (let n = 0; n < 2; n++) {
    const refused = await attempt(account.password, "127.0.0.2");
    expect(refused.status, `throttled on instance ${refused.backend}`).toBe(429);
    expect(refused.headers["retry-after"]).toMatch(/^\d+$/);
    expect(refused.body).toMatch(/Too many failed sign-ins/);
  }

  // Another client address is not throttled for this email: the limit is per forwarded IP, not per proxy.
  const elsewhere = await attempt(account.password, "127.0.0.3");
  expect(elsewhere.status).toBe(303);
  expect(elsewhere.cookies.dracin_session).toBeTruthy();

  // The instances recorded the forwarded address: the sessions page shows 127.0.0.3.
  await signIn(page, account);
  await page.goto("/account/sessions");
  await expect(page.getByRole("heading", { level: 1, name: "Signed-in devices" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("127.0.0.3");
  await expect(page.getByRole("main")).not.toContainText("127.0.0.2");
});
