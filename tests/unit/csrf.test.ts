import { describe, expect, it } from "vitest";
import {
  CSRF_COOKIE,
  csrfAllows,
  csrfRefusal,
  csrfSecretFrom,
  CsrfTokenSource,
  csrfTokenFor,
  newCsrfSecret,
  readForm,
  requireSameSite,
} from "~/utils/csrf.server";

const HOST = "localhost:3000";

function headers(values: Record<string, string>) {
  const map = new Headers(values);
  return { get: (name: string) => map.get(name) };
}

function post(fields: Record<string, string>, extra: Record<string, string> = {}): Request {
  return new Request(`http://${HOST}/account`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...extra },
    body: new URLSearchParams(fields),
  });
}

async function thrownStatus(promise: Promise<unknown>): Promise<number | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

describe("csrfRefusal", () => {
  const secret = newCsrfSecret();
  const cookie = `${CSRF_COOKIE}=${secret}`;

  it("names why a request is refused, for its audit row, and is null exactly when csrfAllows lets it through", () => {
    const cases: [Record<string, string>, string | null, string | null][] = [
      [{ "sec-fetch-site": "same-origin" }, null, null],
      [{ "sec-fetch-site": "cross-site" }, null, "Sec-Fetch-Site: cross-site"],
      [{ origin: "https://evil.example" }, null, "Origin https://evil.example does not match host"],
      [{ origin: "null" }, null, "Origin: null"],
      [{}, null, "no Origin or Sec-Fetch-Site, and no CSRF token"],
      [{}, csrfTokenFor(secret), "CSRF token without its cookie"],
      [{ cookie }, "forged", "CSRF token does not match its cookie"],
      [{ cookie }, csrfTokenFor(secret), null],
    ];
    for (const [values, token, reason] of cases) {
      expect(csrfRefusal(headers(values), HOST, token), JSON.stringify(values)).toBe(reason);
      expect(csrfAllows(headers(values), HOST, token)).toBe(reason === null);
    }
  });
});

describe("csrfAllows", () => {
  const secret = newCsrfSecret();
  const token = csrfTokenFor(secret);
  const cookie = `other=1; ${CSRF_COOKIE}=${secret}`;

  it("lets a same-origin browser request through on its headers alone", () => {
    expect(csrfAllows(headers({ "sec-fetch-site": "same-origin" }), HOST, null)).toBe(true);
    expect(csrfAllows(headers({ origin: `http://${HOST}` }), HOST, null)).toBe(true);
  });

  it("refuses cross-site and mismatched origins even with a valid token", () => {
    expect(csrfAllows(headers({ "sec-fetch-site": "cross-site", cookie }), HOST, token)).toBe(false);
    expect(csrfAllows(headers({ "sec-fetch-site": "same-site", cookie }), HOST, token)).toBe(false);
    expect(csrfAllows(headers({ origin: "https://evil.example", cookie }), HOST, token)).toBe(false);
    expect(csrfAllows(headers({ origin: "null", cookie }), HOST, token)).toBe(false);
    expect(csrfAllows(headers({ origin: "not a url", cookie }), HOST, token)).toBe(false);
  });

  it("asks a request with neither header for the token that matches its cookie", () => {
    expect(csrfAllows(headers({ cookie }), HOST, token)).toBe(true);
    expect(csrfAllows(headers({ cookie }), HOST, null)).toBe(false);
    expect(csrfAllows(headers({ cookie }), HOST, `${token}x`)).toBe(false);
    expect(csrfAllows(headers({ cookie }), HOST, csrfTokenFor(newCsrfSecret()))).toBe(false);
    expect(csrfAllows(headers({}), HOST, token)).toBe(false);
  });

  it("ignores a malformed cookie value", () => {
    expect(csrfSecretFrom(`${CSRF_COOKIE}=short`)).toBeNull();
    expect(csrfSecretFrom(`${CSRF_COOKIE}=${"a".repeat(31)}!`)).toBeNull();
    expect(csrfSecretFrom(`a=b; ${CSRF_COOKIE}=${secret}`)).toBe(secret);
    expect(csrfSecretFrom(null)).toBeNull();
  });
});

describe("readForm", () => {
  const secret = newCsrfSecret();
  const cookie = `${CSRF_COOKIE}=${secret}`;

  it("returns the form of a same-origin post", async () => {
    const form = await readForm(post({ name: "x" }, { Origin: `http://${HOST}` }));
    expect(form.get("name")).toBe("x");
  });

  it("accepts the token as a field or as htmx's header when the browser sends no origin", async () => {
    expect((await readForm(post({ _csrf: csrfTokenFor(secret), a: "1" }, { Cookie: cookie }))).get("a")).toBe("1");
    expect((await readForm(post({ a: "2" }, { Cookie: cookie, "X-CSRF-Token": csrfTokenFor(secret) }))).get("a")).toBe(
      "2",
    );
  });

  it("throws 403 for a post with neither an origin nor a valid token", async () => {
    expect(await thrownStatus(readForm(post({ a: "1" }, { Cookie: cookie })))).toBe(403);
    expect(await thrownStatus(readForm(post({ _csrf: "forged" }, { Cookie: cookie })))).toBe(403);
    expect(
      await thrownStatus(
        readForm(post({ _csrf: csrfTokenFor(secret) }, { Origin: "https://evil.example", Cookie: cookie })),
      ),
    ).toBe(403);
  });

  it("leaves the body readable for code that parses it again (remix-auth's form strategy)", async () => {
    const request = post({ email: "a@b.c" }, { Origin: `http://${HOST}` });
    await readForm(request);
    expect((await request.formData()).get("email")).toBe("a@b.c");
  });

  it("requireSameSite checks a bodiless post the same way", () => {
    expect(() => requireSameSite(post({}, { Origin: `http://${HOST}` }))).not.toThrow();
    expect(() => requireSameSite(post({}, { Cookie: cookie }))).toThrow();
    expect(() => requireSameSite(post({}, { Cookie: cookie, "X-CSRF-Token": csrfTokenFor(secret) }))).not.toThrow();
  });
});

describe("CsrfTokenSource", () => {
  it("uses the browser's secret and issues no cookie for it", () => {
    const stored = newCsrfSecret();
    const source = new CsrfTokenSource(`a=b; ${CSRF_COOKIE}=${stored}`);
    expect(source.used).toBe(false);
    expect(source.token()).toBe(csrfTokenFor(stored));
    expect(source.used).toBe(true);
    expect(source.setCookie()).toBeNull();
  });

  it("issues a secret only when a page asks for the token, once per page", () => {
    const unused = new CsrfTokenSource(null);
    expect(unused.setCookie()).toBeNull();
    expect(unused.used).toBe(false);

    const source = new CsrfTokenSource(`${CSRF_COOKIE}=malformed`);
    const token = source.token();
    expect(source.token()).toBe(token);
    const cookie = source.setCookie()!;
    expect(cookie).toMatch(new RegExp(`^${CSRF_COOKIE}=[A-Za-z0-9_-]{32}; Path=/; HttpOnly; SameSite=Lax`));
    const secret = csrfSecretFrom(cookie.split(";")[0])!;
    expect(token).toBe(csrfTokenFor(secret));
  });
});
