import { EventType, type RrwebEvent } from '@gosight/shared';

/**
 * When to cut a batch, kept apart from what goes in it (batch.ts) and where it goes
 * (transport.ts).
 *
 * A Meta event opens a new snapshot segment: rrweb emits Meta then FullSnapshot at start and
 * at every checkout (those two carry `isCheckout`). Cutting before the Meta makes every batch
 * after a checkout begin with Meta + FullSnapshot, so the server can start a replayable chunk
 * on a batch boundary.
 */
export function shouldFlushBeforeAdd(event: RrwebEvent, bufferedCount: number): boolean {
  return event.type === EventType.Meta && bufferedCount > 0;
}

/**
 * Cut once the batch is full, except right after a Meta: the FullSnapshot that follows must
 * travel in the same batch. Also cut right after a FullSnapshot: it is usually the largest
 * event and the only one a replay cannot do without, and sent now it goes gzipped by normal
 * fetch; left for pagehide it would go uncompressed and often exceed the ~64 KiB browsers
 * allow during unload.
 */
export function shouldFlushAfterAdd(event: RrwebEvent, bufferedCount: number, maxBatchEvents: number): boolean {
  if (event.type === EventType.FullSnapshot) return true;
  return bufferedCount >= maxBatchEvents && event.type !== EventType.Meta;
}
