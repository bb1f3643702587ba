import type { RrwebEvent } from '@gosight/shared';

/** Fetches one chunk's events; rejects on any failure. */
export type FetchChunk = (index: number, signal: AbortSignal) => Promise<RrwebEvent[]>;

export interface ChunkCacheOptions {
  fetchChunk: FetchChunk;
  /** Most decoded chunks held at once; pinned chunks may push the count past it until unpinned. */
  capacity: number;
  /** Extra attempts per chunk after a failed fetch. */
  retries: number;
  /** Wait before retry n (1-based) is `retryDelayMs * n`. */
  retryDelayMs: number;
  /** Told after every change of the held set (a chunk arrived or was dropped). */
  onChange?: () => void;
  /** Waits between retries; resolves early when the signal aborts. Injectable for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * Decoded chunks by index, fetched on demand and dropped least-recently-used first, so a
 * long session never holds more than `capacity` chunks (plus the pinned ones) in memory.
 */
export interface ChunkCache {
  /** The chunk's events: held ones at once, otherwise fetched (one fetch per chunk however many ask). */
  get(index: number): Promise<RrwebEvent[]>;
  /** The events if held now, without fetching; counts as a use. */
  peek(index: number): RrwebEvent[] | undefined;
  /** Starts fetching in the background; a failure is forgotten, so a later `get` tries again. */
  prefetch(index: number): void;
  /** Sets the chunks that must not be dropped (the replay window and its neighbours), then trims. */
  pin(indices: Iterable<number>): void;
  /** Indices held now, ascending. */
  held(): number[];
  /** Chunk fetches started so far (retries not counted): shows what lazy loading cost. */
  fetchCount(): number;
  /** Stops every fetch; pending and later `get` calls reject. */
  abort(): void;
}

const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/** Creates an empty cache. */
export function createChunkCache(options: ChunkCacheOptions): ChunkCache {
  const sleep = options.sleep ?? defaultSleep;
  const abortController = new AbortController();
  /** Held chunks; Map iteration order doubles as the LRU order (oldest first). */
  const held = new Map<number, RrwebEvent[]>();
  const inFlight = new Map<number, Promise<RrwebEvent[]>>();
  let pinned = new Set<number>();
  let fetches = 0;

  const touch = (index: number, events: RrwebEvent[]): void => {
    held.delete(index);
    held.set(index, events);
  };

  /** Drops the oldest unpinned chunks past capacity; `spare` (just fetched for a caller) stays. */
  const trim = (spare?: number): boolean => {
    let dropped = false;
    for (const index of held.keys()) {
      if (held.size <= options.capacity) break;
      if (pinned.has(index) || index === spare) continue;
      held.delete(index);
      dropped = true;
    }
    return dropped;
  };

  const fetchWithRetries = async (index: number): Promise<RrwebEvent[]> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await options.fetchChunk(index, abortController.signal);
      } catch (error) {
        if (attempt >= options.retries || abortController.signal.aborted) throw error;
        await sleep(options.retryDelayMs * (attempt + 1), abortController.signal);
      }
    }
  };

  const load = (index: number): Promise<RrwebEvent[]> => {
    const events = held.get(index);
    if (events) {
      touch(index, events);
      return Promise.resolve(events);
    }
    if (abortController.signal.aborted) return Promise.reject(new Error('Chunk loading was stopped.'));
    const pending = inFlight.get(index);
    if (pending) return pending;
    fetches += 1;
    const started = fetchWithRetries(index).then(
      (loaded) => {
        inFlight.delete(index);
        if (abortController.signal.aborted) throw new Error('Chunk loading was stopped.');
        touch(index, loaded);
        trim(index);
        options.onChange?.();
        return loaded;
      },
      (error: unknown) => {
        inFlight.delete(index);
        throw error;
      },
    );
    inFlight.set(index, started);
    return started;
  };

  return {
    get: load,
    peek(index) {
      const events = held.get(index);
      if (events) touch(index, events);
      return events;
    },
    prefetch(index) {
      load(index).catch(() => undefined);
    },
    pin(indices) {
      pinned = new Set(indices);
      if (trim()) options.onChange?.();
    },
    held: () => [...held.keys()].sort((a, b) => a - b),
    fetchCount: () => fetches,
    abort() {
      abortController.abort();
      held.clear();
    },
  };
}
