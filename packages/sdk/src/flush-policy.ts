import { EventType } from '@gosight/shared';

/** How full the buffer is. */
export interface BufferLevel {
  count: number;
  chars: number;
}

/** When a batch is cut. */
export interface FlushLimits {
  maxBatchEvents: number;
  maxBatchChars: number;
}

/**
 * When to cut a batch, kept apart from what goes in it (batch.ts) and where it goes
 * (transport.ts).
 *
 * A Meta event opens a new snapshot segment: rrweb emits Meta then FullSnapshot at start and
 * at every checkout. Cutting before the Meta makes every batch after a checkout begin with
 * Meta + FullSnapshot, so the server can start a replayable chunk on a batch boundary. An
 * event that would push the batch past its size cap is cut off into the next batch, except a
 * FullSnapshot, which stays with its Meta.
 */
export function shouldFlushBeforeAdd(type: number, eventChars: number, level: BufferLevel, limits: FlushLimits): boolean {
  if (level.count === 0) return false;
  if (type === EventType.Meta) return true;
  if (type === EventType.FullSnapshot) return false;
  return level.chars + eventChars > limits.maxBatchChars;
}

/**
 * Cut once the batch is full (by count or size), except right after a Meta: the FullSnapshot
 * that follows must travel in the same batch. Also cut right after a FullSnapshot: it is
 * usually the largest event and the only one a replay cannot do without, and sent now it goes
 * gzipped by normal fetch instead of waiting for an unload.
 */
export function shouldFlushAfterAdd(type: number, level: BufferLevel, limits: FlushLimits): boolean {
  if (type === EventType.FullSnapshot) return true;
  if (type === EventType.Meta) return false;
  return level.count >= limits.maxBatchEvents || level.chars >= limits.maxBatchChars;
}
