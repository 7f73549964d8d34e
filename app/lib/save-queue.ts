/**
 * Progress saves that survive a flaky or missing network.
 *
 * `SaveQueue` keeps failed saves in a key-value storage (localStorage in the
 * browser): only the newest per episode, dropped after `maxAgeMs`, at most
 * `maxEntries`. `ProgressSender` sends a save, queues it when the failure is
 * transient (network error, 5xx, 408, 429), drops it on any other 4xx (bad
 * input, signed out: retrying cannot help), and re-sends the queue after the
 * next save succeeds or when the caller says the network is back.
 *
 * Pure: storage, clock, transport and beacon are injected. Re-sending is
 * safe: saves carry the client `seq`, and the server ignores one older than
 * what it holds.
 */

export interface PendingSave {
  episodeId: string;
  position: number;
  duration: number;
  viewingStart: boolean;
  seq: number;
  /** The rendition playing when the report was made ("360p", "auto"); absent in saves queued by older pages. */
  quality?: string;
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const SAVE_QUEUE_KEY = "dracin:pending-progress";
export const SAVE_QUEUE_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;
export const SAVE_QUEUE_MAX_ENTRIES = 50;

export interface SaveQueueOptions {
  key?: string;
  now?: () => number;
  maxAgeMs?: number;
  maxEntries?: number;
}

function isPendingSave(value: unknown): value is PendingSave {
  if (!value || typeof value !== "object") return false;
  const save = value as Record<string, unknown>;
  return (
    typeof save.episodeId === "string" &&
    save.episodeId.length > 0 &&
    typeof save.position === "number" &&
    Number.isFinite(save.position) &&
    typeof save.duration === "number" &&
    Number.isFinite(save.duration) &&
    typeof save.viewingStart === "boolean" &&
    typeof save.seq === "number" &&
    Number.isFinite(save.seq) &&
    (save.quality === undefined || typeof save.quality === "string")
  );
}

/** A Map behind the storage interface: used when localStorage is unavailable. */
export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

export class SaveQueue {
  private readonly storage: KeyValueStorage;
  private readonly fallback = memoryStorage();
  private readonly key: string;
  private readonly now: () => number;
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;

  constructor(storage: KeyValueStorage | null, options: SaveQueueOptions = {}) {
    this.storage = storage ?? this.fallback;
    this.key = options.key ?? SAVE_QUEUE_KEY;
    this.now = options.now ?? (() => Date.now());
    this.maxAgeMs = options.maxAgeMs ?? SAVE_QUEUE_MAX_AGE_MS;
    this.maxEntries = options.maxEntries ?? SAVE_QUEUE_MAX_ENTRIES;
  }

  /** Pending saves, oldest first; expired and malformed entries are left out. */
  list(): PendingSave[] {
    let raw: string | null = null;
    try {
      raw = this.storage.getItem(this.key);
    } catch {
      raw = this.fallback.getItem(this.key);
    }
    if (!raw) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return [];
    }
    if (!Array.isArray(parsed)) return [];
    const oldest = this.now() - this.maxAgeMs;
    return parsed
      .filter(isPendingSave)
      .filter((save) => save.seq >= oldest)
      .sort((a, b) => a.seq - b.seq);
  }

  /** Keeps `save` unless a newer one for the same episode is queued. */
  put(save: PendingSave): void {
    const saves = this.list();
    const index = saves.findIndex((queued) => queued.episodeId === save.episodeId);
    if (index === -1) {
      saves.push(save);
    } else {
      const queued = saves[index];
      // A viewing that started while offline must still be recorded once.
      const viewingStart = queued.viewingStart || save.viewingStart;
      saves[index] = save.seq >= queued.seq ? { ...save, viewingStart } : { ...queued, viewingStart };
    }
    saves.sort((a, b) => a.seq - b.seq);
    this.write(saves.slice(-this.maxEntries));
  }

  /** Forgets the queued save of `episodeId` if it is not newer than `seq` (it was delivered). */
  remove(episodeId: string, seq: number): void {
    const saves = this.list();
    const kept = saves.filter((save) => save.episodeId !== episodeId || save.seq > seq);
    if (kept.length !== saves.length) this.write(kept);
  }

  clear(): void {
    this.write([]);
  }

  private write(saves: PendingSave[]): void {
    try {
      if (saves.length === 0) this.storage.removeItem(this.key);
      else this.storage.setItem(this.key, JSON.stringify(saves));
    } catch {
      // Storage full or forbidden (private mode): keep the queue for this page at least.
      if (saves.length === 0) this.fallback.removeItem(this.key);
      else this.fallback.setItem(this.key, JSON.stringify(saves));
    }
  }
}

export type SaveOutcome = "sent" | "retry" | "drop";

/** What to do after a response: `null` means the request failed without one (network error). */
export function classifyResponse(status: number | null): SaveOutcome {
  if (status === null || status === 0) return "retry";
  if (status >= 200 && status < 300) return "sent";
  if (status === 408 || status === 429 || status >= 500) return "retry";
  return "drop";
}

export interface SenderOptions {
  queue: SaveQueue;
  /** Sends one save; resolves to the HTTP status, or null on a network error. */
  transport: (save: PendingSave) => Promise<number | null>;
  /** Queues a save for sending as the page goes away; false when the browser refused it. */
  beacon?: (save: PendingSave) => boolean;
  isOnline?: () => boolean;
}

export class ProgressSender {
  private readonly queue: SaveQueue;
  private readonly transport: (save: PendingSave) => Promise<number | null>;
  private readonly beacon?: (save: PendingSave) => boolean;
  private readonly isOnline: () => boolean;
  /** Highest seq the server accepted, per episode, in this page. */
  private readonly delivered = new Map<string, number>();
  private flushing: Promise<void> | null = null;

  constructor(options: SenderOptions) {
    this.queue = options.queue;
    this.transport = options.transport;
    this.beacon = options.beacon;
    this.isOnline = options.isOnline ?? (() => true);
  }

  async send(save: PendingSave): Promise<SaveOutcome> {
    const outcome = await this.attempt(save);
    if (outcome === "sent") await this.flush();
    return outcome;
  }

  /**
   * The page is going away: hand the save to the browser's beacon queue. When
   * offline, or the browser refuses it, keep it for the next page instead.
   */
  sendFinal(save: PendingSave): void {
    if (this.isOnline() && this.beacon && this.beacon(save)) return;
    this.keep(save);
  }

  /** Re-sends queued saves, oldest first; stops at the first transient failure. */
  flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.drain().finally(() => {
        this.flushing = null;
      });
    }
    return this.flushing;
  }

  private async drain(): Promise<void> {
    const tried = new Set<string>();
    for (;;) {
      const next = this.queue.list().find((save) => !tried.has(`${save.episodeId} ${save.seq}`));
      if (!next) return;
      tried.add(`${next.episodeId} ${next.seq}`);
      const outcome = await this.attempt(next);
      if (outcome === "retry") return;
    }
  }

  private async attempt(save: PendingSave): Promise<SaveOutcome> {
    let status: number | null;
    try {
      status = await this.transport(save);
    } catch {
      status = null;
    }
    const outcome = classifyResponse(status);
    if (outcome === "retry") {
      this.keep(save);
    } else {
      // Delivered, or refused for good: either way it must not be sent again.
      this.queue.remove(save.episodeId, save.seq);
      if (outcome === "sent") {
        this.delivered.set(save.episodeId, Math.max(save.seq, this.delivered.get(save.episodeId) ?? 0));
      }
    }
    return outcome;
  }

  private keep(save: PendingSave): void {
    // The server already holds something newer for this episode: nothing to keep.
    if ((this.delivered.get(save.episodeId) ?? -1) >= save.seq) return;
    this.queue.put(save);
  }
}
