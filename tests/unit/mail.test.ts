/**
 * The mailer without a mail server: outbox mode (no SMTP_URL) writes .eml
 * files; the message builders escape user data; links use the request's
 * origin. SMTP delivery is covered by tests/integration/email-*.test.ts
 * against a real SMTP sink, and createSmtpTransport directly below.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  composeMail,
  createSmtpTransport,
  escapeHtml,
  flushMail,
  linkOrigin,
  outboxDir,
  queueMail,
  registrationAttemptMail,
  resetMail,
  sendMail,
  verificationMail,
} from "~/utils/mail.server";
import { linkIn, parseMail, startSmtpSink } from "../helpers/smtp-sink";

const sinkPromise = startSmtpSink();
afterAll(async () => (await sinkPromise).stop());

describe("outbox mode", () => {
  it("writes each message as a time-sortable .eml file under DATA_DIR/outbox", async () => {
    expect(process.env.SMTP_URL).toBeUndefined();
    const first = await sendMail({ to: "a@example.test", subject: "First", text: "one" });
    const second = await sendMail({
      to: "b@example.test",
      subject: "Second ünïcode",
      text: "zwei – drei",
      html: "<p>zwei</p>",
    });
    expect(first.via).toBe("outbox");
    expect(path.dirname(first.file ?? "")).toBe(path.resolve(process.env.DATA_DIR ?? "", "outbox"));
    expect(outboxDir()).toBe(path.dirname(first.file ?? ""));
    const names = fs.readdirSync(outboxDir()).sort();
    expect(names.indexOf(path.basename(first.file ?? ""))).toBeLessThan(
      names.indexOf(path.basename(second.file ?? "")),
    );

    const mail = parseMail(fs.readFileSync(second.file ?? "", "utf8"));
    expect(mail.to).toEqual(["b@example.test"]);
    expect(mail.subject).toBe("Second ünïcode");
    expect(mail.text).toBe("zwei – drei");
    expect(mail.html).toBe("<p>zwei</p>");
    expect(mail.headers.get("from")).toContain("no-reply@dracin.localhost");
  });

  it("queues mail in the background and reports failures without throwing", async () => {
    queueMail({ to: "queued@example.test", subject: "Queued", text: "later" });
    // No recipient: refused; the failure is logged, not thrown.
    queueMail({ to: "", subject: "Broken", text: "never" });
    await expect(flushMail()).resolves.toBeUndefined();
    const found = fs
      .readdirSync(outboxDir())
      .map((name) => parseMail(fs.readFileSync(path.join(outboxDir(), name), "utf8")))
      .filter((mail) => mail.subject === "Queued");
    expect(found).toHaveLength(1);
    expect(
      fs
        .readdirSync(outboxDir())
        .map((name) => fs.readFileSync(path.join(outboxDir(), name), "utf8"))
        .join(""),
    ).not.toContain("Broken");
  });
});

describe("SMTP transport", () => {
  it("delivers through an smtp:// URL to a real SMTP server", async () => {
    const sink = await sinkPromise;
    const transport = createSmtpTransport(sink.url);
    await transport.sendMail({
      from: "Dracin <no-reply@dracin.test>",
      ...verificationMail(
        { email: "smtp@example.test", name: "Ana", locale: "en" },
        "http://x.test/verify-email?token=abc",
      ),
    });
    transport.close();
    const mail = await sink.waitFor((received) => received.to.includes("smtp@example.test"));
    expect(mail.subject).toBe("Confirm your email address for Dracin");
    expect(linkIn(mail, "/verify-email")).toBe("http://x.test/verify-email?token=abc");
  });
});

describe("messages", () => {
  it("escapes user data in the HTML and keeps the text readable", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    const mail = resetMail(
      { email: "x@example.test", name: `<img src=x onerror=alert(1)>\r\nBcc: evil@example.test`, locale: "en" },
      "http://h/reset-password?token=t&x=<y>",
    );
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(mail.html).toContain('href="http://h/reset-password?token=t&amp;x=&lt;y&gt;"');
    expect(mail.text).toContain("Hello <img src=x onerror=alert(1)> Bcc: evil@example.test,");
    expect(mail.text).toContain("1 hour");
    expect(mail.subject).toBe("Reset your Dracin password");
  });

  it("greets by email when there is no name, and builds the 'someone tried' notice with sign-in and reset links", () => {
    const mail = registrationAttemptMail(
      { email: "owner@example.test", name: null, locale: "en" },
      "https://dracin.example",
    );
    expect(mail.to).toBe("owner@example.test");
    expect(mail.text).toContain("Hello owner@example.test,");
    expect(mail.text).toContain("https://dracin.example/login");
    expect(mail.text).toContain("https://dracin.example/forgot-password");
    const composed = composeMail({ greeting: "Hi", paragraphs: ["a & b"], signature: "sig" }, "en");
    expect(composed.text).toBe("Hi\n\na & b\n\nsig\n");
    expect(composed.html).toContain("<p>a &amp; b</p>");
  });

  it("links to the request's origin when PUBLIC_URL is not set", () => {
    expect(process.env.PUBLIC_URL).toBeUndefined();
    expect(linkOrigin(new Request("http://127.0.0.1:3411/register"))).toBe("http://127.0.0.1:3411");
  });
});
