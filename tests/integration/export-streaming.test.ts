/**
 * The audit CSV export and graceful shutdown through the built server
 * (docs/decisions/020-streaming-exports.md, docs/deploy.md): the export is
 * produced only as fast as the client reads it, stops when the client goes,
 * is limited per admin, and a shutdown that has to cut it off ends the
 * download without the terminating chunk and says so (log, exit code 1), while one
 * that ends within the drain timeout finishes whole (exit 0); a
 * burst of progress saves during a shutdown gets full responses, keep-alive
 * connections told to close. Needs `npm run build` (as `npm test` does).
 */
import type { ClientRequest, IncomingMessage } from "node:http";
import fs from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORTS_PER_ADMIN } from "~/models/admin-audit.server";
import { prisma } from "~/utils/db.server";
import { seedAuditRows } from "../../scripts/seed-audit.mjs";
import { startBuiltServer, type BuiltServer } from "../helpers/built-server";
import { createUser, type TestUser } from "../helpers/users";

const ROWS = 300_000;
const PORTS = { export: 3461, shutdown: 3462, burst: 3463, finish: 3464 };
const MiB = 1024 * 1024;

let admin: TestUser;
const servers: BuiltServer[] = [];

async function makeAdmin(): Promise<TestUser> {
  const user = await createUser();
  await prisma.user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
  return user;
}

/** GET /admin/audit.csv as a download: resolves with the response once its headers arrived (body not read yet). */
function openExport(
  base: string,
  cookie: string,
  headers: Record<string, string> = {},
): Promise<{ request: ClientRequest; response: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}/admin/audit.csv`, { agent: false, headers: { cookie, ...headers } }, (response) =>
      resolve({ request, response }),
    );
    request.on("error", reject);
  });
}

function readAll(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => (body += chunk));
    response.on("end", () => resolve(body));
    response.on("error", reject);
  });
}

/** The server's JSON log lines with this message. */
function logLines(server: BuiltServer, message: string): Record<string, unknown>[] {
  return server
    .output()
    .split("\n")
    .filter((line) => line.includes(`"${message}"`))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function rssOf(pid: number | undefined): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  await seedAuditRows({ url: process.env.DATABASE_URL as string, rows: ROWS });
  admin = await makeAdmin();
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

describe("audit CSV export", () => {
  let server: BuiltServer;
  beforeAll(async () => {
    server = await startBuiltServer(PORTS.export);
    servers.push(server);
    // The seeded rows predate the chain: the server seals them in the background after its start. Measure after.
    for (let waited = 0; (await prisma.auditLog.count({ where: { seq: null } })) > 0; waited += 500) {
      if (waited > 110_000) throw new Error("the seeded audit rows were not sealed in time");
      await sleep(500);
    }
  }, 120_000);

  it("streams every row to a client that reads", async () => {
    const { response } = await openExport(server.base, admin.cookie);
    expect(response.headers.location ?? "", server.output()).toBe("");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["transfer-encoding"]).toBe("chunked");
    const body = await readAll(response);
    expect(response.complete).toBe(true);
    const lines = body.split("\r\n").filter(Boolean);
    // The header, the seeded rows, and the audit rows the test's users wrote (ADMIN_EXPORT...).
    expect(lines[0]).toBe(
      '"id","timestamp","action","userId","userEmail","ipAddress","userAgent","entityType","entityId","metadata"',
    );
    expect(lines.length).toBeGreaterThanOrEqual(ROWS + 1);
    expect(body).toContain('"bench-2@example.test"');
    await server.waitFor(() => logLines(server, "audit export finished").length === 1, "the export's log line");
  }, 60_000);

  it("produces only what a slow client takes, and stops reading when it goes", async () => {
    const finishedBefore = logLines(server, "audit export finished").length;
    const cutBefore = logLines(server, "audit export cut off before its end").length;
    const bridgeCutBefore = logLines(server, "response cut off before its end").length;
    const before = rssOf(server.process.pid);
    const { request, response } = await openExport(server.base, admin.cookie);
    expect(response.statusCode).toBe(200);
    response.pause();
    // A client that stops reading: the server fills the socket's buffers, then waits.
    await sleep(2_000);
    const grown = rssOf(server.process.pid) - before;
    request.destroy();
    await server.waitFor(
      () => logLines(server, "audit export cut off before its end").length === cutBefore + 1,
      "the export to be cut off",
    );
    const cut = logLines(server, "audit export cut off before its end")[cutBefore];
    // Far less than the whole log left the database (socket buffers hold a few MB, a few ten thousand rows).
    expect(cut.rows as number).toBeLessThan(ROWS / 2);
    // The whole export is about 78 MiB of CSV (more as JS strings): a server that buffered it would grow past
    // that. Growing V8's young generation and the first export's compiled code take about 30 MiB.
    expect(grown).toBeLessThan(64 * MiB);
    expect(logLines(server, "response cut off before its end")).toHaveLength(bridgeCutBefore + 1);
    // The reads stopped: no more rows afterwards, no finished export.
    await sleep(500);
    expect(logLines(server, "audit export finished")).toHaveLength(finishedBefore);
  }, 60_000);

  it(`refuses a third export at once (429, in the admin's language) and frees the place when one ends`, async () => {
    expect(EXPORTS_PER_ADMIN).toBe(2);
    const cutBefore = logLines(server, "audit export cut off before its end").length;
    const running = [await openExport(server.base, admin.cookie), await openExport(server.base, admin.cookie)];
    for (const { response } of running) {
      expect(response.statusCode).toBe(200);
      response.pause();
    }
    const third = await openExport(server.base, admin.cookie);
    expect(third.response.statusCode).toBe(429);
    expect(third.response.headers["retry-after"]).toBe("30");
    expect(await readAll(third.response)).toContain("You already have 2 downloads of the audit log running.");
    const inIndonesian = await openExport(server.base, admin.cookie, { "accept-language": "id" });
    expect(inIndonesian.response.statusCode).toBe(429);
    expect(await readAll(inIndonesian.response)).toContain(
      "Kamu masih punya 2 unduhan log audit yang sedang berjalan.",
    );

    // Another admin has places of their own.
    const other = await makeAdmin();
    const theirs = await openExport(server.base, other.cookie);
    expect(theirs.response.statusCode).toBe(200);
    theirs.request.destroy();

    running[0].request.destroy();
    await server.waitFor(
      () => logLines(server, "audit export cut off before its end").length >= cutBefore + 2,
      "the first export to end",
    );
    const next = await openExport(server.base, admin.cookie);
    expect(next.response.statusCode).toBe(200);
    next.request.destroy();
    running[1].request.destroy();
  }, 60_000);
});

describe("shutdown during an export", () => {
  it("answers the signal at once, cuts the download off without its last chunk, logs it and exits 1", async () => {
    const server = await startBuiltServer(PORTS.shutdown);
    servers.push(server);
    const { response } = await openExport(server.base, admin.cookie);
    expect(`${response.statusCode} ${response.headers.location}`, server.output()).toBe("200 undefined");
    let received = 0;
    response.on("data", (chunk: Buffer) => (received += chunk.length));
    const ended = new Promise<string>((resolve) => {
      response.on("end", () => resolve(response.complete ? "complete" : "incomplete"));
      response.on("aborted", () => resolve("aborted"));
      response.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    // The export runs at full speed (heavy work on the server's event loop)…
    await server.waitFor(() => received > 1 * MiB, "the export to be under way");
    const signalled = Date.now();
    server.process.kill("SIGTERM");
    // …and the signal is handled at once all the same.
    await server.waitFor(() => server.output().includes("shutdown: draining"), "the shutdown to start", 1_000);
    expect(Date.now() - signalled).toBeLessThan(1_000);
    // The client stops reading: the export cannot finish within the drain timeout.
    response.pause();
    const code = await server.exited;
    response.resume();
    expect(await ended).not.toBe("complete");
    expect(response.complete).toBe(false);
    expect(code).toBe(1);
    expect(logLines(server, "shutdown: response cut off at the drain timeout")).toMatchObject([
      { method: "GET", path: "/admin/audit.csv" },
    ]);
    expect(logLines(server, "audit export cut off before its end"), server.output()).toHaveLength(1);
    expect(logLines(server, "shutdown: connections closed, some responses were cut off")).toMatchObject([
      { cutOff: 1 },
    ]);
    expect(server.output()).not.toContain("in-flight requests finished");
    expect(logLines(server, "shutdown: database disconnected, exiting")).toMatchObject([{ code: 1 }]);
  }, 40_000);
});

describe("shutdown during a short export", () => {
  it("lets an export that ends within the drain timeout finish whole, and exits 0", async () => {
    const server = await startBuiltServer(PORTS.finish);
    servers.push(server);
    // One action of five: 60,000 rows, a few seconds.
    const { request, response } = await new Promise<{ request: ClientRequest; response: IncomingMessage }>(
      (resolve, reject) => {
        const request = http.get(
          `${server.base}/admin/audit.csv?action=LOGOUT`,
          { agent: false, headers: { cookie: admin.cookie } },
          (response) => resolve({ request, response }),
        );
        request.on("error", reject);
      },
    );
    expect(request.destroyed).toBe(false);
    expect(response.statusCode).toBe(200);
    const body = readAll(response);
    server.process.kill("SIGTERM");
    const text = await body;
    expect(response.complete).toBe(true);
    expect(text.split("\r\n").filter((line) => line.includes('"LOGOUT"'))).toHaveLength(ROWS / 5);
    expect(await server.exited).toBe(0);
    expect(logLines(server, "audit export finished")).toMatchObject([{ rows: ROWS / 5 }]);
    expect(server.output()).toContain("shutdown: in-flight requests finished, connections closed");
    expect(server.output()).not.toContain("cut off");
  }, 40_000);
});

describe("shutdown during a burst of progress saves", () => {
  it("answers every request it accepted in full, tells keep-alive connections to close, and exits 0", async () => {
    const server = await startBuiltServer(PORTS.burst);
    servers.push(server);
    const viewer = await createUser();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    type Outcome = { status: number; connection: string | undefined } | { error: string };
    const save = (seq: number) =>
      new Promise<Outcome>((resolve) => {
        const body = new URLSearchParams({
          episodeId: "moonlit-tea-house-ep-1",
          position: String(seq % 20),
          seq: String(seq),
        }).toString();
        const request = http.request(
          `${server.base}/resources/progress`,
          {
            method: "POST",
            agent,
            headers: {
              cookie: viewer.cookie,
              origin: server.base,
              "content-type": "application/x-www-form-urlencoded",
              "content-length": Buffer.byteLength(body),
            },
          },
          (response) => {
            response.resume();
            response.on("end", () =>
              resolve(
                response.complete
                  ? { status: response.statusCode ?? 0, connection: response.headers.connection }
                  : { error: "incomplete" },
              ),
            );
            response.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
          },
        );
        request.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
        request.end(body);
      });
    let done = 0;
    const all = Array.from({ length: 1_500 }, (_, i) =>
      save(i + 1).then((outcome) => {
        done++;
        return outcome;
      }),
    );
    await server.waitFor(() => done >= 200, "the burst to be under way");
    server.process.kill("SIGTERM");
    const outcomes = await Promise.all(all);
    agent.destroy();
    expect(await server.exited).toBe(0);

    const answered = outcomes.filter((o): o is { status: number; connection: string | undefined } => "status" in o);
    const errors = outcomes.filter((o): o is { error: string } => "error" in o).map((o) => o.error);
    // Refused connections (the server no longer listens) are fine: those requests were never sent.
    expect(errors.filter((error) => error !== "ECONNREFUSED")).toEqual([]);
    expect(answered.length).toBeGreaterThanOrEqual(200);
    expect(answered.every((o) => o.status === 204)).toBe(true);
    // Each keep-alive connection was told to close on its response after the signal.
    const closing = answered.filter((o) => o.connection === "close").length;
    expect(closing).toBeGreaterThanOrEqual(1);
    expect(closing).toBeLessThanOrEqual(8);
    expect(server.output()).toContain("shutdown: in-flight requests finished, connections closed");
    expect(logLines(server, "shutdown: database disconnected, exiting")).toMatchObject([{ code: 0 }]);
  }, 60_000);
});
