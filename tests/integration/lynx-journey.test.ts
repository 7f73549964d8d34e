/**
 * A new viewer with the text browser lynx (no CSS, no JavaScript) creates an
 * account, browses, adds a drama to My List and reaches a playable episode:
 * the no-JS tier as its most limited browser uses it, in both languages.
 *
 * Forms are filled by lynx itself from a keystroke script (`-cmd_script`:
 * arrow keys to the fields, the text, Enter on the button); following a link
 * is opening the address lynx lists for it. The site's cookies are `Secure`
 * in production, and lynx sends those only over HTTPS, so lynx talks to the
 * built server through a TLS pipe with a certificate made for the run
 * (openssl). Needs `npm run build`, lynx and openssl.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalCatalog } from "~/catalog/local.server";
import { LOCALE_CODES, translator, type Locale } from "~/i18n";
import { formatBytes } from "~/i18n/format";
import { streamBytes } from "~/lib/data-cost";
import { startBuiltServer, type BuiltServer } from "../helpers/built-server";

const DRAMA_TITLE = "Moonlit Tea House";

let server: BuiltServer;
let pipe: tls.Server;
let base = "";
let dir = "";

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dracin-lynx-"));
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      key,
      "-out",
      cert,
    ],
    { stdio: "ignore" },
  );
  server = await startBuiltServer(3446);
  pipe = tls.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (outside) => {
    const inside = net.connect(server.port, "127.0.0.1");
    outside.pipe(inside).pipe(outside);
    inside.on("error", () => outside.destroy());
    outside.on("error", () => inside.destroy());
  });
  await new Promise<void>((resolve) => pipe.listen(0, "127.0.0.1", resolve));
  base = `https://127.0.0.1:${(pipe.address() as net.AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  pipe?.close();
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The Enter key, in a list of keys to press. */
const ENTER = { key: "Enter" } as const;

/** One viewer's lynx: its own configuration (language, cookies kept in a file) and cookie jar. */
function lynxFor(locale: Locale) {
  const home = fs.mkdtempSync(path.join(dir, `${locale}-`));
  const config = path.join(home, "lynx.cfg");
  fs.writeFileSync(
    config,
    [
      "INCLUDE:/etc/lynx/lynx.cfg",
      `PREFERRED_LANGUAGE:${locale}`,
      "ACCEPT_ALL_COOKIES:TRUE",
      "PERSISTENT_COOKIES:TRUE",
      // No pauses to let a person read the status line: nobody is reading it here.
      "INFOSECS:0",
      "MESSAGESECS:0",
      "ALERTSECS:0",
      "",
    ].join("\n"),
  );
  const jar = path.join(home, "cookies");
  const env = { ...process.env, HOME: home, TERM: "vt100", SSL_CERT_FILE: path.join(dir, "cert.pem") };
  const options = [`-cfg=${config}`, `-cookie_file=${jar}`, `-cookie_save_file=${jar}`, "-display_charset=utf-8"];

  function lynx(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn("lynx", [...options, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`lynx ${args.join(" ")} did not finish:\n${out.slice(-2000)}`));
      }, 20_000);
      child.on("error", (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(error.code === "ENOENT" ? new Error("lynx is not installed (Debian: lynx)") : error);
      });
      child.on("exit", () => {
        clearTimeout(timer);
        resolve(out);
      });
    });
  }

  return {
    /** The page as lynx shows it, links and form fields numbered, with the list of link addresses. */
    dump: (url: string) => lynx(["-dump", "-number_fields", "-width=200", `${base}${url}`]),
    /**
     * Opens `url` and presses keys: `down` moves to the next link or field (lynx starts on the first), text is
     * typed into the field the cursor is on, `enter` submits. Lynx quits once the keys are used up.
     */
    async keys(url: string, keys: (string | { down: number } | typeof ENTER)[]): Promise<void> {
      const lines: string[] = [];
      for (const key of keys) {
        if (typeof key === "string") for (const char of key) lines.push(`key ${char}`);
        else if ("down" in key) for (let i = 0; i < key.down; i += 1) lines.push("key Down Arrow");
        else lines.push("key ^J");
      }
      lines.push("key q", "key y");
      const script = path.join(home, "keys.txt");
      fs.writeFileSync(script, `${lines.join("\n")}\n`);
      await lynx([`-cmd_script=${script}`, `${base}${url}`]);
    },
  };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The number lynx gives a link or field: the first group of `pattern`, e.g. 13 in "([13]BUTTON) Create account". */
function numberOf(dump: string, pattern: RegExp): number {
  const number = pattern.exec(dump)?.[1];
  if (!number) throw new Error(`nothing matches ${pattern} in:\n${dump}`);
  return Number(number);
}

/** A field or button by its label: "Name [10]____", "([13]BUTTON) Create account", "([18]add) Add to My List". */
const field = (label: string) => new RegExp(`${escape(label)} \\[(\\d+)\\]_`);
const button = (label: string) => new RegExp(`\\(\\[(\\d+)\\][^)]*\\) ${escape(label)}`);
/** A link by its text: "[17]▶ Play episode 1" (what lynx prints before the text may vary). */
const link = (text: string) => new RegExp(`\\[(\\d+)\\][^\\[\\]]*${escape(text)}`);

/** The address lynx lists for link number `n` (what following it opens), as a path on the site. */
function addressOf(dump: string, n: number): string {
  const match = new RegExp(`^\\s*${n}\\. (\\S+)$`, "m").exec(dump);
  if (!match) throw new Error(`no address for link ${n}:\n${dump}`);
  return match[1].replace(base, "");
}

describe.each(LOCALE_CODES)("a new viewer with lynx (%s)", (locale) => {
  it("creates an account, adds a drama to My List and reaches a playable episode", async () => {
    const t = translator(locale);
    const browser = lynxFor(locale);

    // Create an account: the three fields in order, then the button.
    const register = await browser.dump("/register");
    expect(register).toContain(t("register.title"));
    const nameField = numberOf(register, field(t("form.name")));
    const submit = numberOf(register, button(t("register.submit")));
    const email = `lynx-${locale}-${Date.now()}@example.test`;
    await browser.keys("/register", [
      { down: nameField - 1 },
      `Lynx ${locale}`,
      { down: 1 },
      email,
      { down: 1 },
      "correct horse battery staple",
      { down: submit - nameField - 2 },
      ENTER,
    ]);
    const home = await browser.dump("/");
    expect(home).toContain(t("nav.signOut"));
    expect(home).toContain(email);

    // Sign out with the header's button, and sign in again.
    await browser.keys("/", [{ down: numberOf(home, button(t("nav.signOut"))) - 1 }, ENTER]);
    const login = await browser.dump("/login");
    expect(login).toContain(t("nav.register"));
    const emailField = numberOf(login, field(t("form.email")));
    await browser.keys("/login", [
      { down: emailField - 1 },
      email,
      { down: 1 },
      "correct horse battery staple",
      { down: numberOf(login, button(t("login.submit"))) - emailField - 1 },
      ENTER,
    ]);
    expect(await browser.dump("/account")).toContain(email);

    // Browse, then search (the form's GET address), and follow the drama's link.
    const browse = await browser.dump("/browse");
    expect(browse).toContain(t("browse.title"));
    expect(browse).toContain(t("browse.count", { count: 30 }));
    const search = await browser.dump("/search?q=moonlit");
    expect(search).toContain(DRAMA_TITLE);
    const dramaPage = "/drama/moonlit-tea-house";
    expect(search).toContain(`${base}${dramaPage}\n`);

    // Add it to My List with the button on its page.
    const drama = await browser.dump(dramaPage);
    const add = numberOf(drama, button(t("favorites.add")));
    await browser.keys(dramaPage, [{ down: add - 1 }, ENTER]);
    const myList = await browser.dump("/my-list");
    expect(myList).toContain(DRAMA_TITLE);
    expect(await browser.dump(dramaPage)).toContain(t("favorites.remove"));

    // Play episode 1: the watch page offers the video file itself, which lynx hands to a player.
    const play = addressOf(drama, numberOf(drama, link(t("drama.play"))));
    const watch = await browser.dump(play);
    expect(watch).toContain(t("episode.number", { number: 1 }));
    // The link says what the file costs: episode 1's 360p file, its bit rate × its length.
    const [first] = await createLocalCatalog().getEpisodes("moonlit-tea-house");
    const size = formatBytes(streamBytes(first.streams.mp4[0], first.duration) ?? 0, locale);
    const video = addressOf(watch, numberOf(watch, link(t("watch.downloadVideoSize", { quality: "360p", size }))));
    const head = await fetch(`${server.base}${video}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe("video/mp4");
  }, 120_000);
});
