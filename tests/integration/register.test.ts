/**
 * Registration with the password policy, the confirmation mail and the rules
 * that keep it from telling whether an email has an account. No SMTP_URL
 * here: mail goes to the outbox folder (DATA_DIR/outbox), as in development.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";

// Log at info level into memory, to check what the outbox mode logs (and what it never logs).
vi.hoisted(() => {
  process.env.LOG_LEVEL = "info";
});
import { setLogDestination } from "~/utils/log.server";
import { action as forgotAction } from "~/routes/forgot-password";
import { subjectKey } from "~/models/throttle.server";
import { action as registerAction } from "~/routes/register";
import { prisma } from "~/utils/db.server";
import { flushMail, outboxDir } from "~/utils/mail.server";
import { postForm, setCookieFor } from "../helpers/requests";
import { callRoute, dataOf } from "../helpers/route";
import { linkIn, parseMail, type ReceivedMail } from "../helpers/smtp-sink";
import { registerUser, uniqueEmail } from "../helpers/users";

const logLines: string[] = [];
setLogDestination({ write: (line: string) => void logLines.push(line) });

function register(fields: Record<string, string>, headers?: Record<string, string>) {
  return callRoute(registerAction, postForm("/register", fields, { headers }));
}

async function outboxFor(email: string): Promise<ReceivedMail[]> {
  await flushMail();
  const dir = outboxDir();
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".eml"))
    .sort()
    .map((name) => parseMail(fs.readFileSync(path.join(dir, name), "utf8")))
    .filter((mail) => mail.to.includes(email));
}

describe("register", () => {
  it("signs the new viewer in and writes the confirmation mail to the outbox", async () => {
    const email = uniqueEmail("outbox");
    const result = await register({
      name: "Budi",
      email,
      password: "lantern river pepper kite",
      redirectTo: "/my-list",
    });
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/my-list");
    expect(setCookieFor(result.headers, "dracin_session")).toBeDefined();

    expect(outboxDir()).toBe(path.resolve(process.env.DATA_DIR ?? "", "outbox"));
    const mails = await outboxFor(email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Confirm your email address for Dracin");
    expect(linkIn(mails[0], "/verify-email")).toMatch(
      /^http:\/\/localhost:3000\/verify-email\?token=[A-Za-z0-9_-]{43}$/,
    );
    // Sortable by time: ISO timestamp first.
    for (const name of fs.readdirSync(outboxDir()))
      expect(name).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-[0-9a-f]{8}\.eml$/);
  });

  it("logs one line per mail (recipient, subject, file) and never the link or its token", async () => {
    const email = uniqueEmail("logged");
    await register({ name: "Logged", email, password: "lantern river pepper kite" });
    await callRoute(forgotAction, postForm("/forgot-password", { email }));
    const mails = await outboxFor(email);
    expect(mails.map((mail) => mail.subject).sort()).toEqual([
      "Confirm your email address for Dracin",
      "Reset your Dracin password",
    ]);

    const lines = logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.to === email);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatchObject({ level: "info", msg: "mail written to the outbox" });
      expect(String(line.file)).toMatch(/\.eml$/);
    }
    const everything = logLines.join("\n");
    for (const mail of mails) {
      const link = linkIn(mail, mail.subject.startsWith("Confirm") ? "/verify-email" : "/reset-password");
      const token = new URL(link).searchParams.get("token") ?? "";
      expect(token).toHaveLength(43);
      expect(everything).not.toContain(token);
    }
    expect(everything).not.toContain("token=");
  });

  it("refuses a guessable password with a reason, storing nothing", async () => {
    const users = await prisma.user.count();
    const audits = await prisma.auditLog.count();
    const email = uniqueEmail("weak");
    const cases: [string, string][] = [
      ["password123", "email.password.common"],
      ["qwertyuiop", "email.password.common"],
      ["sayangkamu", "email.password.guessable"],
      [`${email.split("@")[0]}!!`, "email.password.personal"],
      ["budiman santoso 9", "email.password.personal"],
    ];
    for (const [password, reason] of cases) {
      const result = await register({ name: "Budiman Santoso", email, password });
      expect(result.status, password).toBe(400);
      expect(dataOf(result).errors).toEqual({ password: reason });
      expect(dataOf(result).values).toEqual({ name: "Budiman Santoso", email });
      expect(JSON.stringify(dataOf(result))).not.toContain(password);
      expect(result.headers.get("Set-Cookie")).toBeNull();
    }
    expect(await prisma.user.count()).toBe(users);
    expect(await prisma.auditLog.count()).toBe(audits);
    expect(await outboxFor(email)).toHaveLength(0);
  });

  it("answers a taken email with the neutral page, tells the owner once an hour, and audits only the email's HMAC", async () => {
    const owner = await registerUser({ name: "Owner" });
    const sessions = await prisma.session.count();
    const attempt = { name: "Someone Else", email: owner.email.toUpperCase(), password: "another fine passphrase" };

    const result = await register(attempt);
    expect(result.status).toBe(303);
    expect(result.headers.get("Location")).toBe("/verify-email?sent=1");
    expect(result.headers.get("Set-Cookie")).toBeNull();
    expect(await prisma.session.count()).toBe(sessions);
    const row = await prisma.user.findUniqueOrThrow({ where: { email: owner.email } });
    expect(row.name).toBe("Owner");

    const notices = (await outboxFor(owner.email)).filter((mail) => mail.subject.startsWith("Someone tried"));
    expect(notices).toHaveLength(1);
    expect(notices[0].text).toContain("http://localhost:3000/forgot-password");
    expect(notices[0].text).not.toContain("another fine passphrase");

    const audit = await prisma.auditLog.findMany({ where: { action: "REGISTER", entityId: subjectKey(owner.email) } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityType: "Subject", userId: owner.id });
    expect(JSON.stringify(audit)).not.toContain(owner.email);

    // A second try within the hour: same answer, no second notice.
    const again = await register(attempt);
    expect(again.headers.get("Location")).toBe("/verify-email?sent=1");
    expect((await outboxFor(owner.email)).filter((mail) => mail.subject.startsWith("Someone tried"))).toHaveLength(1);
  });

  it("refuses a cross-site form post", async () => {
    const email = uniqueEmail("csrf");
    const result = await register(
      { name: "Mallory", email, password: "lantern river pepper kite" },
      { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    );
    expect(result.status).toBe(403);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  // Last: it uses up this file's registrations from the test IP.
  it("throttles registrations per IP (taken emails count too) with 429 and Retry-After", async () => {
    const since = new Date(Date.now() - 60 * 60_000);
    const used = await prisma.auditLog.count({
      where: { action: "REGISTER", ipAddress: "127.0.0.1", timestamp: { gt: since } },
    });
    for (let i = used; i < 10; i += 1) {
      const result = await register({
        name: "Bulk",
        email: uniqueEmail("bulk"),
        password: "lantern river pepper kite",
      });
      expect(result.status).toBe(303);
    }
    const email = uniqueEmail("refused");
    const users = await prisma.user.count();
    const refused = await register({ name: "Late", email, password: "lantern river pepper kite" });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(dataOf(refused).formError).toMatch(/^Too many attempts\. Please wait \d+ minutes? and try again\.$/);
    expect(dataOf(refused).values.email).toBe(email);
    expect(refused.headers.get("Set-Cookie")).toBeNull();
    expect(await prisma.user.count()).toBe(users);
  });
});
