import { describe, expect, it } from "vitest";
import { log, REDACTED, setLogDestination, withRequestId } from "~/utils/log.server";

// Tests run with LOG_LEVEL=silent; this file reads what is logged (getEnv() is first called below).
process.env.LOG_LEVEL = "info";

function capture(): string[] {
  const lines: string[] = [];
  setLogDestination({ write: (line: string) => void lines.push(line) });
  return lines;
}

describe("log", () => {
  it("writes JSON lines with level, time and message, and the request id inside a request", async () => {
    const lines = capture();
    log.info("outside");
    await withRequestId("req-123", async () => {
      await Promise.resolve();
      log.warn("inside", { path: "/login" });
    });
    const [outside, inside] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(outside).toMatchObject({ level: "info", msg: "outside" });
    expect(outside).not.toHaveProperty("requestId");
    expect(typeof outside.time).toBe("string");
    expect(inside).toMatchObject({ level: "warn", msg: "inside", requestId: "req-123", path: "/login" });
  });

  it("redacts passwords, tokens, cookies, authorization headers and CSRF values wherever they appear", () => {
    const lines = capture();
    log.error("oops", {
      password: "hunter2 hunter2",
      nested: { sessionToken: "abc", accessToken: "def", sessionId: "ghi", note: "kept", endedSessions: 3 },
      headers: { cookie: "dracin_session=xyz", authorization: "Bearer k", "user-agent": "ua" },
      list: [{ newPassword: "p4ss word" }],
      _csrf: "tok",
      error: new Error("boom"),
    });
    const text = lines.join("");
    for (const secret of ["hunter2", "abc", "def", "ghi", "dracin_session=xyz", "Bearer k", "p4ss word", '"tok"']) {
      expect(text).not.toContain(secret);
    }
    const entry = JSON.parse(lines[0]) as Record<string, Record<string, unknown>>;
    expect(entry.password).toBe(REDACTED);
    expect(entry.nested.note).toBe("kept");
    expect(entry.nested.endedSessions).toBe(3);
    expect(entry.headers["user-agent"]).toBe("ua");
    expect(entry.error.message).toBe("boom");
  });
});
