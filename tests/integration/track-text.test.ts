/**
 * Reading a track for the transcript (app/catalog/track-text.server.ts) from a
 * real HTTP server on 127.0.0.1: a good file, the failures that must become
 * "unavailable" (status, not WebVTT, too large, too slow, a redirect), and the
 * cache that keeps a parsed track and retries a failed one only later.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAX_TRACK_BYTES, TRACK_TIMEOUT_MS, clearTrackCache, trackCues } from "~/catalog/track-text.server";

const GOOD = "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Su Wan>Hello &amp; welcome.\n\n00:02.000 --> 00:03.000\nBye\n";
const hits = new Map<string, number>();
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const path = request.url ?? "/";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === "/good.vtt") {
      response.writeHead(200, { "Content-Type": "text/vtt" }).end(GOOD);
    } else if (path === "/error.vtt") {
      response.writeHead(500).end("oops");
    } else if (path === "/srt.vtt") {
      response.writeHead(200).end("1\n00:00:00,000 --> 00:00:01,000\nSRT\n");
    } else if (path === "/huge-declared.vtt") {
      response.writeHead(200, { "Content-Length": String(MAX_TRACK_BYTES + 1) });
      response.write("WEBVTT\n\n");
      setTimeout(() => response.destroy(), 50);
    } else if (path === "/huge-chunked.vtt") {
      response.writeHead(200);
      const chunk = `${"x".repeat(64 * 1024)}\n`;
      let sent = 0;
      const more = () => {
        while (sent <= MAX_TRACK_BYTES + chunk.length) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once("drain", more);
        }
        response.end();
      };
      response.write("WEBVTT\n\n");
      more();
    } else if (path === "/slow.vtt") {
      response.writeHead(200);
      response.write("WEBVTT\n\n");
      // Never finishes in time.
      setTimeout(() => response.end(), TRACK_TIMEOUT_MS + 3000).unref();
    } else if (path === "/redirect.vtt") {
      response.writeHead(302, { Location: "/good.vtt" }).end();
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  clearTrackCache();
  hits.clear();
});

describe("a remote track", () => {
  it("is fetched, parsed and kept", async () => {
    const cues = await trackCues(`${base}/good.vtt`);
    expect(cues).toEqual([
      { start: 0, end: 2, text: "Hello & welcome.", speaker: "Su Wan" },
      { start: 2, end: 3, text: "Bye", speaker: null },
    ]);
    await trackCues(`${base}/good.vtt`);
    await Promise.all([trackCues(`${base}/good.vtt`), trackCues(`${base}/good.vtt`)]);
    expect(hits.get("/good.vtt")).toBe(1);
  });

  it("asks once for pages that want it at the same time", async () => {
    const [a, b] = await Promise.all([trackCues(`${base}/good.vtt`), trackCues(`${base}/good.vtt`)]);
    expect(a).toBe(b);
    expect(hits.get("/good.vtt")).toBe(1);
  });

  it("is unavailable (null) for an error status, a file that is not WebVTT, a redirect or a missing file", async () => {
    for (const path of ["/error.vtt", "/srt.vtt", "/redirect.vtt", "/missing.vtt"]) {
      expect(await trackCues(`${base}${path}`), path).toBeNull();
    }
    expect(hits.get("/good.vtt")).toBeUndefined();
  });

  it("is unavailable when too large, declared or not", async () => {
    expect(await trackCues(`${base}/huge-declared.vtt`)).toBeNull();
    expect(await trackCues(`${base}/huge-chunked.vtt`)).toBeNull();
  });

  it("is unavailable when too slow, within the time limit", async () => {
    const started = performance.now();
    expect(await trackCues(`${base}/slow.vtt`)).toBeNull();
    expect(performance.now() - started).toBeLessThan(TRACK_TIMEOUT_MS + 1500);
  });

  it("keeps a failure for a while instead of asking again at once", async () => {
    expect(await trackCues(`${base}/error.vtt`)).toBeNull();
    expect(await trackCues(`${base}/error.vtt`)).toBeNull();
    expect(hits.get("/error.vtt")).toBe(1);
  });
});

describe("a site path", () => {
  it("is read from public/", async () => {
    const cues = await trackCues("/media/sample-1/subs.en.vtt");
    expect(cues?.map((cue) => cue.start)).toEqual([0, 4, 7, 11, 16]);
  });

  it("never leaves public/ and reads only .vtt files", async () => {
    for (const src of [
      "/../package.json",
      "/media/../../package.json",
      "/%2e%2e/%2e%2e/etc/passwd",
      "/media/sample-1/360p.mp4",
      "/media/sample-1/subs.en.vtt%00.txt",
      "//127.0.0.1/media/sample-1/subs.en.vtt",
      "\\media\\sample-1\\subs.en.vtt",
      "media/sample-1/subs.en.vtt",
      "ftp://example.com/subs.vtt",
    ]) {
      expect(await trackCues(src), src).toBeNull();
    }
  });
});
