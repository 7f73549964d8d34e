/**
 * Email confirmation through a real SMTP server: registration mails a link,
 * the link confirms the address once, the banner's "Resend email" is
 * throttled. The app's mailer is pointed at the sink before anything reads
 * the environment (getEnv() caches it; this file runs in its own process).
 */
import crypto from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";

const { sink } = await vi.hoisted(async () => {
  const { startSmtpSink } = await import("../helpers/smtp-sink");
  const started = await startSmtpSink();
  process.env.SMTP_URL = started.url;
  return { sink: started };
});

vi.mock("~/utils/assets.server", () => import("../helpers/test-assets"));

import { loader as rootLoader } from "~/root";
import { action as verifyAction, loader as verifyLoader } from "~/routes/verify-email";
import { prisma } from "~/utils/db.server";
import { flushMail } from "~/utils/mail.server";
import { getRequest, postForm, setCookieFor } from "../helpers/requests";
import { callRoute, dataOf } from "../helpers/route";
import { linkIn, type ReceivedMail } from "../helpers/smtp-sink";
import { createUser, registerUser, uniqueEmail } from "../helpers/users";

afterAll(async () => {
  await flushMail();
  await sink.stop();
});

function mailTo(email: string): Promise<ReceivedMail> {
  return sink.waitFor((mail) => mail.to.includes(email) && mail.subject.includes("Confirm"));
}

/** The path and query of the link in a mail (the app's origin in tests is http://localhost:3000). */
function verifyPath(mail: ReceivedMail): string {
  const link = new URL(linkIn(mail, "/verify-email"));
  expect(link.origin).toBe("http://localhost:3000");
  return `${link.pathname}${link.search}`;
}

function tokenOf(path: string): string {
  return new URL(path, "http://x").searchParams.get("token") ?? "";
}

function resend(cookie: string, fields: Record<string, string> = { intent: "resend", redirectTo: "/my-list" }) {
  return callRoute(verifyAction, postForm("/verify-email", fields, { cookie }));
}

describe("registration sends a confirmation link", () => {
  it("mails a link over SMTP, stores only its hash, and records EMAIL_VERIFICATION_REQUEST", async () => {
    const user = await registerUser({ name: "Mei <b>Ling</b>" });
    const mail = await mailTo(user.email);

    expect(mail.from).toContain("no-reply@");
    expect(mail.subject).toBe("Confirm your email address for Dracin");
    expect(mail.text).toContain("Hello Mei <b>Ling</b>,");
    // User data is escaped in the HTML part.
    expect(mail.html).toContain("Hello Mei &lt;b&gt;Ling&lt;/b&gt;,");
    expect(mail.html).not.toContain("<b>Ling</b>");
    const token = tokenOf(verifyPath(mail));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mail.html).toContain(token);

    const rows = await prisma.verificationToken.findMany({ where: { identifier: `verify-email:${user.email}` } });
    expect(rows).toHaveLength(1);
    expect(rows[0].token).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect(rows[0].token).not.toContain(token);
    const lifetime = rows[0].expires.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(23.9 * 3600_000);
    expect(lifetime).toBeLessThanOrEqual(24 * 3600_000);

    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { emailVerified: true } });
    expect(row.emailVerified).toBeNull();
    const audit = await prisma.auditLog.findMany({
      where: { action: "EMAIL_VERIFICATION_REQUEST", entityId: user.id },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ userId: user.id, entityType: "User" });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("shows the banner to a signed-in viewer until the address is confirmed", async () => {
    const user = await registerUser();
    const before = dataOf(await callRoute(rootLoader, getRequest("/", { cookie: user.cookie })));
    expect(before.unverifiedEmail).toBe(user.email);

    const path = verifyPath(await mailTo(user.email));
    await callRoute(verifyLoader, getRequest(path, { cookie: user.cookie }));

    const after = dataOf(await callRoute(rootLoader, getRequest("/", { cookie: user.cookie })));
    expect(after.unverifiedEmail).toBeNull();
    const anonymous = dataOf(await callRoute(rootLoader, getRequest("/")));
    expect(anonymous.unverifiedEmail).toBeNull();
  });
});

describe("the confirmation link", () => {
  it("confirms the address without a session, once, and writes EMAIL_VERIFIED", async () => {
    const user = await registerUser();
    const path = verifyPath(await mailTo(user.email));

    const result = await callRoute(verifyLoader, getRequest(path));
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/verify-email?verified=1");
    expect(setCookieFor(result.headers, "dracin_flash")).toBeDefined();

    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { emailVerified: true } });
    expect(row.emailVerified).toBeInstanceOf(Date);
    expect(await prisma.verificationToken.count({ where: { identifier: `verify-email:${user.email}` } })).toBe(0);
    const audit = await prisma.auditLog.findMany({ where: { action: "EMAIL_VERIFIED", userId: user.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0].entityId).toBe(user.id);

    const done = await callRoute(verifyLoader, getRequest("/verify-email?verified=1"));
    expect(dataOf(done).view.kind).toBe("verified");

    // The same link again: 400 and a way to ask for a new one.
    const again = await callRoute(verifyLoader, getRequest(path));
    expect(again.status).toBe(400);
    expect(dataOf(again).view.kind).toBe("invalid");
    expect(await prisma.auditLog.count({ where: { action: "EMAIL_VERIFIED", userId: user.id } })).toBe(1);
  });

  it("answers an expired link with 410 and deletes it, and unknown or malformed tokens with 400", async () => {
    const user = await registerUser();
    const path = verifyPath(await mailTo(user.email));
    await prisma.verificationToken.updateMany({
      where: { identifier: `verify-email:${user.email}` },
      data: { expires: new Date(Date.now() - 1000) },
    });

    const expired = await callRoute(verifyLoader, getRequest(path));
    expect(expired.status).toBe(410);
    expect(dataOf(expired).view.kind).toBe("expired");
    expect(await prisma.verificationToken.count({ where: { identifier: `verify-email:${user.email}` } })).toBe(0);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { emailVerified: true } });
    expect(row.emailVerified).toBeNull();

    for (const token of ["", "x", "A".repeat(43), "<script>", "a".repeat(5000)]) {
      const result = await callRoute(verifyLoader, getRequest(`/verify-email?${new URLSearchParams({ token })}`));
      expect(result.status).toBe(400);
    }
  });

  it("does nothing when the address no longer belongs to an account", async () => {
    const user = await registerUser();
    const path = verifyPath(await mailTo(user.email));
    await prisma.user.delete({ where: { id: user.id } });
    const result = await callRoute(verifyLoader, getRequest(path));
    expect(result.status).toBe(400);
    expect(await prisma.auditLog.count({ where: { action: "EMAIL_VERIFIED", entityId: user.id } })).toBe(0);
  });
});

describe("resend", () => {
  it("mails a new link and comes back with a notice; a refused resend is 429 with Retry-After", async () => {
    const user = await registerUser();
    await mailTo(user.email);

    // Registration's mail counts: 3 per 15 minutes per user.
    for (let i = 0; i < 2; i += 1) {
      const result = await resend(user.cookie);
      expect(result.status).toBe(303);
      expect(result.headers.get("Location")).toBe("/my-list");
      expect(setCookieFor(result.headers, "dracin_flash")).toBeDefined();
    }
    await flushMail();
    expect(sink.to(user.email)).toHaveLength(3);
    // Earlier links stay valid until one is used.
    expect(await prisma.verificationToken.count({ where: { identifier: `verify-email:${user.email}` } })).toBe(3);

    const refused = await resend(user.cookie);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(dataOf(refused).formError).toMatch(/^Too many attempts\. Please wait 1[45] minutes and try again\.$/);
    await flushMail();
    expect(sink.to(user.email)).toHaveLength(3);
    expect(await prisma.auditLog.count({ where: { action: "EMAIL_VERIFICATION_REQUEST", entityId: user.id } })).toBe(3);

    // Another user is not affected.
    const other = await registerUser();
    expect((await resend(other.cookie)).status).toBe(303);
  });

  it("tells a confirmed viewer so, without mailing; refuses visitors and unknown intents", async () => {
    const user = await createUser();
    await prisma.user.update({ where: { id: user.id }, data: { emailVerified: new Date() } });
    const done = await resend(user.cookie);
    expect(done.status).toBe(303);
    await flushMail();
    expect(sink.to(user.email)).toHaveLength(0);

    const anonymous = await callRoute(verifyAction, postForm("/verify-email", { intent: "resend" }));
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);

    const unverified = await createUser();
    const bad = await resend(unverified.cookie, { intent: "delete-everything" });
    expect(bad.status).toBe(400);
    expect(await prisma.auditLog.count({ where: { entityId: unverified.id } })).toBe(0);

    const unsafe = await resend(unverified.cookie, { intent: "resend", redirectTo: "//evil.example" });
    expect(unsafe.headers.get("Location")).toBe("/verify-email");
  });

  it("shows the viewer's state on /verify-email", async () => {
    const user = await createUser({ email: uniqueEmail("state") });
    expect(dataOf(await callRoute(verifyLoader, getRequest("/verify-email", { cookie: user.cookie }))).view).toEqual({
      kind: "pending",
      email: user.email,
    });
    expect(dataOf(await callRoute(verifyLoader, getRequest("/verify-email"))).view.kind).toBe("signedOut");
    expect(dataOf(await callRoute(verifyLoader, getRequest("/verify-email?sent=1"))).view.kind).toBe("sent");
  });
});
