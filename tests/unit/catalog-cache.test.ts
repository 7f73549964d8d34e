import { describe, expect, it } from "vitest";
import { CatalogCache, type CacheEvent } from "~/catalog/cache.server";

const policy = { ttlMs: 1000, swrMs: 5000, sieMs: 60_000 };

function setup() {
  let clock = 0;
  const events: CacheEvent[] = [];
  const cache = new CatalogCache({ max: 3, now: () => clock, onEvent: (_kind, event) => events.push(event) });
  return { cache, events, advance: (ms: number) => void (clock += ms) };
}

describe("CatalogCache", () => {
  it("serves a fresh copy without loading again", async () => {
    const { cache, events } = setup();
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get("k", "drama", () => policy, load)).toBe(1);
    expect(await cache.get("k", "drama", () => policy, load)).toBe(1);
    expect(loads).toBe(1);
    expect(events).toEqual(["miss", "hit"]);
  });

  it("serves a stale copy at once and refreshes it in the background", async () => {
    const { cache, events, advance } = setup();
    let loads = 0;
    const load = async () => ++loads;
    await cache.get("k", "drama", () => policy, load);
    advance(2000);
    expect(await cache.get("k", "drama", () => policy, load)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await cache.get("k", "drama", () => policy, load)).toBe(2);
    expect(events).toEqual(["miss", "stale", "hit"]);
  });

  it("serves the old copy when loading fails within the stale-if-error window, and throws after it", async () => {
    const { cache, events, advance } = setup();
    await cache.get(
      "k",
      "drama",
      () => policy,
      async () => "old",
    );
    advance(30_000);
    const failing = async () => {
      throw new Error("upstream down");
    };
    expect(await cache.get("k", "drama", () => policy, failing)).toBe("old");
    advance(40_000);
    await expect(cache.get("k", "drama", () => policy, failing)).rejects.toThrow("upstream down");
    expect(events).toEqual(["miss", "miss", "stale-if-error", "miss"]);
  });

  it("makes one load for many concurrent gets of the same key", async () => {
    const { cache } = setup();
    let loads = 0;
    const load = () => new Promise<number>((resolve) => setTimeout(() => resolve(++loads), 20));
    const values = await Promise.all(Array.from({ length: 100 }, () => cache.get("k", "drama", () => policy, load)));
    expect(new Set(values)).toEqual(new Set([1]));
    expect(loads).toBe(1);
  });

  it("shares a failed load between concurrent gets and does not cache the failure", async () => {
    const { cache } = setup();
    let loads = 0;
    const load = () => new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`fail ${++loads}`)), 10));
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => cache.get("k", "drama", () => policy, load)),
    );
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    expect(loads).toBe(1);
    await expect(
      cache.get(
        "k",
        "drama",
        () => policy,
        async () => 7,
      ),
    ).resolves.toBe(7);
  });

  it("keeps at most `max` entries (least recently used go first) and can be cleared", async () => {
    const { cache } = setup();
    for (const key of ["a", "b", "c", "d"])
      await cache.get(
        key,
        "drama",
        () => policy,
        async () => key,
      );
    expect(cache.stats().size).toBe(3);
    expect(cache.peek("a")).toBeUndefined();
    expect(cache.peek("d")).toBe("d");
    cache.clear();
    expect(cache.stats().size).toBe(0);
  });

  it("uses the policy the loaded value asks for (e.g. expiring stream URLs)", async () => {
    const { cache, advance } = setup();
    let loads = 0;
    const short = { ttlMs: 10, swrMs: 0, sieMs: 0 };
    await cache.get(
      "k",
      "episode",
      () => short,
      async () => ++loads,
    );
    advance(11);
    expect(
      await cache.get(
        "k",
        "episode",
        () => short,
        async () => ++loads,
      ),
    ).toBe(2);
  });
});
