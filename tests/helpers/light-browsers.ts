/**
 * What the readable-tier tests share (tests/integration/text-browsers.test.ts,
 * tests/integration/light-engines.test.ts): a check that a program is
 * installed (a missing one fails the test with the Debian package to install,
 * it never skips), running a program with a time limit, fetching a page's
 * HTML from the built server, and reading links and the main heading out of
 * that HTML (our own server-rendered markup: no nested links, no comments
 * inside labels).
 */
import { spawn, spawnSync } from "node:child_process";
import http from "node:http";

/** Fails with the Debian package to install when `command` is not on the PATH. */
export function requireProgram(command: string, debianPackage: string): void {
  const found = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
  if (found.status !== 0) {
    throw new Error(
      `"${command}" is not installed. Install the Debian package: apt-get install -y ${debianPackage} ` +
        "(docs/browsers.md, Light engines and text browsers).",
    );
  }
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `command` with `input` on its stdin; fails after `timeoutMs`. */
export function runProgram(
  command: string,
  args: string[],
  { input, timeoutMs = 15_000, env }: { input?: string | Buffer; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"], env: env ?? process.env });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${command} ${args.join(" ")} took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(input ?? "");
  });
}

/** GET `path` from the server: the HTML of a 200 answer (anything else fails). */
export function fetchHtml(base: string, path: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { agent: false, headers }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => {
          if (response.statusCode === 200) resolve(body);
          else reject(new Error(`GET ${path} answered ${response.statusCode} ${response.headers.location ?? ""}`));
        });
      })
      .on("error", reject);
  });
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Text of an HTML fragment: tags dropped, entities decoded, white space collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, " ")
    .trim();
}

/** The labels of the page's links and buttons, in document order (visually hidden text included: text browsers print it). */
export function controlLabels(html: string): string[] {
  const body = html.slice(html.indexOf("<body"));
  return [...body.matchAll(/<(a|button)\b[^>]*>([\s\S]*?)<\/\1>/g)]
    .map((match) => textOf(match[2]))
    .filter((label) => label !== "");
}

/** The text of the page's first <h1>. */
export function mainHeading(html: string): string {
  const match = /<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(html);
  if (!match) throw new Error("the page has no <h1>");
  return textOf(match[1]);
}
