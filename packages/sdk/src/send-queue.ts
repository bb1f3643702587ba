import { batchParts, joinParts, partsLength, type BatchDraft, type PendingBatch } from './batch.js';
import { retryDelayMs } from './backoff.js';
import { RETRY_MAX_DELAY_MS } from './constants.js';
import type { Logger } from './logger.js';
import type { QueuePersistence } from './queue-persistence.js';
import type { Transport } from './transport.js';

/** Counters for what happened to batches, readable in debug sessions and tests. */
export interface SendQueueStats {
  /** Acknowledged by the server, or handed to the browser on unload. */
  sent: number;
  /** Refused by the server (4xx other than 429): the batch itself was bad. */
  rejected: number;
  /** Failed attempts that will be retried. */
  retries: number;
  /** Batches and events thrown away because the queue was over budget (reported as droppedEvents). */
  droppedBatches: number;
  droppedEvents: number;
}

/** setTimeout/clearTimeout, injectable so tests drive time by hand. */
export interface QueueTimers {
  /** Calls `callback` once after `delayMs`. */
  setTimeout(callback: () => void, delayMs: number): unknown;
  /** Cancels a handle returned by setTimeout. */
  clearTimeout(handle: unknown): void;
}

/** Batches that were cut but not yet delivered, sent one at a time in seq order. */
export interface SendQueue {
  /** Serializes a batch behind the waiting ones (reporting the events dropped so far), dropping the oldest past the budget. */
  enqueue(draft: BatchDraft): void;
  /** Counts events dropped before they reached a batch (too large to send); reported in the next batch. */
  noteDropped(events: number): void;
  /** Sends waiting batches in order until none is left or one must wait for its retry time. */
  pump(): Promise<void>;
  /**
   * Resolves once every batch waiting now has left the queue: acknowledged, refused by the
   * server, dropped over the budget, or handed to the browser at unload. Waits through retries.
   */
  settled(): Promise<void>;
  /** The network is back: retry at once instead of waiting out the backoff. */
  retryNow(): void;
  /** Parks every waiting batch for the next page (the page was hidden and may be killed). */
  park(): void;
  /**
   * pagehide: hands waiting batches to keepalive/beacon and parks what may not arrive: all of
   * it when offline or while the server was failing, else only batches that had failed.
   */
  sendAllFinal(): void;
  /** Puts what an earlier page parked in front of the queue. */
  restore(now: number): void;
  /** Seq numbers of waiting batches, oldest first. */
  waitingSeqs(): number[];
  readonly stats: Readonly<SendQueueStats>;
}

export interface SendQueueDeps {
  transport: Transport;
  persistence: QueuePersistence;
  timers: QueueTimers;
  now: () => number;
  random: () => number;
  isOnline: () => boolean;
  maxPendingBatches: number;
  maxQueueChars: number;
  log: Logger;
}

export function createSendQueue(deps: SendQueueDeps): SendQueue {
  const { transport, persistence, log } = deps;
  const waiting: PendingBatch[] = [];
  const stats: SendQueueStats = { sent: 0, rejected: 0, retries: 0, droppedBatches: 0, droppedEvents: 0 };
  let queuedChars = 0;
  /** Events dropped and not yet carried by a batch. */
  let unreportedDrops = 0;
  let inFlight: PendingBatch | null = null;
  let failures = 0;
  let nextAttemptAt = 0;
  let retryTimer: unknown = null;
  /** The send loop's promise, and whether the loop is still looping (cleared as it exits, not a tick later). */
  let running: Promise<void> = Promise.resolve();
  let looping = false;
  /** `settled()` callers, each with the batches it still waits for. */
  let settlers: { batches: Set<PendingBatch>; resolve: () => void }[] = [];

  const remove = (batch: PendingBatch): boolean => {
    const index = waiting.indexOf(batch);
    if (index === -1) return false;
    waiting.splice(index, 1);
    queuedChars -= batch.chars;
    for (const settler of settlers) {
      settler.batches.delete(batch);
      if (settler.batches.size === 0) settler.resolve();
    }
    settlers = settlers.filter((settler) => settler.batches.size > 0);
    return true;
  };

  /** Drops the oldest batches (never the one in flight) until `slots` more batches of `chars` in all fit the budget. */
  const makeRoom = (slots: number, chars: number): void => {
    while (waiting.length + slots > deps.maxPendingBatches || (queuedChars + chars > deps.maxQueueChars && waiting.length > 0)) {
      const victim = waiting[0] === inFlight ? waiting[1] : waiting[0];
      if (!victim) return;
      remove(victim);
      persistence.forget(victim);
      unreportedDrops += victim.eventCount + victim.droppedEvents;
      stats.droppedBatches++;
      stats.droppedEvents += victim.eventCount;
      log.debug(`send queue over budget, dropped batch seq ${victim.seq} (${victim.eventCount} events)`);
    }
  };

  const add = (batch: PendingBatch, atFront: boolean): void => {
    if (atFront) waiting.unshift(batch);
    else waiting.push(batch);
    queuedChars += batch.chars;
  };

  const scheduleRetry = (delayMs: number): void => {
    if (retryTimer !== null) deps.timers.clearTimeout(retryTimer);
    retryTimer = deps.timers.setTimeout(() => {
      retryTimer = null;
      void pump();
    }, delayMs);
  };

  /**
   * The send loop. `looping` is cleared in the same microtask the loop ends in, so a pump()
   * right after it starts a new loop instead of joining one that is already over.
   */
  async function run(): Promise<void> {
    try {
      while (waiting.length > 0) {
        if (!deps.isOnline()) {
          // The 'online' event calls retryNow; the slow timer covers a browser that never fires it.
          scheduleRetry(RETRY_MAX_DELAY_MS);
          return;
        }
        const waitMs = nextAttemptAt - deps.now();
        if (waitMs > 0) {
          if (retryTimer === null) scheduleRetry(waitMs);
          return;
        }
        const batch = waiting[0];
        inFlight = batch;
        const result = await transport.send(batch.parts).finally(() => {
          inFlight = null;
        });
        if (!waiting.includes(batch)) continue; // handed over by sendAllFinal, or dropped, meanwhile
        if (result.outcome === 'retry') {
          batch.attempts++;
          failures++;
          stats.retries++;
          const delayMs = retryDelayMs(failures, result.retryAfterMs, deps.random);
          nextAttemptAt = deps.now() + delayMs;
          log.debug(`batch seq ${batch.seq} will be retried in ${delayMs} ms`);
          scheduleRetry(delayMs);
          return;
        }
        failures = 0;
        nextAttemptAt = 0;
        remove(batch);
        persistence.forget(batch);
        if (result.outcome === 'ok') stats.sent++;
        else {
          stats.rejected++;
          log.debug(`dropped batch seq ${batch.seq}: rejected by the server`);
        }
      }
    } finally {
      looping = false;
    }
  }

  function pump(): Promise<void> {
    // One sender at a time keeps batches in seq order; a looping sender picks up new ones itself.
    if (!looping) {
      looping = true;
      running = run().catch((error: unknown) => log.debug('send loop failed', error));
    }
    return running;
  }

  return {
    enqueue(draft) {
      let chars = draft.events.length + 100;
      for (const event of draft.events) chars += event.length;
      makeRoom(1, chars);
      const droppedEvents = unreportedDrops;
      unreportedDrops = 0;
      const parts = batchParts(draft.sessionId, draft.seq, draft.events, droppedEvents);
      add({ sessionId: draft.sessionId, seq: draft.seq, parts, chars: partsLength(parts), eventCount: draft.events.length, droppedEvents, attempts: 0 }, false);
    },

    noteDropped(events) {
      unreportedDrops += events;
      stats.droppedEvents += events;
    },

    pump,

    settled() {
      if (waiting.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => settlers.push({ batches: new Set(waiting), resolve }));
    },

    retryNow() {
      failures = 0;
      nextAttemptAt = 0;
      if (retryTimer !== null) deps.timers.clearTimeout(retryTimer);
      retryTimer = null;
      void pump();
    },

    park() {
      persistence.save(waiting, unreportedDrops);
    },

    sendAllFinal() {
      const online = deps.isOnline();
      const healthy = online && failures === 0;
      const handed = online && waiting.length > 0 ? transport.sendFinal(waiting.map((batch) => joinParts(batch.parts))) : 0;
      // Handed-over batches will most likely arrive; the ones that failed before (or all, if
      // the server is failing) stay queued and parked, and the server drops any repeat by seq.
      for (const batch of waiting.slice(0, handed)) {
        if (healthy && batch.attempts === 0) {
          remove(batch);
          persistence.forget(batch);
          stats.sent++;
        }
      }
      persistence.save(waiting, unreportedDrops);
    },

    restore(now) {
      const parked = persistence.load(now);
      unreportedDrops += parked.droppedEvents;
      for (let i = parked.batches.length - 1; i >= 0; i--) add(parked.batches[i], true);
      makeRoom(0, 0);
      if (parked.batches.length > 0) log.debug(`restored ${parked.batches.length} parked batches`);
    },

    waitingSeqs: () => waiting.map((batch) => batch.seq),
    stats,
  };
}
