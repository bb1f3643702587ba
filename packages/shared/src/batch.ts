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

/** A UUID (any version), case-insensitive: session ids, dead-letter ids. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Session ids are UUIDs (any version), compared case-insensitively. */
export const SESSION_ID_PATTERN = UUID_PATTERN;

/** Ingest paths and header names the SDK and the server agree on. */
export const INGEST_PATH = '/v1/replay';
export const PROJECT_KEY_HEADER = 'x-gosight-key';
export const PROJECT_KEY_QUERY = 'key';

/**
 * Limits on the fields of a batch that the server stores in typed columns or indexes, so
 * the SDK and the ingest agree on what is accepted (the ingest answers 400 past them).
 */
export const WIRE_LIMITS = {
  /** Custom event names (`event(name)`), and user ids given to `identify`. */
  maxEventNameChars: 200,
  /** Plugin names of rrweb Plugin events. */
  maxPluginNameChars: 200,
  /** Page URLs in Meta events; far beyond what browsers show, well within what the store indexes. */
  maxUrlChars: 65_536,
  /** Viewport sizes in Meta events are stored as unsigned 16-bit integers. */
  maxViewportPx: 65_535,
  /**
   * Arrays and objects nested in one batch (the batch itself is level 1, each event level 3).
   * A serialized DOM takes two levels per element, so this allows documents about 500
   * elements deep; much deeper values overflow the stack of the recursive walks after ingest.
   */
  maxJsonDepth: 1_000,
  /**
   * JSON characters of the events whose free text the ingest scrubs (page views, console and
   * network entries, custom events) in one batch. The SDK cuts a whole batch at 512 Ki
   * characters; the cap bounds the scrubber's work on a hostile batch.
   */
  maxFreeTextChars: 1_048_576,
} as const;
