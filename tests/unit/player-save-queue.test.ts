import { beforeEach, describe, expect, it } from "vitest";
import {
  ProgressSender,
  SAVE_QUEUE_KEY,
  SAVE_QUEUE_MAX_AGE_MS,
  SaveQueue,
  classifyResponse,
  memoryStorage,
  type KeyValueStorage,
  type PendingSave,
} from "~/lib/save-queue";

const DAY = 24 * 60 * 60 * 1000;

function save(episodeId: string, position: number, seq: number, viewingStart = false): PendingSave {
  return { episodeId, position, duration: 100, viewingStart, seq };
}

describe("classifyResponse", () => {
  it("treats 2xx as sent", () => {
    expect(classifyResponse(204)).toBe("sent");
    expect(classifyResponse(200)).toBe("sent");
  });

  it("retries network errors, server errors, timeouts and rate limits", () => {
    for (const status of [null, 0, 500, 502, 503, 408, 429])
      expect(classifyResponse(status), String(status)).toBe("retry");
  });

  it("drops other 4xx: bad input and signed-out saves cannot succeed later", () => {
    for (const status of [400, 401, 403, 404, 422]) expect(classifyResponse(status), String(status)).toBe("drop");
  });
});

describe("SaveQueue", () => {
  let clock: number;
  let storage: KeyValueStorage;
  let queue: SaveQueue;

  beforeEach(() => {
    clock = 50 * DAY;
    storage = memoryStorage();
    queue = new SaveQueue(storage, { now: () => clock });
  });

  it("keeps only the newest save per episode, by seq, whatever the arrival order", () => {
    queue.put(save("ep-1", 10, clock + 1));
    queue.put(save("ep-1", 30, clock + 3));
    queue.put(save("ep-1", 20, clock + 2));
    queue.put(save("ep-2", 5, clock + 4));
    expect(queue.list()).toEqual([save("ep-1", 30, clock + 3), save("ep-2", 5, clock + 4)]);
  });

  it("keeps a viewing start when a later save for the same episode replaces it", () => {
    queue.put(save("ep-1", 1, clock + 1, true));
    queue.put(save("ep-1", 9, clock + 2, false));
    expect(queue.list()).toEqual([save("ep-1", 9, clock + 2, true)]);
  });

  it("persists in the storage under one key, so another page can send it", () => {
    queue.put(save("ep-1", 10, clock));
    const again = new SaveQueue(storage, { now: () => clock });
    expect(again.list()).toEqual([save("ep-1", 10, clock)]);
    expect(storage.getItem(SAVE_QUEUE_KEY)).toContain("ep-1");
  });

  it("removes a delivered save, but not a newer one queued meanwhile", () => {
    queue.put(save("ep-1", 10, clock + 5));
    queue.remove("ep-1", clock + 4);
    expect(queue.list()).toHaveLength(1);
    queue.remove("ep-1", clock + 5);
    expect(queue.list()).toEqual([]);
    expect(storage.getItem(SAVE_QUEUE_KEY)).toBeNull();
  });

  it("forgets saves older than the maximum age", () => {
    queue.put(save("old", 10, clock - SAVE_QUEUE_MAX_AGE_MS - 1));
    queue.put(save("new", 10, clock - 1));
    expect(queue.list().map((s) => s.episodeId)).toEqual(["new"]);
  });

  it("holds at most maxEntries saves, dropping the oldest", () => {
    const small = new SaveQueue(storage, { now: () => clock, maxEntries: 2 });
    small.put(save("a", 1, clock + 1));
    small.put(save("b", 1, clock + 2));
    small.put(save("c", 1, clock + 3));
    expect(small.list().map((s) => s.episodeId)).toEqual(["b", "c"]);
  });

  it("survives garbage in the storage", () => {
    storage.setItem(SAVE_QUEUE_KEY, "{not json");
    expect(queue.list()).toEqual([]);
    storage.setItem(SAVE_QUEUE_KEY, JSON.stringify([{ episodeId: "x" }, save("ep-1", 3, clock), 42, null]));
    expect(queue.list()).toEqual([save("ep-1", 3, clock)]);
  });

  it("carries the quality playing, the newest save's winning, and reads saves queued before it existed", () => {
    queue.put({ ...save("ep-1", 10, clock + 1), quality: "720p" });
    queue.put({ ...save("ep-1", 20, clock + 2), quality: "360p" });
    queue.put({ ...save("ep-1", 15, clock + 1.5), quality: "auto" });
    expect(queue.list()).toEqual([{ ...save("ep-1", 20, clock + 2), quality: "360p" }]);
    // An older page's entry has no quality; one whose quality is not text is garbage.
    storage.setItem(
      SAVE_QUEUE_KEY,
      JSON.stringify([save("ep-2", 3, clock), { ...save("ep-3", 4, clock), quality: 7 }]),
    );
    expect(queue.list()).toEqual([save("ep-2", 3, clock)]);
  });

  it("still works for the page when the storage throws (private mode, quota)", () => {
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => {
        throw new Error("SecurityError");
      },
    };
    const fallback = new SaveQueue(broken, { now: () => clock });
    fallback.put(save("ep-1", 10, clock));
    expect(fallback.list()).toEqual([save("ep-1", 10, clock)]);
    fallback.remove("ep-1", clock);
    expect(fallback.list()).toEqual([]);
  });

  it("uses memory when there is no storage at all", () => {
    const memory = new SaveQueue(null, { now: () => clock });
    memory.put(save("ep-1", 10, clock));
    expect(memory.list()).toHaveLength(1);
  });
});

describe("ProgressSender", () => {
  let clock: number;
  let queue: SaveQueue;
  let online: boolean;
  let responses: (number | null | Error)[];
  let delivered: PendingSave[];
  let beaconed: PendingSave[];
  let beaconAccepts: boolean;
  let sender: ProgressSender;

  beforeEach(() => {
    clock = 50 * DAY;
    queue = new SaveQueue(memoryStorage(), { now: () => clock });
    online = true;
    responses = [];
    delivered = [];
    beaconed = [];
    beaconAccepts = true;
    sender = new ProgressSender({
      queue,
      transport: async (s) => {
        const next = responses.length > 0 ? responses.shift()! : 204;
        if (next instanceof Error) throw next;
        if (next !== null && next >= 200 && next < 300) delivered.push(s);
        return next;
      },
      beacon: (s) => {
        beaconed.push(s);
        return beaconAccepts;
      },
      isOnline: () => online,
    });
  });

  it("sends a save and queues nothing when it succeeds", async () => {
    expect(await sender.send(save("ep-1", 10, clock))).toBe("sent");
    expect(delivered).toEqual([save("ep-1", 10, clock)]);
    expect(queue.list()).toEqual([]);
  });

  it("keeps a save that failed on the network, and sends it when the network is back", async () => {
    responses = [null];
    expect(await sender.send(save("ep-1", 10, clock))).toBe("retry");
    expect(queue.list()).toEqual([save("ep-1", 10, clock)]);
    await sender.flush();
    expect(delivered).toEqual([save("ep-1", 10, clock)]);
    expect(queue.list()).toEqual([]);
  });

  it("treats a thrown transport error like a network error", async () => {
    responses = [new TypeError("Failed to fetch")];
    expect(await sender.send(save("ep-1", 10, clock))).toBe("retry");
    expect(queue.list()).toHaveLength(1);
  });

  it("keeps saves answered 5xx, 408 or 429", async () => {
    responses = [503, 408, 429];
    await sender.send(save("a", 1, clock + 1));
    await sender.send(save("b", 1, clock + 2));
    await sender.send(save("c", 1, clock + 3));
    expect(queue.list().map((s) => s.episodeId)).toEqual(["a", "b", "c"]);
  });

  it("drops a save refused with another 4xx (signed out, bad input)", async () => {
    responses = [401];
    expect(await sender.send(save("ep-1", 10, clock))).toBe("drop");
    expect(queue.list()).toEqual([]);
  });

  it("re-sends the queue, oldest first, after the next save succeeds", async () => {
    responses = [null, null];
    await sender.send(save("ep-1", 10, clock + 1));
    await sender.send(save("ep-2", 20, clock + 2));
    expect(queue.list()).toHaveLength(2);
    await sender.send(save("ep-3", 30, clock + 3));
    expect(delivered.map((s) => s.episodeId)).toEqual(["ep-3", "ep-1", "ep-2"]);
    expect(queue.list()).toEqual([]);
  });

  it("a newer save for the same episode replaces the queued one once delivered", async () => {
    responses = [null];
    await sender.send(save("ep-1", 10, clock + 1));
    await sender.send(save("ep-1", 15, clock + 2));
    expect(delivered).toEqual([save("ep-1", 15, clock + 2)]);
    expect(queue.list()).toEqual([]);
  });

  it("does not queue a failed save older than one the server already accepted", async () => {
    // An older save's failure arrives after a newer one went through.
    let release: (status: number | null) => void = () => {};
    const slow = new ProgressSender({
      queue,
      transport: (s) =>
        s.seq === clock + 1 ? new Promise<number | null>((resolve) => (release = resolve)) : Promise.resolve(204),
    });
    const first = slow.send(save("ep-1", 10, clock + 1));
    await slow.send(save("ep-1", 12, clock + 2));
    release(null);
    expect(await first).toBe("retry");
    expect(queue.list()).toEqual([]);
  });

  it("stops flushing at the first transient failure and keeps the rest", async () => {
    responses = [null, null, null];
    await sender.send(save("a", 1, clock + 1));
    await sender.send(save("b", 1, clock + 2));
    await sender.send(save("c", 1, clock + 3));
    responses = [204, 503];
    await sender.flush();
    expect(delivered.map((s) => s.episodeId)).toEqual(["a"]);
    expect(queue.list().map((s) => s.episodeId)).toEqual(["b", "c"]);
  });

  it("drops queued saves the server refuses for good while flushing", async () => {
    responses = [null, null];
    await sender.send(save("gone", 1, clock + 1));
    await sender.send(save("b", 1, clock + 2));
    responses = [404, 204];
    await sender.flush();
    expect(delivered.map((s) => s.episodeId)).toEqual(["b"]);
    expect(queue.list()).toEqual([]);
  });

  it("runs one flush at a time", async () => {
    responses = [null];
    await sender.send(save("a", 1, clock + 1));
    await Promise.all([sender.flush(), sender.flush(), sender.flush()]);
    expect(delivered.map((s) => s.episodeId)).toEqual(["a"]);
  });

  it("hands the final save to the beacon when online", () => {
    sender.sendFinal(save("ep-1", 10, clock));
    expect(beaconed).toEqual([save("ep-1", 10, clock)]);
    expect(queue.list()).toEqual([]);
  });

  it("keeps the final save for the next page when offline or the beacon is refused", () => {
    online = false;
    sender.sendFinal(save("ep-1", 10, clock + 1));
    expect(beaconed).toEqual([]);
    expect(queue.list()).toEqual([save("ep-1", 10, clock + 1)]);
    online = true;
    beaconAccepts = false;
    sender.sendFinal(save("ep-2", 10, clock + 2));
    expect(queue.list().map((s) => s.episodeId)).toEqual(["ep-1", "ep-2"]);
  });
});
