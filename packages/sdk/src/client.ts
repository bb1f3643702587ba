import type { RrwebEvent } from '@gosight/shared';
import { buildBatch, toPendingBatch } from './batch.js';
import type { GoSightConfig } from './config.js';
import { createArrayEventBuffer } from './event-buffer.js';
import { shouldFlushAfterAdd, shouldFlushBeforeAdd } from './flush-policy.js';
import type { Logger } from './logger.js';
import type { StartRecording } from './record-options.js';
import { createSendQueue, type SendQueueStats } from './send-queue.js';
import { loadOrCreateSession, takeNextSeq } from './session.js';
import type { KeyValueStore } from './storage.js';
import type { Transport } from './transport.js';

/** setInterval/clearInterval, injectable so tests drive time by hand. */
export interface Timers {
  /** Calls `callback` every `intervalMs` until cleared. */
  setInterval(callback: () => void, intervalMs: number): unknown;
  /** Cancels a handle returned by setInterval. */
  clearInterval(handle: unknown): void;
}

/** Everything the client needs from the outside world; index.ts builds the browser versions. */
export interface ClientDeps {
  store: KeyValueStore;
  transport: Transport;
  startRecording: StartRecording;
  /** Subscribes to "the page may die now"; returns the unsubscribe function. */
  onPageHide: (callback: () => void) => () => void;
  timers: Timers;
  newSessionId: () => string;
  log: Logger;
}

/** One recording of one page: rrweb events in, ordered batches out. */
export interface Client {
  readonly sessionId: string;
  /** Cuts a batch from the buffered events (if any) and sends waiting batches in order. */
  flush(): Promise<void>;
  /** Stops recording and timers, then sends what is left. Safe to call twice. */
  stop(): void;
  /** True once stopped, by `stop()` or because rrweb could not start. */
  readonly stopped: boolean;
  /** Delivery counters. */
  readonly stats: Readonly<SendQueueStats>;
}

export function createClient(config: GoSightConfig, deps: ClientDeps): Client {
  const { store, log } = deps;
  const sessionId = loadOrCreateSession(store, deps.newSessionId);
  const buffer = createArrayEventBuffer();
  const queue = createSendQueue({ transport: deps.transport, maxPendingBatches: config.maxPendingBatches, log });
  let stopped = false;

  /** Moves buffered events into a numbered batch. The seq is taken here so retries keep it. */
  const cutBatch = (): void => {
    if (buffer.length === 0) return;
    const seq = takeNextSeq(store);
    queue.enqueue(toPendingBatch(buildBatch(sessionId, seq, buffer.drain())));
  };

  const flush = (): Promise<void> => {
    try {
      cutBatch();
      return queue.pump();
    } catch (error) {
      log.debug('flush failed', error);
      return Promise.resolve();
    }
  };

  const flushFinal = (): void => {
    try {
      cutBatch();
      queue.sendAllFinal();
    } catch (error) {
      log.debug('final flush failed', error);
    }
  };

  const handleEvent = (event: RrwebEvent): void => {
    if (stopped) return;
    try {
      if (shouldFlushBeforeAdd(event, buffer.length)) void flush();
      buffer.add(event);
      if (shouldFlushAfterAdd(event, buffer.length, config.maxBatchEvents)) void flush();
    } catch (error) {
      log.debug('event handling failed', error);
    }
  };

  let stopRecording: (() => void) | null = null;
  let recordingFailed = false;
  const timer = deps.timers.setInterval(() => void flush(), config.flushIntervalMs);
  const unsubscribePageHide = deps.onPageHide(flushFinal);

  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    safely(() => stopRecording?.(), log);
    safely(() => deps.timers.clearInterval(timer), log);
    safely(unsubscribePageHide, log);
    void flush();
  };

  // onFailed may fire synchronously, before startRecording returns; stop once both are known.
  stopRecording = deps.startRecording(handleEvent, () => {
    recordingFailed = true;
    if (stopRecording) stop();
  });
  if (recordingFailed) stop();
  log.debug(`session ${sessionId}`);

  return {
    sessionId,
    flush,
    stop,
    get stopped() {
      return stopped;
    },
    stats: queue.stats,
  };
}

function safely(action: () => void, log: Logger): void {
  try {
    action();
  } catch (error) {
    log.debug('cleanup step failed', error);
  }
}
