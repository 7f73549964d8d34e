import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { loader as loginLoader, action as loginAction } from "~/routes/login";
import { action as logoutAction, loader as logoutLoader } from "~/routes/logout";
import { loader as myListLoader } from "~/routes/my-list";
import { loader as registerLoader, action as registerAction } from "~/routes/register";
import { CSRF_COOKIE, csrfTokenFor, newCsrfSecret } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { getUserId } from "~/utils/session.server";
import { getRequest, postForm, setCookieFor, TEST_USER_AGENT } from "../helpers/requests";
import { callRoute, dataOf, TEST_CLIENT_IP } from "../helpers/route";
import {
  createUser,
  registerUser,
  SESSION_COOKIE,
  sessionCookieFrom,
  signIn,
  TEST_PASSWORD,
  uniqueEmail,
} from "../helpers/users";
import { subjectKey } from "~/models/throttle.server";

function register(fields: Record<string, string>) {
  return callRoute(registerAction, postForm("/register", fields));
}

function login(fields: Record<string, string>) {
  return callRoute(loginAction, postForm("/login", fields));
}

describe("register", () => {
  it("creates the user with a bcrypt hash, a normalised email and an audit row, and signs them in", async () => {
    const raw = uniqueEmail("NewViewer").toUpperCase();
    const email = raw.toLowerCase();
    const password = "a good long passphrase";

    const result = await register({ name: "  Mei Ling ", email: `  ${raw} `, password, redirectTo: "/my-list" });

    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/my-list");

    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.name).toBe("Mei Ling");
    expect(user.role).toBe("USER");
    expect(user.password).not.toBeNull();
    expect(user.password).not.toContain(password);
    expect(user.password).toMatch(/^\$2[aby]\$\d\d\$/);
    expect(bcrypt.getRounds(user.password ?? "")).toBeGreaterThanOrEqual(10);
    expect(await bcrypt.compare(password, user.password ?? "")).toBe(true);

    // REGISTER, then the confirmation mail's EMAIL_VERIFICATION_REQUEST (docs/email.md).
    const audit = await prisma.auditLog.findMany({ where: { userId: user.id, action: "REGISTER" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "REGISTER",
      entityType: "User",
      entityId: user.id,
      ipAddress: TEST_CLIENT_IP,
      userAgent: TEST_USER_AGENT,
    });
    expect(JSON.stringify(audit[0])).not.toContain(password);

    const setCookie = setCookieFor(result.headers, SESSION_COOKIE) ?? "";
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
    expect(setCookie).toMatch(/; Path=\//i);
    expect(setCookie).toMatch(/; Max-Age=\d+/i);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);

    const cookie = sessionCookieFrom(result.headers);
    expect(await getUserId(getRequest("/", { cookie }))).toBe(user.id);
  });

  it("answers invalid input with 400, field message keys and nothing stored", async () => {
    const email = uniqueEmail("invalid");
    const users = await prisma.user.count();
    const audits = await prisma.auditLog.count();

    const result = await register({ name: "", email: "not-an-email", password: "short" });

    expect(result.status).toBe(400);
    expect(result.headers.get("Set-Cookie")).toBeNull();
    expect(dataOf(result).errors).toEqual({
      name: "form.name.required",
      email: "form.email.invalid",
      password: "form.password.tooShort",
    });
    expect(dataOf(result).values).toEqual({ name: "", email: "not-an-email" });

    const tooLong = await register({ name: "Mei", email, password: "é".repeat(37) });
    expect(tooLong.status).toBe(400);
    expect(dataOf(tooLong).errors).toEqual({ password: "email.password.tooLong" });

    expect(await prisma.user.count()).toBe(users);
    expect(await prisma.auditLog.count()).toBe(audits);
  });

  it("never says an email is taken: same neutral redirect, no session, the account untouched", async () => {
    const existing = await registerUser();
    const result = await register({
      name: "Someone Else",
      email: existing.email.toUpperCase(),
      password: "another password",
    });

    // tests/integration/register.test.ts covers the owner's notice mail and the audit row.
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/verify-email?sent=1");
    expect(result.headers.get("Set-Cookie")).toBeNull();
    expect(await prisma.user.count({ where: { email: existing.email } })).toBe(1);
    const row = await prisma.user.findUniqueOrThrow({ where: { email: existing.email } });
    expect(row.name).toBe(existing.name);
  });

  it("ignores an unsafe redirectTo", async () => {
    const result = await register({
      name: "Mei",
      email: uniqueEmail(),
      password: TEST_PASSWORD,
      redirectTo: "//evil.com",
    });
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/");
  });

  it("sends a signed-in viewer away from the register and sign-in pages", async () => {
    const user = await createUser();
    for (const loader of [registerLoader, loginLoader]) {
      const result = await callRoute(loader, getRequest("/register", { cookie: user.cookie }));
      expect(result.thrown).toBe(true);
      expect(result.headers.get("Location")).toBe("/");
    }
    const anonymous = await callRoute(loginLoader, getRequest("/login?redirectTo=//evil.com"));
    expect(dataOf(anonymous).redirectTo).toBe("/");
  });

  it("refuses a registration posted by a signed-in viewer and creates no second account", async () => {
    const user = await createUser();
    const email = uniqueEmail();
    const result = await callRoute(
      registerAction,
      postForm("/register", { name: "Second", email, password: TEST_PASSWORD }, { cookie: user.cookie }),
    );
    expect(result.thrown).toBe(true);
    expect(result.headers.get("Location")).toBe("/");
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });
});

describe("sign in", () => {
  it("redirects to a safe redirectTo, creates a session and writes LOGIN_SUCCESS", async () => {
    const user = await createUser();
    const before = await prisma.session.count({ where: { userId: user.id } });

    const result = await login({ email: user.email, password: user.password, redirectTo: "/browse?genre=romance" });

    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/browse?genre=romance");
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(before + 1);
    const cookie = sessionCookieFrom(result.headers);
    expect(await getUserId(getRequest("/", { cookie }))).toBe(user.id);

    const audit = await prisma.auditLog.findMany({ where: { userId: user.id, action: "LOGIN_SUCCESS" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ ipAddress: TEST_CLIENT_IP, userAgent: TEST_USER_AGENT });
  });

  it("accepts the email in any case and with spaces", async () => {
    const user = await createUser();
    const result = await login({ email: `  ${user.email.toUpperCase()} `, password: user.password });
    expect(result.status).toBe(303);
  });

  it("issues a fresh token on every sign-in", async () => {
    const user = await createUser();
    const first = await signIn(user.email, user.password);
    const second = await signIn(user.email, user.password);
    expect(first).not.toBe(user.cookie);
    expect(second).not.toBe(first);
    const rows = await prisma.session.findMany({ where: { userId: user.id }, select: { sessionToken: true } });
    expect(new Set(rows.map((row) => row.sessionToken)).size).toBe(3);
  });

  it("answers a wrong password and an unknown email the same way, and logs the failure without the password", async () => {
    const user = await createUser();
    const unknownEmail = uniqueEmail("nobody");
    const wrongPassword = "definitely-wrong-password";

    const wrong = await login({ email: user.email, password: wrongPassword });
    const unknown = await login({ email: unknownEmail, password: wrongPassword });

    for (const result of [wrong, unknown]) {
      expect(result.status).toBe(400);
      expect(result.headers.get("Set-Cookie")).toBeNull();
      expect(dataOf(result).formError).toBe("login.invalid");
      expect(dataOf(result).errors).toEqual({});
    }
    expect(dataOf(wrong).email).toBe(user.email);
    expect(dataOf(unknown).email).toBe(unknownEmail);

    // Counted per email as its HMAC: the email itself (maybe a typo, maybe someone else's) is never stored.
    const subjects = [subjectKey(user.email), subjectKey(unknownEmail)];
    const mine = await prisma.auditLog.findMany({ where: { action: "LOGIN_FAILURE", entityId: { in: subjects } } });
    expect(mine).toHaveLength(2);
    for (const row of mine) {
      expect(row.entityType).toBe("Subject");
      expect(JSON.stringify(row)).not.toContain(unknownEmail);
      expect(row.userId).toBeNull();
      expect(row.ipAddress).toBe(TEST_CLIENT_IP);
      expect(JSON.stringify(row)).not.toContain(wrongPassword);
    }
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("answers a missing password with a field message and no audit row", async () => {
    const user = await createUser();
    const failuresBefore = await prisma.auditLog.count({ where: { action: "LOGIN_FAILURE" } });
    const result = await login({ email: user.email, password: "" });
    expect(result.status).toBe(400);
    expect(dataOf(result).errors).toEqual({ password: "form.password.required" });
    expect(await prisma.auditLog.count({ where: { action: "LOGIN_FAILURE" } })).toBe(failuresBefore);
  });

  it.each(["//evil.com", "https://evil.com/", "/\\evil.com", "javascript:alert(1)", "/.//evil.com"])(
    "ends at / when redirectTo is unsafe (%s)",
    async (redirectTo) => {
      const user = await createUser();
      const result = await login({ email: user.email, password: user.password, redirectTo });
      expect(result.status).toBe(303);
      expect(result.headers.get("Location")).toBe("/");
    },
  );
});

describe("sign out", () => {
  it("deletes the session, clears the cookie, writes LOGOUT, and the old cookie stops working", async () => {
    const user = await registerUser();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);

    const result = await callRoute(logoutAction, postForm("/logout", {}, { cookie: user.cookie }));

    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/");
    const cleared = setCookieFor(result.headers, SESSION_COOKIE) ?? "";
    expect(cleared).toMatch(/^dracin_session=;/);
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(setCookieFor(result.headers, "dracin_flash")).toBeDefined();

    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    const audit = await prisma.auditLog.findMany({ where: { userId: user.id, action: "LOGOUT" } });
    expect(audit).toHaveLength(1);
    expect(audit[0].ipAddress).toBe(TEST_CLIENT_IP);

    expect(await getUserId(getRequest("/", { cookie: user.cookie }))).toBeNull();
    const myList = await callRoute(myListLoader, getRequest("/my-list", { cookie: user.cookie }));
    expect(myList.status).toBe(303);
    expect(myList.headers.get("Location")).toBe("/login?redirectTo=%2Fmy-list");
  });

  it("signs out only the session that asked", async () => {
    const user = await createUser();
    const other = await signIn(user.email, user.password);
    await callRoute(logoutAction, postForm("/logout", {}, { cookie: user.cookie }));
    expect(await getUserId(getRequest("/", { cookie: other }))).toBe(user.id);
  });

  it("works for a browser that sends neither Origin nor Sec-Fetch-Site, with the form's token alone", async () => {
    // Older phones' browsers and text browsers: the sign-out form's _csrf field is their proof.
    const user = await createUser();
    const secret = newCsrfSecret();
    const post = (fields: Record<string, string>) =>
      new Request("http://localhost/logout", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Cookie: `${user.cookie}; ${CSRF_COOKIE}=${secret}`,
        },
        body: new URLSearchParams(fields),
      });
    const refused = await callRoute(logoutAction, post({ _csrf: "not-the-token" }));
    expect(refused.status).toBe(403);
    expect(await getUserId(getRequest("/", { cookie: user.cookie }))).toBe(user.id);

    const signedOut = await callRoute(logoutAction, post({ _csrf: csrfTokenFor(secret) }));
    expect(signedOut.status).toBe(303);
    expect(await getUserId(getRequest("/", { cookie: user.cookie }))).toBeNull();
  });

  it("is harmless when nobody is signed in, and GET does not sign out", async () => {
    const anonymous = await callRoute(logoutAction, postForm("/logout", {}));
    expect(anonymous.status).toBe(303);
    expect(await prisma.auditLog.count({ where: { action: "LOGOUT", userId: null } })).toBe(0);

    const user = await createUser();
    const get = await callRoute(logoutLoader, getRequest("/logout", { cookie: user.cookie }));
    expect(get.status).toBe(302);
    expect(await getUserId(getRequest("/", { cookie: user.cookie }))).toBe(user.id);
  });

  it("rejects a tampered session cookie", async () => {
    const user = await createUser();
    const [name, value] = user.cookie.split("=");
    const tampered = `${name}=${value.slice(0, -4)}AAAA`;
    expect(await getUserId(getRequest("/", { cookie: tampered }))).toBeNull();
  });
});
