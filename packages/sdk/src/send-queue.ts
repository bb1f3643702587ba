import type { PendingBatch } from './batch.js';
import type { Logger } from './logger.js';
import type { Transport } from './transport.js';

/** Counters for what did not make it, readable in debug sessions and tests. */
export interface SendQueueStats {
  sent: number;
  dropped: number;
  /** Oldest batches thrown away because too many were waiting. */
  overflowed: number;
}

/** Batches that were cut but not yet delivered, sent one at a time in seq order. */
export interface SendQueue {
  /** Adds a batch behind the waiting ones, dropping the oldest past the cap. */
  enqueue(batch: PendingBatch): void;
  /** Sends waiting batches in order until none is left or one must wait for the next flush. */
  pump(): Promise<void>;
  /** Hands every waiting batch to the browser synchronously; for pagehide. */
  sendAllFinal(): void;
  /** Seq numbers of waiting batches, oldest first. */
  waitingSeqs(): number[];
  readonly stats: Readonly<SendQueueStats>;
}

export interface SendQueueDeps {
  transport: Transport;
  maxPendingBatches: number;
  log: Logger;
}

export function createSendQueue({ transport, maxPendingBatches, log }: SendQueueDeps): SendQueue {
  const waiting: PendingBatch[] = [];
  const stats: SendQueueStats = { sent: 0, dropped: 0, overflowed: 0 };
  let running: Promise<void> | null = null;

  // By identity, not shift(): sendAllFinal may already have taken the batch out during an await.
  const remove = (batch: PendingBatch): boolean => {
    const index = waiting.indexOf(batch);
    if (index === -1) return false;
    waiting.splice(index, 1);
    return true;
  };

  async function run(): Promise<void> {
    while (waiting.length > 0) {
      const batch = waiting[0];
      const outcome = await transport.send(batch.body);
      // Simple for now: the batch stays at the head and the next flush tries again.
      if (outcome === 'retry') return;
      if (!remove(batch)) continue; // already handed over by sendAllFinal and counted there
      if (outcome === 'ok') stats.sent++;
      else {
        stats.dropped++;
        log.debug(`dropped batch seq ${batch.seq}: rejected by the server`);
      }
    }
  }

  return {
    enqueue(batch) {
      waiting.push(batch);
      while (waiting.length > maxPendingBatches) {
        const oldest = waiting.shift();
        stats.overflowed++;
        log.debug(`send queue full, dropped batch seq ${oldest?.seq}`);
      }
    },

    pump() {
      // One sender at a time keeps batches in seq order; a running loop picks up new ones itself.
      if (!running) {
        running = run()
          .catch((error: unknown) => log.debug('send loop failed', error))
          .finally(() => {
            running = null;
          });
      }
      return running;
    },

    sendAllFinal() {
      if (waiting.length === 0) return;
      const accepted = transport.sendFinal(waiting.map((batch) => batch.body));
      // Delivery of these cannot be confirmed; a batch in flight may arrive twice, and the
      // server drops repeats by seq.
      waiting.splice(0, accepted);
      stats.sent += accepted;
    },

    waitingSeqs: () => waiting.map((batch) => batch.seq),
    stats,
  };
}
