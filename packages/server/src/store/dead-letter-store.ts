import type { DeadLetterInfo } from '@gosight/shared';

/** A dead letter with the queue message it keeps, byte for byte as the ingest queued it. */
export interface DeadLetter extends Omit<DeadLetterInfo, 'bytes'> {
  message: Buffer;
}

export interface DeadLetterQuery {
  limit: number;
  offset: number;
  /** Only the letters of this session. */
  sessionId?: string;
}

/**
 * Where the processor sets aside batches it cannot store, so they never block other
 * sessions and are never lost: an operator lists them, fixes the cause, and retries them
 * (they go back on the replay queue) or drops them.
 */
export interface DeadLetterStore {
  /** Keeps letters; they are durable when this resolves. */
  add(letters: DeadLetter[]): Promise<void>;
  /** Letters without their bytes, oldest first, with the total matching the query. */
  list(query: DeadLetterQuery): Promise<{ letters: DeadLetterInfo[]; total: number }>;
  /** One letter with its bytes, or undefined. */
  get(id: string): Promise<DeadLetter | undefined>;
  /** Deletes letters by id; unknown ids are ignored. */
  remove(ids: string[]): Promise<void>;
}

export const toDeadLetterInfo = ({ message, ...info }: DeadLetter): DeadLetterInfo => ({ ...info, bytes: message.length });
