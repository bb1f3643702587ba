import type { RrwebEvent } from './rrweb-events.js';

/** Version of the batch envelope; ingest rejects versions it does not know. */
export const BATCH_SCHEMA_VERSION = 1;

/**
 * What the SDK POSTs to `/v1/replay` (gzipped or plain JSON).
 * `seq` counts batches within one session from 0, so the processor can drop a batch
 * delivered twice.
 */
export interface ReplayBatch {
  /** Envelope version; omitted means 1. */
  v?: number;
  /** UUID kept in the tab's sessionStorage for the life of the session. */
  sessionId: string;
  /** Per-session batch sequence number, from 0. */
  seq: number;
  /** rrweb events in the order rrweb emitted them. */
  events: RrwebEvent[];
  /**
   * Events the SDK dropped since its last delivered batch because its queue was over
   * budget (oldest first). Reported so the loss is visible, never silent.
   */
  droppedEvents?: number;
}

/** Session ids are UUIDs (any version), compared case-insensitively. */
export const SESSION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ingest paths and header names the SDK and the server agree on. */
export const INGEST_PATH = '/v1/replay';
export const PROJECT_KEY_HEADER = 'x-gosight-key';
export const PROJECT_KEY_QUERY = 'key';
