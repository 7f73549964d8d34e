/**
 * Every page is valid HTML: the Nu Html Checker (vnu-jar, the W3C's checker,
 * run with Java) reports no error on any page the built server renders, in
 * both languages, signed out, signed in with a full account and as an admin,
 * including form errors and error pages. htmx attributes are written as
 * `data-hx-*` (valid everywhere), so no filter is needed. Needs `npm run
 * build` and a Java runtime (Debian: default-jre-headless).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCALE_CODES, type Locale } from "~/i18n";
import { prisma } from "~/utils/db.server";
import { startBuiltServer, type BuiltServer } from "../helpers/built-server";
import { createUser, TEST_PASSWORD, type TestUser } from "../helpers/users";

const run = promisify(execFile);
const VNU_JAR = path.resolve(import.meta.dirname, "..", "..", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

const DRAMA = "moonlit-tea-house";
const EPISODE = `${DRAMA}-ep-1`;

/** What anyone may open. */
const PUBLIC_PAGES = [
  "/",
  "/browse",
  "/browse?genre=romance&sort=rating",
  "/browse?page=2",
  "/search",
  "/search?q=love",
  "/search?q=zzzzqqq",
  `/drama/${DRAMA}`,
  "/login",
  "/register",
  "/forgot-password",
  "/reset-password?token=not-a-token",
  "/verify-email?token=not-a-token",
  "/no-such-page",
  "/drama/no-such-drama",
  "/settings/captions",
];
/** A viewer's own pages, with progress, My List and history in them. */
const VIEWER_PAGES = [
  "/",
  `/drama/${DRAMA}`,
  `/watch/${EPISODE}`,
  `/drama/${DRAMA}/feed`,
  "/my-list",
  "/history",
  "/account",
  "/account/sessions",
  "/account/connections",
  "/account/delete",
  "/settings/captions?returnTo=%2Faccount",
];
const ADMIN_PAGES = [
  "/admin/audit",
  "/admin/audit?action=login.success",
  "/admin/audit/verify",
  "/admin/users",
  "/admin/catalog",
  "/admin/sessions",
  "/admin/sessions?ip=nope",
];

let server: BuiltServer;
let dir: string;
const viewers = new Map<Locale, TestUser>();
const admins = new Map<Locale, TestUser>();
let auditId = "";

async function fillAccount(user: TestUser, locale: Locale) {
  await prisma.user.update({ where: { id: user.id }, data: { locale, emailVerified: new Date() } });
  await prisma.favorites.createMany({
    data: [DRAMA, "neon-rain", "kite-season"].map((dramaId) => ({ userId: user.id, dramaId })),
  });
  await prisma.userProgress.createMany({
    data: [
      { userId: user.id, dramaId: DRAMA, episodeId: EPISODE, currentTime: 9, duration: 20 },
      { userId: user.id, dramaId: DRAMA, episodeId: `${DRAMA}-ep-2`, currentTime: 28, duration: 28, completed: true },
    ],
  });
  // A caption style: /watch and /settings/captions then carry a <style> in <head> (app/root.tsx).
  await prisma.user.update({
    where: { id: user.id },
    data: {
      captionStyle: JSON.stringify({ size: "large", textColour: "yellow", windowOpacity: "50", edge: "raised" }),
    },
  });
  await prisma.watchHistory.createMany({
    data: [1, 2].map((n) => ({ userId: user.id, dramaId: DRAMA, episodeId: `${DRAMA}-ep-${n}` })),
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dracin-vnu-"));
  server = await startBuiltServer(3445);
  for (const locale of LOCALE_CODES) {
    const viewer = await createUser({ name: `Viewer ${locale}` });
    await fillAccount(viewer, locale);
    viewers.set(locale, viewer);
    const admin = await createUser({ name: `Admin ${locale}` });
    await prisma.user.update({ where: { id: admin.id }, data: { role: "ADMIN", locale } });
    admins.set(locale, admin);
  }
  const entry = await prisma.auditLog.create({
    data: {
      userId: viewers.get("en")?.id,
      action: "login.success",
      metadata: { method: "password" },
      ipAddress: "203.0.113.9",
      userAgent: "Mozilla/5.0 (Linux; Android 9; KaiOS) Gecko/48.0 Firefox/48.0",
    },
  });
  auditId = entry.id;
}, 60_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

let saved = 0;
/** Fetches a page and keeps its HTML for the checker; the name says what it was. */
async function keep(label: string, url: string, init: RequestInit = {}): Promise<string> {
  const response = await fetch(`${server.base}${url}`, { redirect: "manual", ...init });
  expect(`${response.status} ${response.headers.get("content-type")}`, `${label} ${url}`).toMatch(
    /^[2-4]\d\d text\/html/,
  );
  const html = await response.text();
  saved += 1;
  const file = path.join(dir, `${String(saved).padStart(3, "0")}-${label}-${url.replace(/[^a-z0-9]+/gi, "_")}.html`);
  fs.writeFileSync(file, html);
  return html;
}

/** A form post with the anonymous CSRF token of the page it came from (what a browser without JS sends). */
async function postFrom(label: string, page: string, action: string, fields: Record<string, string>, locale: Locale) {
  const headers = { "Accept-Language": locale };
  const form = await fetch(`${server.base}${page}`, { headers });
  const cookie = (form.headers.get("set-cookie") ?? "").split(";")[0];
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
  return keep(label, action, {
    method: "POST",
    headers: { ...headers, cookie, origin: server.base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, _csrf: token }),
  });
}

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  message: string;
  extract?: string;
  lastLine?: number;
}

describe("the Nu Html Checker", () => {
  it("finds no error on any page, in either language, signed out, signed in or as an admin", async () => {
    for (const locale of LOCALE_CODES) {
      for (const page of PUBLIC_PAGES) await keep(`anon-${locale}`, page, { headers: { "Accept-Language": locale } });
      const viewer = viewers.get(locale);
      const admin = admins.get(locale);
      if (!viewer || !admin) throw new Error(`no users for ${locale}`);
      for (const page of VIEWER_PAGES) await keep(`viewer-${locale}`, page, { headers: { cookie: viewer.cookie } });
      for (const page of [...ADMIN_PAGES, `/admin/audit/${auditId}`, `/admin/users/${viewer.id}`]) {
        await keep(`admin-${locale}`, page, { headers: { cookie: admin.cookie } });
      }
      // Pages with form errors, as a browser without JavaScript gets them.
      await postFrom(
        `login-error-${locale}`,
        "/login",
        "/login",
        { email: "nobody@example.test", password: "wrong password" },
        locale,
      );
      await postFrom(
        `register-error-${locale}`,
        "/register",
        "/register",
        { name: "", email: "not-an-email", password: "short" },
        locale,
      );
      // The CSRF refusal page: a form post without its token.
      await keep(`csrf-refused-${locale}`, "/login", {
        method: "POST",
        headers: {
          "Accept-Language": locale,
          origin: server.base,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ email: "a@example.test", password: TEST_PASSWORD }),
      });
    }

    // Every page says what it is to search engines and link previews, and has one main heading.
    for (const file of fs.readdirSync(dir)) {
      const html = fs.readFileSync(path.join(dir, file), "utf8");
      expect(html, file).toMatch(/<meta name="description" content="[^"]{20,}"/);
      expect(html.match(/<h1[\s>]/g)?.length, file).toBe(1);
    }

    await fs.promises.access(VNU_JAR).catch(() => {
      throw new Error(`${VNU_JAR} is missing: run npm install (the vnu-jar package)`);
    });
    let stdout = "";
    let stderr = "";
    try {
      // Exit status 1 means "errors found"; the JSON on stderr says which.
      ({ stdout, stderr } = await run("java", ["-jar", VNU_JAR, "--format", "json", "--errors-only", dir], {
        maxBuffer: 64 * 1024 * 1024,
      }));
    } catch (error) {
      const failed = error as { code?: string | number; stdout?: string; stderr?: string };
      if (failed.code === "ENOENT") {
        throw new Error(
          "java is not installed: the Nu Html Checker needs a Java runtime (Debian: default-jre-headless)",
        );
      }
      stdout = failed.stdout ?? "";
      stderr = failed.stderr ?? "";
    }
    const report = JSON.parse(stderr || stdout || '{"messages":[]}') as { messages: VnuMessage[] };
    const errors = report.messages
      .filter((message) => message.type === "error" || message.subType === "fatal")
      .map(
        (message) =>
          `${path.basename(message.url ?? "")}:${message.lastLine ?? "?"}: ${message.message}\n    ${message.extract ?? ""}`,
      );
    expect(saved).toBeGreaterThan(60);
    expect(errors, errors.join("\n")).toEqual([]);
  }, 180_000);

  it("would report what it is there to catch", async () => {
    // The same run on a page with the faults the site once had: the check is not a no-op.
    const bad = path.join(dir, "known-bad.html");
    fs.writeFileSync(
      bad,
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title></head><body><h1>x</h1>' +
        '<form hx-get="/x"></form><h3>skips a level</h3><img src="/p.svg" alt="" sizes="40vw"></body></html>',
    );
    const result = await run("java", ["-jar", VNU_JAR, "--format", "json", "--errors-only", bad]).catch(
      (error: { stderr?: string }) => ({ stdout: "", stderr: error.stderr ?? "" }),
    );
    fs.rmSync(bad);
    const messages = (JSON.parse(result.stderr) as { messages: VnuMessage[] }).messages.map((m) => m.message);
    expect(messages.some((m) => m.includes("hx-get"))).toBe(true);
    expect(messages.some((m) => m.includes("skipping 1 heading level"))).toBe(true);
    expect(messages.some((m) => m.includes("“sizes”"))).toBe(true);
  }, 60_000);
});
