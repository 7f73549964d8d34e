/**
 * "Forgot password" and the reset link, through a real SMTP server: the same
 * answer whether or not an account exists, mail only for accounts, a link
 * that works once for an hour and ends every session.
 */
import bcrypt from "bcryptjs";
import { afterAll, describe, expect, it, vi } from "vitest";

const { sink } = await vi.hoisted(async () => {
  const { startSmtpSink } = await import("../helpers/smtp-sink");
  const started = await startSmtpSink();
  process.env.SMTP_URL = started.url;
  return { sink: started };
});

import { action as accountAction } from "~/routes/account";
import { action as forgotAction, loader as forgotLoader } from "~/routes/forgot-password";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password";
import { subjectKey } from "~/models/throttle.server";
import { prisma } from "~/utils/db.server";
import { flushMail } from "~/utils/mail.server";
import { getUserId } from "~/utils/session.server";
import { getRequest, postForm, setCookieFor } from "../helpers/requests";
import { callRoute, dataOf } from "../helpers/route";
import { linkIn } from "../helpers/smtp-sink";
import { createUser, signIn, uniqueEmail } from "../helpers/users";

const NEW_PASSWORD = "lantern river pepper kite";

afterAll(async () => {
  await flushMail();
  await sink.stop();
});

function forgot(email: string) {
  return callRoute(forgotAction, postForm("/forgot-password", { email }));
}

/** Asks for a reset and returns the secret from the mailed link. */
async function resetTokenFor(email: string): Promise<string> {
  const before = sink.to(email).length;
  expect((await forgot(email)).status).toBe(303);
  await flushMail();
  const mails = sink.to(email);
  expect(mails).toHaveLength(before + 1);
  const link = new URL(linkIn(mails[mails.length - 1], "/reset-password"));
  return link.searchParams.get("token") ?? "";
}

function reset(token: string, password: string, confirmPassword = password, cookie?: string) {
  return callRoute(resetAction, postForm("/reset-password", { token, password, confirmPassword }, { cookie }));
}

describe("forgot password", () => {
  it("answers a known and an unknown address identically and mails only the known one", async () => {
    const user = await createUser();
    const unknown = uniqueEmail("nobody");

    const known = await forgot(user.email.toUpperCase());
    const missing = await forgot(unknown);
    for (const result of [known, missing]) {
      expect(result.status).toBe(303);
      expect(result.headers.get("Location")).toBe("/forgot-password?sent=1");
      expect(result.headers.get("Set-Cookie")).toBeNull();
      expect(result.text).toBe("");
    }
    expect([...known.headers.keys()].sort()).toEqual([...missing.headers.keys()].sort());

    await flushMail();
    const mails = sink.to(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Reset your Dracin password");
    expect(mails[0].text).toContain("1 hour");
    expect(sink.to(unknown)).toHaveLength(0);

    const page = dataOf(await callRoute(forgotLoader, getRequest("/forgot-password?sent=1")));
    expect(page.sent).toBe(true);
  });

  it("audits both requests under the email's HMAC, never the raw unknown address", async () => {
    const user = await createUser();
    const unknown = uniqueEmail("ghost");
    await forgot(user.email);
    await forgot(unknown);

    const knownRows = await prisma.auditLog.findMany({
      where: { action: "PASSWORD_RESET_REQUEST", entityId: subjectKey(user.email) },
    });
    expect(knownRows).toHaveLength(1);
    expect(knownRows[0]).toMatchObject({ userId: user.id, entityType: "Subject" });
    const unknownRows = await prisma.auditLog.findMany({
      where: { action: "PASSWORD_RESET_REQUEST", entityId: subjectKey(unknown) },
    });
    expect(unknownRows).toHaveLength(1);
    expect(unknownRows[0]).toMatchObject({ userId: null, entityType: "Subject" });

    const everything = JSON.stringify(await prisma.auditLog.findMany());
    expect(everything).not.toContain(unknown);
    expect(everything.toLowerCase()).not.toContain(unknown.split("@")[0].toLowerCase());
    expect(await prisma.verificationToken.count({ where: { identifier: { contains: unknown } } })).toBe(0);
  });

  it("answers bad input with 400 and a field message, storing nothing", async () => {
    const audits = await prisma.auditLog.count();
    const tokens = await prisma.verificationToken.count();
    for (const email of ["", "not-an-email", "a".repeat(300) + "@example.com"]) {
      const result = await forgot(email);
      expect(result.status).toBe(400);
      expect(dataOf(result).errors.email).toMatch(/^form\.email\./);
    }
    expect(await prisma.auditLog.count()).toBe(audits);
    expect(await prisma.verificationToken.count()).toBe(tokens);
  });

  it("throttles 3 requests an hour per address with 429 and Retry-After, known or not", async () => {
    const user = await createUser();
    const unknown = uniqueEmail("spam");
    for (const email of [user.email, unknown]) {
      for (let i = 0; i < 3; i += 1) expect((await forgot(email)).status).toBe(303);
      const refused = await forgot(email);
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get("Retry-After"));
      expect(retryAfter).toBeGreaterThan(55 * 60);
      expect(retryAfter).toBeLessThanOrEqual(60 * 60);
      expect(dataOf(refused).formError).toBe("Too many attempts. Please wait 60 minutes and try again.");
    }
    await flushMail();
    expect(sink.to(user.email)).toHaveLength(3);
    // A new request replaces the older links: only the newest works.
    expect(await prisma.verificationToken.count({ where: { identifier: `reset-password:${user.email}` } })).toBe(1);
  });
});

describe("reset password", () => {
  it("shows the form for a valid link, with a one-hour lifetime", async () => {
    const user = await createUser();
    const token = await resetTokenFor(user.email);
    const page = await callRoute(resetLoader, getRequest(`/reset-password?token=${token}`));
    expect(page.status).toBe(200);
    expect(dataOf(page)).toMatchObject({ state: "form", token, email: user.email });
    const row = await prisma.verificationToken.findFirstOrThrow({
      where: { identifier: `reset-password:${user.email}` },
    });
    const lifetime = row.expires.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(59 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(60 * 60_000);
  });

  it("changes the password once, ends every session, confirms the email and sends to sign-in", async () => {
    const user = await createUser();
    const second = await signIn(user.email, user.password);
    const token = await resetTokenFor(user.email);

    const result = await reset(token, NEW_PASSWORD, NEW_PASSWORD, user.cookie);
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/login");
    expect(setCookieFor(result.headers, "dracin_flash")).toBeDefined();
    expect(setCookieFor(result.headers, "dracin_session")).toMatch(/Max-Age=0/);

    // Every session is gone: both old cookies no longer sign anyone in.
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await getUserId(getRequest("/", { cookie: user.cookie }))).toBeNull();
    expect(await getUserId(getRequest("/", { cookie: second }))).toBeNull();

    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await bcrypt.compare(NEW_PASSWORD, row.password ?? "")).toBe(true);
    expect(bcrypt.getRounds(row.password ?? "")).toBeGreaterThanOrEqual(10);
    expect(row.emailVerified).toBeInstanceOf(Date);
    const audit = await prisma.auditLog.findMany({ where: { action: "PASSWORD_RESET", userId: user.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0].metadata).toEqual({ signedOutDevices: 2 });
    expect(JSON.stringify(audit)).not.toContain(token);

    await expect(signIn(user.email, user.password)).rejects.toThrow(/failed/);
    expect(await getUserId(getRequest("/", { cookie: await signIn(user.email, NEW_PASSWORD) }))).toBe(user.id);

    // The link works once.
    const again = await reset(token, "another fine passphrase here");
    expect(again.status).toBe(400);
    expect(dataOf(again).state).toBe("invalid");
    expect((await callRoute(resetLoader, getRequest(`/reset-password?token=${token}`))).status).toBe(400);
  });

  it("keeps the link usable when the new password is refused, and says why", async () => {
    const user = await createUser({ name: "Siti Rahma" });
    const token = await resetTokenFor(user.email);
    const cases: [string, string, Record<string, string>][] = [
      ["password123", "password123", { password: "email.password.common" }],
      ["short", "short", { password: "form.password.tooShort" }],
      ["é".repeat(37), "é".repeat(37), { password: "email.password.tooLong" }],
      ["sitirahma forever 1", "sitirahma forever 1", { password: "email.password.personal" }],
      [NEW_PASSWORD, "something else entirely", { confirmPassword: "email.password.mismatch" }],
    ];
    for (const [password, confirm, errors] of cases) {
      const result = await reset(token, password, confirm);
      expect(result.status).toBe(400);
      expect(dataOf(result)).toMatchObject({ state: "form", token, errors });
    }
    expect(await prisma.auditLog.count({ where: { action: "PASSWORD_RESET", userId: user.id } })).toBe(0);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
    expect((await reset(token, NEW_PASSWORD)).status).toBe(303);
  });

  it("refuses an expired link with 410 and unknown links with 400, changing nothing", async () => {
    const user = await createUser();
    const token = await resetTokenFor(user.email);
    await prisma.verificationToken.updateMany({
      where: { identifier: `reset-password:${user.email}` },
      data: { expires: new Date(Date.now() - 1000) },
    });
    const page = await callRoute(resetLoader, getRequest(`/reset-password?token=${token}`));
    expect(page.status).toBe(410);
    expect(dataOf(page).state).toBe("expired");
    const post = await reset(token, NEW_PASSWORD);
    expect(post.status).toBe(410);

    for (const bad of ["", "nope", "A".repeat(43)]) {
      expect((await callRoute(resetLoader, getRequest(`/reset-password?token=${bad}`))).status).toBe(400);
      expect((await reset(bad, NEW_PASSWORD)).status).toBe(400);
    }
    expect((await callRoute(resetLoader, getRequest("/reset-password"))).status).toBe(400);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await bcrypt.compare(user.password, row.password ?? "")).toBe(true);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("accepts only the newest link after a second request", async () => {
    const user = await createUser();
    const first = await resetTokenFor(user.email);
    const second = await resetTokenFor(user.email);
    expect((await reset(first, NEW_PASSWORD)).status).toBe(400);
    expect((await reset(second, NEW_PASSWORD)).status).toBe(303);
  });
});

describe("password change on /account", () => {
  it("applies the same policy, with the reason next to the new password", async () => {
    const user = await createUser({ name: "Dewi Lestari" });
    const change = (newPassword: string) =>
      callRoute(
        accountAction,
        postForm(
          "/account",
          { intent: "password", currentPassword: user.password, newPassword },
          { cookie: user.cookie },
        ),
      );
    for (const [password, reason] of [
      ["sayangkamu", "email.password.guessable"],
      ["qwertyuiop", "email.password.common"],
      ["lestari river kite", "email.password.personal"],
      ["a".repeat(73), "email.password.tooLong"],
    ]) {
      const refused = await change(password);
      expect(refused.status, password).toBe(400);
      expect(dataOf(refused)).toMatchObject({ intent: "password", errors: { newPassword: reason } });
    }
    expect(await prisma.auditLog.count({ where: { action: "PASSWORD_CHANGE", userId: user.id } })).toBe(0);
    expect((await change(NEW_PASSWORD)).status).toBe(303);
    expect(await prisma.auditLog.count({ where: { action: "PASSWORD_CHANGE", userId: user.id } })).toBe(1);
  });
});
