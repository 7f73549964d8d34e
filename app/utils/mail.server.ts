/**
 * Outgoing mail (docs/email.md). With SMTP_URL set, messages go out through
 * nodemailer's SMTP transport; without it each message is written as an .eml
 * file into MAIL_OUTBOX_DIR (default DATA_DIR/outbox) and one log line names
 * the recipient, subject and file — so development needs no mail server.
 * Neither the log nor an error message ever holds a link or its token.
 *
 * Request handlers queue mail (queueMail) instead of waiting for SMTP: the
 * answer then takes as long whether or not a message was sent.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { isLocale, translator, type Locale, type MessageKey } from "~/i18n";
import { getEnv } from "~/utils/env.server";
import { log } from "~/utils/log.server";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface SentMail {
  /** "smtp" or "outbox". */
  via: "smtp" | "outbox";
  /** The .eml file in outbox mode. */
  file?: string;
}

/** An SMTP transport for an smtp:// or smtps:// URL (nodemailer reads host, port, auth and TLS from it). */
export function createSmtpTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl);
}

let smtp: { url: string; transporter: Transporter } | undefined;
let outboxWriter: Transporter | undefined;

/** Where outbox mode writes messages. */
export function outboxDir(): string {
  const env = getEnv();
  return path.resolve(env.MAIL_OUTBOX_DIR ?? path.join(env.DATA_DIR, "outbox"));
}

/** A file name that sorts by time: 2026-11-27T13-45-12-123Z-1a2b3c4d.eml */
function outboxFileName(now = new Date()): string {
  return `${now.toISOString().replace(/[:.]/g, "-")}-${crypto.randomBytes(4).toString("hex")}.eml`;
}

async function writeToOutbox(message: MailMessage & { from: string }): Promise<string> {
  // nodemailer builds the raw RFC 5322 message; we only store it.
  outboxWriter ??= nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const info = (await outboxWriter.sendMail(message)) as { message: Buffer };
  const dir = outboxDir();
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, outboxFileName());
  await fs.writeFile(file, info.message, { mode: 0o600 });
  return file;
}

/** Sends one message now (SMTP) or writes it to the outbox; resolves when done. */
export async function sendMail(message: MailMessage): Promise<SentMail> {
  if (!/^[^\s@<>,;]+@[^\s@<>,;]+$/.test(message.to)) throw new Error("A message needs exactly one recipient address");
  const env = getEnv();
  const full = { ...message, from: env.MAIL_FROM };
  if (env.SMTP_URL) {
    if (smtp?.url !== env.SMTP_URL) smtp = { url: env.SMTP_URL, transporter: createSmtpTransport(env.SMTP_URL) };
    const info = (await smtp.transporter.sendMail(full)) as { messageId?: string };
    log.info("mail sent", { to: message.to, subject: message.subject, messageId: info.messageId ?? null });
    return { via: "smtp" };
  }
  const file = await writeToOutbox(full);
  log.info("mail written to the outbox", { to: message.to, subject: message.subject, file });
  return { via: "outbox", file };
}

/** Mail being sent in the background; the HTTP server flushes it at shutdown. */
const pending = new Set<Promise<void>>();

/**
 * Sends in the background: the request does not wait for the mail server. A
 * failure is logged (recipient and subject only) and never reaches the caller.
 */
export function queueMail(message: MailMessage): void {
  const job = sendMail(message).then(
    () => undefined,
    (error: unknown) => {
      log.error("mail could not be sent", {
        to: message.to,
        subject: message.subject,
        error: error instanceof Error ? error.message.split("\n")[0] : String(error),
      });
    },
  );
  pending.add(job);
  void job.finally(() => pending.delete(job));
}

/** Waits for every queued message (tests, and a graceful shutdown). */
export async function flushMail(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

/** The origin links in emails start with: PUBLIC_URL when set, else the request's own origin. */
export function linkOrigin(request: Request): string {
  const configured = getEnv().PUBLIC_URL;
  return configured ? new URL(configured).origin : new URL(request.url).origin;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

interface MailLink {
  url: string;
  label: string;
}

/** Plain text and simple HTML from the same parts; every piece is escaped in the HTML. */
export function composeMail(
  parts: {
    greeting: string;
    paragraphs: string[];
    links?: { intro: string; link: MailLink }[];
    after?: string[];
    signature: string;
  },
  locale: Locale,
): { text: string; html: string } {
  const links = parts.links ?? [];
  const after = parts.after ?? [];
  const text = [
    parts.greeting,
    ...parts.paragraphs,
    ...links.map(({ intro, link }) => `${intro}\n${link.url}`),
    ...after,
    parts.signature,
  ].join("\n\n");
  const p = (value: string) => `<p>${escapeHtml(value)}</p>`;
  const html = [
    "<!doctype html>",
    `<html lang="${locale}"><body style="font-family: sans-serif; line-height: 1.5">`,
    p(parts.greeting),
    ...parts.paragraphs.map(p),
    ...links.map(
      ({ intro, link }) =>
        `${p(intro)}<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>` +
        `<p style="font-size: 0.9em; word-break: break-all">${escapeHtml(link.url)}</p>`,
    ),
    ...after.map(p),
    p(parts.signature),
    "</body></html>",
  ].join("\n");
  return { text: `${text}\n`, html };
}

/** Who a mail goes to, and the language it is written in (their saved one: app/models/users.server.ts userLocale). */
type Recipient = { email: string; name: string | null; locale: string | null };

function localeOf(to: Recipient): Locale {
  return isLocale(to.locale) ? to.locale : getEnv().DEFAULT_LOCALE;
}

function greeting(to: Recipient): string {
  const t = translator(localeOf(to));
  // A name is user data: it is escaped in the HTML and trimmed to one line in both.
  const name = (to.name ?? "").replace(/[\r\n]+/g, " ").trim() || to.email;
  return t("email.mail.greeting", { name });
}

function message(to: Recipient, subject: MessageKey, body: Parameters<typeof composeMail>[0]): MailMessage {
  return { to: to.email, subject: translator(localeOf(to))(subject), ...composeMail(body, localeOf(to)) };
}

/** "Confirm your email address" with the verify link. */
export function verificationMail(to: Recipient, link: string): MailMessage {
  const t = translator(localeOf(to));
  return message(to, "email.mail.verify.subject", {
    greeting: greeting(to),
    paragraphs: [],
    links: [{ intro: t("email.mail.verify.body"), link: { url: link, label: t("email.mail.verify.button") } }],
    after: [t("email.mail.verify.ignore")],
    signature: t("email.mail.signature"),
  });
}

/** "Reset your password" with the one-hour link. */
export function resetMail(to: Recipient, link: string): MailMessage {
  const t = translator(localeOf(to));
  return message(to, "email.mail.reset.subject", {
    greeting: greeting(to),
    paragraphs: [],
    links: [{ intro: t("email.mail.reset.body"), link: { url: link, label: t("email.mail.reset.button") } }],
    after: [t("email.mail.reset.ignore")],
    signature: t("email.mail.signature"),
  });
}

/** To an existing account's owner when someone registers with their address. */
export function registrationAttemptMail(to: Recipient, origin: string): MailMessage {
  const t = translator(localeOf(to));
  return message(to, "email.mail.taken.subject", {
    greeting: greeting(to),
    paragraphs: [t("email.mail.taken.body")],
    links: [
      { intro: t("email.mail.taken.signIn"), link: { url: `${origin}/login`, label: t("login.title") } },
      {
        intro: t("email.mail.taken.reset"),
        link: { url: `${origin}/forgot-password`, label: t("email.forgot.title") },
      },
    ],
    after: [t("email.mail.taken.ignore")],
    signature: t("email.mail.signature"),
  });
}
