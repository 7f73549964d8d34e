/**
 * The HTTP catalog provider against a real catalog API on 127.0.0.1
 * (tests/helpers/fault-upstream.ts): mapping, every upstream fault (what the
 * provider throws, what the page answers, what is logged, the circuit),
 * single-flight, stale serving, and user pages when the catalog is down.
 * Short timeouts and TTLs keep this file to a few seconds.
 *
 * Wall-clock bounds are relative: to the provider's configured timeout or
 * budget plus a scheduling slack measured in the same test (healthy round
 * trips to the same upstream, so a loaded machine widens it), and always
 * below the fault's own delay, so a timeout that stops firing still fails.
 * Cache ages move on the provider's injected clock, not by sleeping.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CatalogUnavailableError } from "~/catalog/errors";
import {
  createHttpCatalog,
  type HttpCatalogOptions,
  type HttpCatalogProvider,
  type Logger,
} from "~/catalog/http.server";
import { setCatalogForTests } from "~/catalog/index.server";
import { addFavorite, listFavorites } from "~/models/favorites.server";
import { recordViewing } from "~/models/history.server";
import { loader as homeLoader } from "~/routes/_index";
import { action as adminCatalogAction, loader as adminCatalogLoader } from "~/routes/admin.catalog";
import { loader as accountLoader } from "~/routes/account";
import { loader as browseLoader } from "~/routes/browse";
import { loader as dramaLoader } from "~/routes/drama.$dramaId";
import { action as historyAction, loader as historyLoader } from "~/routes/history";
import { loader as metricsLoader } from "~/routes/metrics";
import { loader as myListLoader } from "~/routes/my-list";
import { loader as readyLoader } from "~/routes/readyz";
import { action as favoritesAction } from "~/routes/resources.favorites";
import { action as progressAction } from "~/routes/resources.progress";
import { loader as searchLoader } from "~/routes/search";
import { loader as watchLoader } from "~/routes/watch.$episodeId";
import { prisma } from "~/utils/db.server";
import { startFaultUpstream, type Fault, type FaultUpstream } from "../helpers/fault-upstream";
import { getRequest, postForm } from "../helpers/requests";
import { callRoute } from "../helpers/route";
import { createUser, type TestUser } from "../helpers/users";

vi.mock("~/utils/assets.server", () => import("../helpers/test-assets"));

interface LogLine {
  level: keyof Logger;
  msg: string;
  fields: Record<string, unknown>;
}

let upstream: FaultUpstream;
let logs: LogLine[] = [];
const providers: HttpCatalogProvider[] = [];
const logger: Logger = {
  debug: (msg, fields = {}) => logs.push({ level: "debug", msg, fields }),
  info: (msg, fields = {}) => logs.push({ level: "info", msg, fields }),
  warn: (msg, fields = {}) => logs.push({ level: "warn", msg, fields }),
  error: (msg, fields = {}) => logs.push({ level: "error", msg, fields }),
};

/** A provider with test-sized timeouts, installed as the app's catalog. */
function useProvider(overrides: Partial<HttpCatalogOptions> = {}): HttpCatalogProvider {
  const provider = createHttpCatalog({
    baseUrl: upstream.url,
    timeoutMs: 250,
    budgetMs: 700,
    backoffMs: 5,
    breakerThreshold: 3,
    halfOpenAfterMs: 150,
    logger,
    ...overrides,
  });
  providers.push(provider);
  setCatalogForTests(provider);
  return provider;
}

const DRAMA = "ext:moonlit-tea-house";
const EPISODE = "ext:moonlit-tea-house-ep-1";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long `fn` took, in ms (wall clock). */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

/**
 * Scheduling slack for a wall-clock bound, measured now: four times the slowest of three
 * healthy, uncached round trips to the upstream through a provider (at least 200 ms). It
 * grows with the machine's load instead of failing under it. Leaves no counts or logs behind.
 */
async function measuredSlackMs(): Promise<number> {
  const probe = createHttpCatalog({ baseUrl: upstream.url, logger });
  try {
    let slowest = 0;
    for (const id of [DRAMA, "ext:neon-rain", "ext:a-thousand-lanterns-for-you"]) {
      const { value, ms } = await timed(() => probe.getDrama(id));
      expect(value?.id).toBe(id);
      slowest = Math.max(slowest, ms);
    }
    return Math.max(200, 4 * slowest);
  } finally {
    await probe.close();
    upstream.resetCounts();
    logs = [];
  }
}

/** An upstream fault that answers only after this long: far past every timeout below. */
const SLOW_MS = 4000;

beforeAll(async () => {
  upstream = await startFaultUpstream();
});

afterEach(async () => {
  upstream.setFault({ kind: "none" });
  upstream.setDelay(0);
  upstream.resetCounts();
  logs = [];
  setCatalogForTests(undefined);
  await Promise.all(providers.splice(0).map((p) => p.close()));
});

afterAll(async () => {
  await upstream.close();
});

describe("HTTP provider: mapping", () => {
  it("maps every endpoint onto our types with ids namespaced by provider", async () => {
    const catalog = useProvider();
    const home = await catalog.home();
    expect(home.featured.id).toBe("ext:a-thousand-lanterns-for-you");
    expect(home.rows.every((row) => row.dramas.every((d) => d.id.startsWith("ext:")))).toBe(true);
    expect((await catalog.facets()).genres).toContain("romance");
    const list = await catalog.list({ genre: "romance", sort: "rating", page: 1, pageSize: 5 });
    expect(list.items).toHaveLength(5);
    expect(list.items[0].id.startsWith("ext:")).toBe(true);
    expect((await catalog.search("moonlit tea")).items.map((d) => d.id)).toEqual([DRAMA]);
    const drama = await catalog.getDrama(DRAMA);
    expect(drama).toMatchObject({ id: DRAMA, title: "Moonlit Tea House", posterUrl: "/posters/moonlit-tea-house.svg" });
    const episodes = await catalog.getEpisodes(DRAMA);
    expect(episodes).toHaveLength(12);
    expect(episodes[0]).toMatchObject({ id: EPISODE, dramaId: DRAMA, number: 1 });
    expect(episodes[0].streams.hls).toBe("/media/sample-1/master.m3u8");
    expect((await catalog.getEpisode(EPISODE))?.subtitles.map((s) => s.lang)).toEqual(["en", "id"]);
    // Text tracks and the drama's claim about them come through, and lists filter by them upstream.
    expect((await catalog.getEpisode(EPISODE))?.descriptions.map((s) => s.src)).toEqual([
      "/media/sample-1/desc.en.vtt",
      "/media/sample-1/desc.id.vtt",
    ]);
    expect(drama?.tracks).toEqual({ subtitles: ["en", "id"], descriptions: ["en", "id"] });
    const described = await catalog.list({ descriptions: "id", pageSize: 60 });
    expect(described.items.map((d) => d.id)).toContain(DRAMA);
    expect(described.items.every((d) => d.tracks.descriptions.includes("id"))).toBe(true);
    expect(described.total).toBeLessThan((await catalog.list({ pageSize: 60 })).total);
    const batch = await catalog.getDramas([DRAMA, "ext:neon-rain", "ext:no-such-drama"]);
    expect([...batch.keys()].sort()).toEqual([DRAMA, "ext:neon-rain"]);
  });

  it("maps each drama's orientation, and a portrait drama's vertical episodes and 9:16 stills", async () => {
    const catalog = useProvider();
    expect((await catalog.getDrama(DRAMA))?.orientation).toBe("landscape");
    const portrait = await catalog.getDrama("ext:the-heir-who-came-back");
    expect(portrait?.orientation).toBe("portrait");
    const [first] = await catalog.getEpisodes("ext:the-heir-who-came-back");
    expect(first.streams.mp4.map((r) => r.height)).toEqual([640, 1280]);
    expect(first.thumbnailUrl).toBe("/posters/the-heir-who-came-back.portrait.svg");
    // Lists, batches and home rows carry it too (they seed the drama cache).
    const listed = (await catalog.list({ pageSize: 60 })).items;
    expect(listed.filter((d) => d.orientation === "portrait").map((d) => d.id)).toContain(portrait?.id);
    expect(listed.every((d) => d.orientation === "portrait" || d.orientation === "landscape")).toBe(true);
    const batch = await catalog.inLocale("id").getDramas([DRAMA, "ext:the-heir-who-came-back"]);
    expect([...batch.values()].map((d) => d.orientation)).toEqual(["landscape", "portrait"]);
  });

  it("answers null for an id of another provider without calling the upstream", async () => {
    const catalog = useProvider();
    expect(await catalog.getDrama("moonlit-tea-house")).toBeNull();
    expect(await catalog.getEpisode("moonlit-tea-house-ep-1")).toBeNull();
    expect(upstream.count()).toBe(0);
  });

  it("treats an upstream 404 as 'does not exist': null, cached, and not a failure for the circuit", async () => {
    const catalog = useProvider();
    for (let i = 0; i < 5; i++) expect(await catalog.getDrama("ext:gone-drama")).toBeNull();
    expect(upstream.count("/v1/dramas/gone-drama")).toBe(1);
    expect(catalog.status().circuit).toBe("closed");
    const page = await callRoute(dramaLoader, getRequest("/drama/ext:gone-drama"), { dramaId: "ext:gone-drama" });
    expect(page.status).toBe(404);
  });

  it("sends the API key as a bearer token; a wrong key is an error-level log", async () => {
    const guarded = await startFaultUpstream({ apiKey: "secret-key-123" });
    try {
      const good = useProvider({ baseUrl: guarded.url, apiKey: "secret-key-123" });
      expect((await good.getDrama(DRAMA))?.title).toBe("Moonlit Tea House");
      const bad = useProvider({ baseUrl: guarded.url, apiKey: "wrong" });
      await expect(bad.getDrama(DRAMA)).rejects.toMatchObject({ reason: "status", status: 401 });
      expect(logs.find((l) => l.level === "error")?.fields).toMatchObject({ status: 401, endpoint: "drama" });
      expect(JSON.stringify(logs)).not.toContain("wrong");
    } finally {
      await guarded.close();
    }
  });
});

interface FaultCase {
  name: string;
  fault: Fault;
  reason: CatalogUnavailableError["reason"];
  /** Requests one call makes (retries included); a range for timing-dependent faults. */
  attempts: [number, number];
  level: "warn" | "error";
}

const FAULTS: FaultCase[] = [
  {
    name: "a slow answer (past the timeout)",
    fault: { kind: "slow", delayMs: SLOW_MS },
    reason: "timeout",
    attempts: [2, 3],
    level: "warn",
  },
  { name: "500", fault: { kind: "status", status: 500 }, reason: "status", attempts: [3, 3], level: "warn" },
  { name: "502", fault: { kind: "status", status: 502 }, reason: "status", attempts: [3, 3], level: "warn" },
  { name: "503", fault: { kind: "status", status: 503 }, reason: "status", attempts: [3, 3], level: "warn" },
  {
    name: "429 with a Retry-After past the time budget",
    fault: { kind: "rate-limit", retryAfter: "30" },
    reason: "rate-limited",
    attempts: [1, 1],
    level: "warn",
  },
  { name: "malformed JSON", fault: { kind: "malformed" }, reason: "malformed", attempts: [1, 1], level: "error" },
  {
    name: "JSON of the wrong shape",
    fault: { kind: "wrong-shape" },
    reason: "invalid-shape",
    attempts: [1, 1],
    level: "error",
  },
  { name: "a reset connection", fault: { kind: "reset" }, reason: "network", attempts: [3, 3], level: "warn" },
  { name: "a body that never ends", fault: { kind: "hang-body" }, reason: "timeout", attempts: [2, 3], level: "warn" },
  { name: "a huge body", fault: { kind: "huge" }, reason: "too-large", attempts: [1, 1], level: "warn" },
];

describe.each(FAULTS)("upstream fault: $name", ({ fault, reason, attempts, level }) => {
  it("throws CatalogUnavailableError, the page answers 503, it is logged, and the circuit opens then closes", async () => {
    const slack = await measuredSlackMs();
    const budgetMs = 700;
    const catalog = useProvider({ budgetMs });
    upstream.setFault(fault);

    // The provider: a typed error, within its time budget, after the expected number of attempts.
    const { value: error, ms } = await timed(() => catalog.getDrama("ext:neon-rain").catch((e: unknown) => e));
    expect(error).toBeInstanceOf(CatalogUnavailableError);
    expect(error).toMatchObject({ reason });
    expect(ms).toBeLessThan(Math.min(budgetMs + slack, SLOW_MS));
    const made = upstream.count("/v1/dramas/neon-rain");
    expect(made).toBeGreaterThanOrEqual(attempts[0]);
    expect(made).toBeLessThanOrEqual(attempts[1]);

    // Logged once per call with what was wrong (never a crash).
    const failure = logs.find((l) => l.msg === "catalog: upstream call failed");
    expect(failure).toMatchObject({ level, fields: { endpoint: "drama", path: "/v1/dramas/neon-rain", reason } });
    if (reason === "invalid-shape") expect(String(failure?.fields.issues)).toMatch(/title|id/);

    // The page: 503 with the friendly page's Response (root ErrorBoundary renders it).
    const page = await callRoute(dramaLoader, getRequest("/drama/ext:neon-rain"), { dramaId: "ext:neon-rain" });
    expect(page).toMatchObject({ status: 503, thrown: true });
    expect(page.headers.get("Retry-After")).toBe("30");
    expect(page.text).toContain("catalog is unavailable right now");

    // Third failed call opens the circuit; then no upstream call at all.
    await catalog.getDrama("ext:neon-rain").catch(() => {});
    expect(catalog.status().circuit).toBe("open");
    expect(logs.some((l) => l.level === "warn" && l.msg.startsWith("catalog: circuit opened"))).toBe(true);
    const before = upstream.count();
    await expect(catalog.getDrama("ext:neon-rain")).rejects.toMatchObject({ reason: "circuit-open" });
    expect(upstream.count()).toBe(before);

    // Recovery: after halfOpenAfter one probe goes through and closes the circuit.
    upstream.setFault({ kind: "none" });
    await sleep(200);
    expect((await catalog.getDrama("ext:neon-rain"))?.title).toBe("Neon Rain");
    expect(catalog.status().circuit).toBe("closed");
    expect(catalog.status().lastFailure).toMatchObject({ reason, endpoint: "drama" });
    expect(logs.some((l) => l.msg.startsWith("catalog: circuit closed"))).toBe(true);
  });
});

describe("retries", () => {
  it("honours a 429 Retry-After that fits in the time budget", async () => {
    const catalog = useProvider({ budgetMs: 2500, timeoutMs: 500 });
    upstream.setFault({ kind: "rate-limit", retryAfter: "1", times: 1 });
    const { value: drama, ms } = await timed(() => catalog.getDrama(DRAMA));
    expect(drama?.title).toBe("Moonlit Tea House");
    // A lower bound: load only makes it longer. The retry waited the 1 s asked for (timer granularity aside).
    expect(ms).toBeGreaterThanOrEqual(1000 - 50);
    expect(upstream.count("/v1/dramas/")).toBe(2);
  });

  it("by default, a call never takes longer than its timeout, retries included", async () => {
    const slack = await measuredSlackMs();
    const timeoutMs = 300;
    const catalog = useProvider({ timeoutMs, budgetMs: undefined });
    upstream.setFault({ kind: "slow", delayMs: SLOW_MS });
    const { value: error, ms } = await timed(() => catalog.getDrama(DRAMA).catch((e: unknown) => e));
    expect(error).toMatchObject({ reason: "timeout" });
    // The timeout fired (well before the slow answer) and no retry followed it (one request only).
    expect(ms).toBeLessThan(Math.min(timeoutMs + slack, SLOW_MS));
    expect(upstream.count("/v1/dramas/")).toBe(1);
  });

  it("recovers within one call from a single 503", async () => {
    const catalog = useProvider();
    upstream.setFault({ kind: "status", status: 503, times: 1 });
    expect((await catalog.getDrama(DRAMA))?.title).toBe("Moonlit Tea House");
    expect(upstream.count("/v1/dramas/")).toBe(2);
    expect(logs.filter((l) => l.msg === "catalog: upstream call failed")).toHaveLength(0);
  });
});

describe("single-flight", () => {
  it("100 concurrent requests for the same uncached drama make exactly one upstream call", async () => {
    useProvider({ timeoutMs: 2000, budgetMs: 4000 });
    upstream.setDelay(100);
    const results = await Promise.all(
      Array.from({ length: 100 }, () => callRoute(dramaLoader, getRequest(`/drama/${DRAMA}`), { dramaId: DRAMA })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(upstream.count(`/v1/dramas/moonlit-tea-house`)).toBe(2); // the drama, and its episodes: one call each
    expect(upstream.count(`/v1/dramas/moonlit-tea-house/episodes`)).toBe(1);
  });
});

describe("cache", () => {
  it("serves a stale copy at once while refreshing in the background", async () => {
    let clock = Date.now();
    const timeoutMs = 5000;
    const catalog = useProvider({
      timeoutMs,
      budgetMs: 2 * timeoutMs,
      now: () => clock,
      cachePolicies: { drama: { ttlMs: 30, swrMs: 60_000, sieMs: 60_000 } },
    });
    await catalog.getDrama(DRAMA);
    clock += 50; // past the TTL, inside stale-while-revalidate
    // The upstream takes the refresh but does not answer it until released.
    const release = upstream.hold();
    try {
      const { value: stale, ms } = await timed(() => catalog.getDrama(DRAMA));
      expect(stale?.title).toBe("Moonlit Tea House");
      // The upstream never answered the refresh, so this answer did not wait for it: waiting would
      // have taken the whole timeout (then served the copy as stale-if-error).
      expect(ms).toBeLessThan(timeoutMs / 2);
      expect(catalog.status().cache.events["stale-if-error"]).toBe(0);
      await vi.waitFor(() => expect(upstream.count("/v1/dramas/moonlit-tea-house")).toBe(2));
      expect(catalog.status().cache.inflight).toBe(1);
    } finally {
      release();
    }
    await vi.waitFor(() => expect(catalog.status().cache.inflight).toBe(0));
    expect(catalog.status().cache.events.stale).toBe(1);
    expect(catalog.status().cache.events["refresh-failed"]).toBe(0);
  });

  it("serves a stale copy when the upstream fails (stale-if-error), and logs it", async () => {
    let clock = Date.now();
    const catalog = useProvider({ now: () => clock, cachePolicies: { drama: { ttlMs: 10, swrMs: 0, sieMs: 60_000 } } });
    await catalog.getDrama(DRAMA);
    clock += 20; // past the TTL, no stale-while-revalidate: the next read goes to the upstream
    upstream.setFault({ kind: "status", status: 503 });
    expect((await catalog.getDrama(DRAMA))?.title).toBe("Moonlit Tea House");
    expect(logs.some((l) => l.msg.startsWith("catalog: served a stale copy"))).toBe(true);
  });

  it("keeps stream URLs no longer than their expiresAt", async () => {
    const expiring = await startFaultUpstream({ streamTtlSeconds: 120 });
    try {
      let clock = Date.now();
      const catalog = useProvider({ baseUrl: expiring.url, now: () => clock });
      await catalog.getEpisode(EPISODE);
      await catalog.getEpisode(EPISODE);
      expect(expiring.count("/v1/episodes/")).toBe(1);
      clock += 61_000; // 120 s expiry minus the 60 s safety margin has passed
      await catalog.getEpisode(EPISODE);
      expect(expiring.count("/v1/episodes/")).toBe(2);
    } finally {
      await expiring.close();
    }
  });
});

describe("degradation across pages", () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await createUser({ name: "Catalog Viewer" });
  });

  it("after warm-up, with the upstream down, every page visited during warm-up still renders", async () => {
    let clock = Date.now();
    const catalog = useProvider({ now: () => clock });
    const cookie = user.cookie;
    expect(
      (
        await callRoute(
          favoritesAction,
          postForm("/resources/favorites", { intent: "add", dramaId: DRAMA }, { cookie }),
        )
      ).status,
    ).toBe(303);
    expect(
      (
        await callRoute(
          progressAction,
          postForm("/resources/progress", { episodeId: EPISODE, position: 5, viewingStart: 1 }, { cookie }),
        )
      ).status,
    ).toBe(204);

    const pages = [
      () => callRoute(homeLoader, getRequest("/", { cookie })),
      () => callRoute(browseLoader, getRequest("/browse?genre=romance&sort=rating")),
      () => callRoute(searchLoader, getRequest("/search?q=moonlit")),
      () => callRoute(dramaLoader, getRequest(`/drama/${DRAMA}`, { cookie }), { dramaId: DRAMA }),
      () => callRoute(watchLoader, getRequest(`/watch/${EPISODE}`, { cookie }), { episodeId: EPISODE }),
      () => callRoute(myListLoader, getRequest("/my-list", { cookie })),
      () => callRoute(historyLoader, getRequest("/history", { cookie })),
      () => callRoute(accountLoader, getRequest("/account", { cookie })),
    ];
    const warm = [];
    for (const visit of pages) warm.push(await visit());
    expect(warm.map((r) => r.status)).toEqual(pages.map(() => 200));

    // Two hours later (every list/home TTL and stale-while-revalidate window has passed), the upstream is down.
    clock += 2 * 60 * 60 * 1000;
    upstream.setFault({ kind: "reset" });
    const cold = [];
    for (const visit of pages) cold.push(await visit());
    expect(cold.map((r) => r.status)).toEqual(pages.map(() => 200));
    expect(JSON.stringify(cold.map((r) => r.data))).toBe(JSON.stringify(warm.map((r) => r.data)));
    expect(catalog.status().circuit).toBe("open");
    expect(catalog.status().cache.events["stale-if-error"]).toBeGreaterThan(0);

    // A page never visited cannot be served: 503.
    const unseen = await callRoute(dramaLoader, getRequest("/drama/ext:neon-rain"), { dramaId: "ext:neon-rain" });
    expect(unseen.status).toBe(503);
  });

  it("My List and history: 'details unavailable' when the catalog is down, 'no longer available' with working remove buttons when it says gone", async () => {
    const viewer = await createUser({ name: "List Viewer" });
    const cookie = viewer.cookie;
    await addFavorite(viewer.id, DRAMA);
    await addFavorite(viewer.id, "ext:gone-drama");
    await recordViewing(viewer.id, { episodeId: "ext:gone-drama-ep-1", dramaId: "ext:gone-drama" });

    // The upstream answers: one drama resolves, the other is gone (404 / absent from the batch).
    useProvider();
    const list = await callRoute(myListLoader, getRequest("/my-list", { cookie }));
    expect(list.status).toBe(200);
    const byId = Object.fromEntries((list.data?.items ?? []).map((item) => [item.dramaId, item]));
    expect(byId[DRAMA]).toMatchObject({ unavailable: false, drama: { title: "Moonlit Tea House" } });
    expect(byId["ext:gone-drama"]).toMatchObject({ unavailable: false, drama: null });
    const history = await callRoute(historyLoader, getRequest("/history", { cookie }));
    expect(history.data?.items[0]).toMatchObject({ dramaId: "ext:gone-drama", dramaState: "missing", drama: null });

    // The upstream is down and nothing is cached: the pages still render, saying "details unavailable".
    upstream.setFault({ kind: "status", status: 503 });
    useProvider();
    const down = await callRoute(myListLoader, getRequest("/my-list", { cookie }));
    expect(down.status).toBe(200);
    expect(down.data?.items.every((item) => item.unavailable && item.drama === null)).toBe(true);
    const downHistory = await callRoute(historyLoader, getRequest("/history", { cookie }));
    expect(downHistory).toMatchObject({ status: 200 });
    expect(downHistory.data?.items[0]).toMatchObject({ dramaState: "unavailable" });
    expect((await callRoute(accountLoader, getRequest("/account", { cookie }))).status).toBe(200);

    // Remove buttons work whatever the upstream does.
    const removed = await callRoute(
      favoritesAction,
      postForm(
        "/resources/favorites",
        { intent: "remove", dramaId: "ext:gone-drama", redirectTo: "/my-list" },
        { cookie },
      ),
    );
    expect(removed.status).toBe(303);
    expect((await listFavorites(viewer.id)).map((f) => f.dramaId)).toEqual([DRAMA]);
    const cleared = await callRoute(
      historyAction,
      postForm("/history", { intent: "remove-drama", dramaId: "ext:gone-drama" }, { cookie }),
    );
    expect(cleared.status).toBe(303);
    expect(await prisma.watchHistory.count({ where: { userId: viewer.id } })).toBe(0);
  });
});

describe("health, metrics and the admin page", () => {
  it("/readyz reports the database and the catalog circuit", async () => {
    const catalog = useProvider();
    await catalog.getDrama(DRAMA);
    const ready = await callRoute(readyLoader, getRequest("/readyz"));
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text ?? "{}")).toMatchObject({
      status: "ok",
      database: { status: "ok" },
      catalog: { provider: "http", circuit: "closed", status: "ok" },
    });
    upstream.setFault({ kind: "status", status: 500 });
    for (let i = 0; i < 3; i++) await catalog.getDrama(`ext:x-${i}`).catch(() => {});
    const degraded = JSON.parse((await callRoute(readyLoader, getRequest("/readyz"))).text ?? "{}") as {
      catalog: { lastSuccessAt: unknown };
    };
    expect(degraded).toMatchObject({ status: "ok", catalog: { circuit: "open", status: "degraded" } });
    expect(degraded.catalog.lastSuccessAt).toEqual(expect.any(String));
  });

  it("/metrics has catalog calls, cache events and the circuit state in Prometheus format", async () => {
    const catalog = useProvider();
    await catalog.getDrama(DRAMA);
    await catalog.getDrama(DRAMA);
    const result = await callRoute(metricsLoader, getRequest("/metrics"));
    expect(result.headers.get("Content-Type")).toContain("text/plain");
    expect(result.text).toMatch(/dracin_catalog_upstream_requests_total\{endpoint="drama",outcome="ok"\} \d+/);
    expect(result.text).toMatch(/dracin_catalog_cache_events_total\{kind="drama",event="hit"\} \d+/);
    expect(result.text).toMatch(/dracin_catalog_circuit_state\{provider="ext"\} 0/);
    expect(result.text).toContain("dracin_http_request_duration_seconds");
  });

  it("/admin/catalog: login redirect for visitors, 403 for viewers, status and an audited cache clear for admins", async () => {
    const catalog = useProvider();
    await catalog.getDrama(DRAMA);
    const anonymous = await callRoute(adminCatalogLoader, getRequest("/admin/catalog"));
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const viewer = await createUser();
    expect((await callRoute(adminCatalogLoader, getRequest("/admin/catalog", { cookie: viewer.cookie }))).status).toBe(
      403,
    );
    expect(
      (
        await callRoute(
          adminCatalogAction,
          postForm("/admin/catalog", { intent: "clear-cache" }, { cookie: viewer.cookie }),
        )
      ).status,
    ).toBe(403);

    const admin = await createUser({ name: "Admin" });
    await prisma.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });
    const page = await callRoute(adminCatalogLoader, getRequest("/admin/catalog", { cookie: admin.cookie }));
    expect(page.status).toBe(200);
    expect(page.data?.status).toMatchObject({
      provider: "http",
      circuit: "closed",
      cache: { size: expect.any(Number) },
    });
    expect(catalog.status().cache.size).toBeGreaterThan(0);

    const cleared = await callRoute(
      adminCatalogAction,
      postForm("/admin/catalog", { intent: "clear-cache" }, { cookie: admin.cookie }),
    );
    expect(cleared.status).toBe(303);
    expect(catalog.status().cache.size).toBe(0);
    const audit = await prisma.auditLog.findFirst({ where: { userId: admin.id, action: "CATALOG_CACHE_CLEAR" } });
    expect(audit).toMatchObject({ entityType: "catalog", entityId: "http" });
  });
});
