import { BATCH_SCHEMA_VERSION, type ReplayBatch, type RrwebEvent } from '@gosight/shared';

/** A batch cut from the buffer and serialized once, waiting in the send queue. */
export interface PendingBatch {
  readonly seq: number;
  /** The JSON body; serialized at cut time so retries resend the same bytes. */
  readonly body: string;
}

/** The envelope the server's `/v1/replay` accepts. */
export function buildBatch(sessionId: string, seq: number, events: RrwebEvent[]): ReplayBatch {
  return { v: BATCH_SCHEMA_VERSION, sessionId, seq, events };
}

export function toPendingBatch(batch: ReplayBatch): PendingBatch {
  return { seq: batch.seq, body: JSON.stringify(batch) };
}
