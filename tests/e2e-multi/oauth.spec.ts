/**
 * An OAuth sign-in whose start and callback hit different instances: the
 * flow's state and PKCE verifier travel in cookies signed with the shared
 * SESSION_SECRET, so the instance that answers the callback can finish a flow
 * the other one started. Uses the main config's fake OAuth2 server
 * (tests/e2e/fake-oauth.mjs), which accepts callbacks on the proxy's port.
 */
import { expect, test } from "../e2e/fixtures";
import { cookieHeader, rawRequest } from "./proxy";

const OAUTH_URL = `http://127.0.0.1:${Number(process.env.E2E_OAUTH_PORT || 4421)}`;

test("a sign-in started on one instance is finished by the other", async ({ baseURL, request }) => {
  const base = baseURL!;
  const unique = `${Date.now().toString(36)}-${process.pid}`;
  const who = {
    sub: `multi-${unique}`,
    email: `multi-oauth-${unique}@example.com`,
    email_verified: true,
    name: "Multi OAuth",
  };
  expect((await request.post(`${OAUTH_URL}/__control`, { data: { reset: true, identity: who } })).status()).toBe(200);

  try {
    const start = await rawRequest(base, "/auth/fake", { form: { redirectTo: "/my-list" }, headers: { Origin: base } });
    expect(start.status).toBeGreaterThanOrEqual(300);
    expect(start.status).toBeLessThan(400);
    const authorize = new URL(String(start.headers.location));
    expect(authorize.origin + authorize.pathname).toBe(`${OAUTH_URL}/authorize`);

    // The provider (not behind the proxy) sends the browser back with a code.
    const back = await fetch(authorize, { redirect: "manual" });
    expect(back.status).toBe(302);
    const callback = new URL(back.headers.get("location")!);
    expect(callback.pathname).toBe("/auth/fake/callback");

    const finished = await rawRequest(base, `${callback.pathname}${callback.search}`, {
      headers: { Cookie: cookieHeader(start.cookies) },
    });
    expect(finished.backend, "the callback went to the other instance").not.toBe(start.backend);
    expect(finished.status).toBeGreaterThanOrEqual(300);
    expect(finished.status).toBeLessThan(400);
    expect(finished.headers.location).toBe("/my-list");
    const session = finished.cookies.dracin_session;
    expect(session, "signed in by the instance that did not start the flow").toBeTruthy();

    const account = await rawRequest(base, "/account", {
      headers: { Cookie: cookieHeader({ dracin_session: session }) },
    });
    expect(account.backend).toBe(start.backend);
    expect(account.status).toBe(200);
    expect(account.body).toContain(who.email);
  } finally {
    await request.post(`${OAUTH_URL}/__control`, { data: { reset: true } });
  }
});
