/**
 * Fuzzing the real HTTP stack with fast-check: the built server (Node's
 * parser, express, static files, the progress fast path, every route) gets
 * random and hostile request lines, paths with broken percent-encodings, odd
 * methods, hosts, headers, cookies, content types and bodies, signed out and
 * signed in. Whatever comes in, the answer is below 500 and the server logs no
 * error (an error line is one of our bugs). Needs `npm run build`.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_LIMITS } from "~/utils/request-body.server";
import { exchange, startBuiltServer, statusOf, type BuiltServer } from "../helpers/built-server";
import { createUser } from "../helpers/users";

let server: BuiltServer;
let signedIn = "";

beforeAll(async () => {
  server = await startBuiltServer(3444, { REGISTER_LIMIT_PER_HOUR: "1000000" });
  signedIn = (await createUser()).cookie;
}, 30_000);

afterAll(() => server.stop());

const ROUTES = [
  "/",
  "/browse",
  "/search",
  "/drama/neon-rain",
  "/watch/neon-rain-ep-1",
  "/login",
  "/register",
  "/logout",
  "/forgot-password",
  "/reset-password",
  "/verify-email",
  "/account",
  "/account/sessions",
  "/account/delete",
  "/account/connections",
  "/history",
  "/my-list",
  "/language",
  "/auth/github",
  "/auth/github/callback",
  "/admin",
  "/admin/audit",
  "/admin/audit/1",
  "/admin/users",
  "/admin/users/nobody",
  "/admin/catalog",
  "/resources/progress",
  "/resources/favorites",
  "/resources/watched",
  "/resources/continue-watching",
  "/resources/preferences",
  "/resources/search",
  "/resources/admin-audit",
  "/healthz",
  "/readyz",
  "/metrics",
  "/favicon.svg",
  "/build/missing.js",
  "/assets/missing.css",
  "/posters/missing.jpg",
  "/no/such/page",
];

const BROKEN = ["%", "%F", "%FF", "%E0%A4%A", "%00", "%C0%AF", "%2e%2e%2f", "%u0041", "%%", "%ZZ", "..%2F..%2Fetc"];

/** Printable ASCII and Latin-1 bytes (a request line with a space or a control byte is Node's 400). */
const text = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: fc.integer({ min: 0x21, max: 0xff }).map((code) => String.fromCharCode(code)), maxLength }),
    fc.constantFrom(...BROKEN),
  );

const path = fc
  .tuple(
    fc.constantFrom(...ROUTES),
    fc.oneof(
      { weight: 4, arbitrary: fc.constant("") },
      { weight: 1, arbitrary: text(30).map((suffix) => `/${suffix}`) },
      { weight: 1, arbitrary: fc.constantFrom(...BROKEN) },
      {
        weight: 2,
        arbitrary: fc
          .array(fc.tuple(text(12), text(20)), { maxLength: 4 })
          .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`),
      },
    ),
  )
  // A space or a control byte would end the request line: those are Node's 400, tested well enough by the rest.
  .map(([route, suffix]) =>
    [...`${route}${suffix}`].map((c) => (c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f ? "%20" : c)).join(""),
  );

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("GET", "POST") },
  {
    weight: 3,
    arbitrary: fc.constantFrom("HEAD", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "SEARCH", "QUERY"),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Z-]{1,10}$/) },
);

/** Header values: anything but CR, LF and NUL (which end or break the header block: Node's 400). */
const value = text(60).map((raw) => [...raw].filter((c) => !"\r\n\0".includes(c)).join(""));

const CONTENT_TYPES = [
  "application/x-www-form-urlencoded",
  "application/x-www-form-urlencoded; charset=UTF-8",
  "application/x-www-form-urlencoded; charset=latin1",
  "application/x-www-form-urlencoded; charset=",
  "multipart/form-data; boundary=----x",
  "application/json",
  "text/plain",
  "text/html; charset=utf-8",
  ";;;",
  "",
];

const header = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(
      fc.constantFrom(
        "Accept-Language",
        "Cookie",
        "Accept",
        "Accept-Encoding",
        "HX-Request",
        "HX-Target",
        "X-CSRF-Token",
        "Sec-Fetch-Site",
        "Referer",
        "If-None-Match",
        "If-Modified-Since",
        "Range",
        "X-Forwarded-For",
        "X-Forwarded-Host",
        "Origin",
        "X-Forwarded-Proto",
        "Expect",
        "Content-Encoding",
        "Upgrade",
      ),
      value,
    ),
  },
  { weight: 3, arbitrary: fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/), value) },
  // Past 16 KiB in all: Node's 431.
  {
    weight: 1,
    arbitrary: fc.tuple(
      fc.constant("X-Huge"),
      fc.nat(20_000).map((n) => "h".repeat(n)),
    ),
  },
);

const body = fc.oneof(
  fc.constant(""),
  fc
    .array(
      fc.tuple(fc.constantFrom("email", "password", "intent", "dramaId", "episodeId", "position", "_csrf"), value),
      {
        maxLength: 6,
      },
    )
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")),
  text(200),
  fc.nat(BODY_LIMITS.form + 4_096).map((n) => `q=${"b".repeat(n)}`),
);

const request = fc.record({
  method,
  path,
  host: fc.oneof(
    { weight: 8, arbitrary: fc.constant("own") },
    { weight: 1, arbitrary: fc.constantFrom("evil.example", "[::1]", "a:b:c", "127.0.0.1:99999", "", "x".repeat(300)) },
    { weight: 1, arbitrary: value },
  ),
  origin: fc.constantFrom("own", "none", "https://evil.example", "null"),
  signedIn: fc.boolean(),
  contentType: fc.option(fc.oneof(fc.constantFrom(...CONTENT_TYPES), value), { nil: undefined }),
  framing: fc.constantFrom("length", "chunked", "none"),
  headers: fc.array(header, { maxLength: 5 }),
  body,
});

type FuzzRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

function raw(r: FuzzRequest): string {
  const lines = [`${r.method} ${r.path} HTTP/1.1`];
  lines.push(`Host: ${r.host === "own" ? `127.0.0.1:${server.port}` : r.host}`);
  if (r.origin === "own") lines.push(`Origin: ${server.base}`);
  else if (r.origin !== "none") lines.push(`Origin: ${r.origin}`);
  if (r.signedIn) lines.push(`Cookie: ${signedIn}`);
  if (r.contentType !== undefined) lines.push(`Content-Type: ${r.contentType}`);
  for (const [name, headerValue] of r.headers) lines.push(`${name}: ${headerValue}`);
  lines.push("Connection: close");
  const payload = Buffer.from(r.body, "latin1");
  if (r.framing === "length") {
    lines.push(`Content-Length: ${payload.length}`);
    return `${lines.join("\r\n")}\r\n\r\n${r.body}`;
  }
  if (r.framing === "chunked" && payload.length > 0) {
    lines.push("Transfer-Encoding: chunked");
    return `${lines.join("\r\n")}\r\n\r\n${payload.length.toString(16)}\r\n${r.body}\r\n0\r\n\r\n`;
  }
  return `${lines.join("\r\n")}\r\n\r\n`;
}

describe("the HTTP stack under fuzzed requests", () => {
  it("answers every request below 500 and logs no error of ours", async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const { answer } = await exchange(server.port, (write) => write(raw(r)), 5_000);
        const status = statusOf(answer);
        seen.set(status ?? 0, (seen.get(status ?? 0) ?? 0) + 1);
        expect(status, `${answer.slice(0, 300)}\n--- for ---\n${raw(r).slice(0, 600)}`).not.toBeNull();
        expect(status).toBeLessThan(500);
      }),
      { numRuns: 3_000 },
    );
    const errors = server
      .output()
      .split("\n")
      .filter((line) => line.includes('"level":"error"') || /^\s+at /.test(line));
    expect(errors.join("\n")).toBe("");
    // The fuzz reached the routes, not only Node's parser.
    expect([...seen.keys()].filter((status) => status >= 200 && status < 400).length).toBeGreaterThan(1);
  }, 60_000);
});
