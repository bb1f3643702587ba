import type { ChunkMeta, RrwebEvent } from '@gosight/shared';

/** Fetches one chunk's events; rejects on any failure. */
export type FetchChunk = (index: number, signal: AbortSignal) => Promise<RrwebEvent[]>;

export interface ChunkLoaderOptions {
  /** Chunks from the replay manifest, in any order; they are loaded by ascending `index`. */
  chunks: readonly ChunkMeta[];
  fetchChunk: FetchChunk;
  /** Receives each chunk's events exactly once, strictly in index order. */
  onChunk: (index: number, events: RrwebEvent[]) => void;
  /** Told once when a chunk cannot be loaded; that chunk and every later one stay unloaded. */
  onError: (index: number, error: unknown) => void;
  /** Chunks requested ahead of the next one to deliver, that one included (at least 1). */
  concurrency: number;
  /** Extra attempts per chunk after a failed fetch. */
  retries: number;
  /** Wait before retry n (1-based) is `retryDelayMs * n`. */
  retryDelayMs: number;
  /** Waits between retries; resolves early when the signal aborts. Injectable for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Loads a session's chunks in the background and hands them over in order. */
export interface ChunkLoader {
  /** Starts fetching, chunk 0 first. Calling it again does nothing. */
  start(): void;
  /** Resolves once the chunk with this index and every earlier one were delivered; rejects if one failed. */
  whenLoaded(index: number): Promise<void>;
  /** Number of chunks delivered so far. */
  loadedCount(): number;
  /** True once every chunk was delivered. */
  isComplete(): boolean;
  /** Stops all fetches; pending and later `whenLoaded` calls reject. */
  abort(): void;
}

interface Waiter {
  position: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const defaultSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Creates a loader that keeps up to `concurrency` chunk fetches going but delivers results
 * strictly in index order, so rrweb always receives a chunk's events after the previous
 * chunk's. It never runs further ahead than `concurrency` chunks past the next one due,
 * which bounds the memory spent on chunks that arrived early.
 */
export function createChunkLoader(options: ChunkLoaderOptions): ChunkLoader {
  const order = [...options.chunks].map((chunk) => chunk.index).sort((a, b) => a - b);
  const sleep = options.sleep ?? defaultSleep;
  const concurrency = Math.max(1, options.concurrency);
  const abortController = new AbortController();
  const arrived = new Map<number, RrwebEvent[]>();
  let waiters: Waiter[] = [];
  let started = false;
  let nextToFetch = 0;
  let nextToDeliver = 0;
  /** Position of the first chunk that failed; nothing at or after it is delivered. */
  let failedAt = Number.POSITIVE_INFINITY;
  let failure: unknown = null;

  const positionOf = (index: number): number => {
    const position = order.indexOf(index);
    return position === -1 ? order.length - 1 : position;
  };

  const settleWaiters = (): void => {
    waiters = waiters.filter((waiter) => {
      if (waiter.position < nextToDeliver) waiter.resolve();
      else if (abortController.signal.aborted) waiter.reject(new Error('Chunk loading was stopped.'));
      else if (waiter.position >= failedAt) waiter.reject(failure);
      else return true;
      return false;
    });
  };

  const fail = (position: number, error: unknown): void => {
    if (position >= failedAt || abortController.signal.aborted) return;
    failedAt = position;
    failure = error;
    options.onError(order[position], error);
    settleWaiters();
  };

  const deliver = (): void => {
    while (nextToDeliver < failedAt && arrived.has(nextToDeliver)) {
      const events = arrived.get(nextToDeliver) ?? [];
      arrived.delete(nextToDeliver);
      try {
        options.onChunk(order[nextToDeliver], events);
      } catch (error) {
        fail(nextToDeliver, error);
        break;
      }
      nextToDeliver += 1;
    }
    settleWaiters();
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

  const pump = (): void => {
    while (
      !abortController.signal.aborted &&
      nextToFetch < order.length &&
      nextToFetch < failedAt &&
      nextToFetch - nextToDeliver < concurrency
    ) {
      const position = nextToFetch;
      nextToFetch += 1;
      fetchWithRetries(order[position]).then(
        (events) => {
          if (abortController.signal.aborted) return;
          arrived.set(position, events);
          deliver();
          pump();
        },
        (error: unknown) => fail(position, error),
      );
    }
  };

  return {
    start() {
      if (started) return;
      started = true;
      pump();
    },
    whenLoaded(index) {
      return new Promise<void>((resolve, reject) => {
        waiters.push({ position: positionOf(index), resolve, reject });
        settleWaiters();
      });
    },
    loadedCount: () => nextToDeliver,
    isComplete: () => nextToDeliver === order.length,
    abort() {
      abortController.abort();
      arrived.clear();
      settleWaiters();
    },
  };
}
