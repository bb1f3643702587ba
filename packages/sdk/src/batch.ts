import { BATCH_SCHEMA_VERSION } from '@gosight/shared';

/** A batch cut from the buffer: its events are already JSON. */
export interface BatchDraft {
  readonly sessionId: string;
  readonly seq: number;
  readonly events: readonly string[];
}

/**
 * The JSON body of a batch in pieces: concatenated, they are the body. Kept apart because a
 * batch can be a megabyte: joining it on the main thread would copy it twice more for
 * nothing, when `new Blob(parts)` (and the worker) take the pieces as they are.
 */
export type BodyParts = readonly string[];

/** A serialized batch waiting in the send queue (and perhaps parked in sessionStorage). */
export interface PendingBatch {
  readonly sessionId: string;
  readonly seq: number;
  /** Fixed at enqueue time, so every retry sends the same bytes for the same seq. */
  readonly parts: BodyParts;
  /** Characters in all parts. */
  readonly chars: number;
  readonly eventCount: number;
  /** The over-budget drop count this batch reports to the server. */
  readonly droppedEvents: number;
  /** Failed attempts (network error, 5xx, 429). */
  attempts: number;
  /** Storage key while parked for the next page. */
  parkedKey?: string;
}

/**
 * The `/v1/replay` envelope `{ v, sessionId, seq, droppedEvents?, events }` around events that
 * are already JSON, as pieces, without parsing or copying the events again.
 */
export function batchParts(sessionId: string, seq: number, events: readonly string[], droppedEvents: number): string[] {
  const head: Record<string, unknown> = { v: BATCH_SCHEMA_VERSION, sessionId, seq };
  if (droppedEvents > 0) head.droppedEvents = droppedEvents;
  const parts = [`${JSON.stringify(head).slice(0, -1)},"events":[`];
  for (let i = 0; i < events.length; i++) {
    if (i > 0) parts.push(',');
    parts.push(events[i]);
  }
  parts.push(']}');
  return parts;
}

/** The whole body as one string: only where one is needed (unload, parking, tests). */
export function joinParts(parts: BodyParts): string {
  return parts.length === 1 ? parts[0] : parts.join('');
}

export function partsLength(parts: BodyParts): number {
  let chars = 0;
  for (const part of parts) chars += part.length;
  return chars;
}
