import type { DeadLetterActionResponse, DeadLetterInfo, DeadLetterListResponse } from '@gosight/shared';
import type { DeadLetter, DeadLetterQuery } from '../store/index.js';

/** Which letters an action applies to: these ids, or every letter (of one session, if given). */
export type LetterSelection = { ids: string[] } | { all: true; sessionId?: string };

/**
 * What an operator does with dead letters: look at them, put them back on the replay
 * queue once the cause is fixed, or drop them. Served by the API (`/api/dead-letters`)
 * over the local stores, and used by `gosight dead-letters` through that API or, when no
 * server runs, directly.
 */
export interface DeadLetterAdmin {
  list(query: DeadLetterQuery): Promise<DeadLetterListResponse>;
  /** One letter with the queue message it keeps. */
  get(id: string): Promise<DeadLetter | undefined>;
  /** Publishes the letters' messages again, in session and batch order, and deletes each once it is durable on the queue. */
  retry(selection: LetterSelection): Promise<DeadLetterActionResponse>;
  /** Deletes the letters for good. */
  drop(selection: LetterSelection): Promise<DeadLetterActionResponse>;
}

/** Orders letters so a session's batches go back on the queue in the order they were sent. */
export const replayOrder = (a: DeadLetterInfo, b: DeadLetterInfo): number =>
  a.sessionId.localeCompare(b.sessionId) || a.seq - b.seq || a.failedAt - b.failedAt;
