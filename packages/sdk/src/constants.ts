import { WIRE_LIMITS } from '@gosight/shared';

/**
 * Every default, limit and storage key the SDK uses, in one place, with units in the names.
 * Recording values follow spec §3.3.
 */

/** How often buffered events are shipped even if the batch is not full. Also the ceiling for the option. */
export const DEFAULT_FLUSH_INTERVAL_MS = 5_000;
export const MAX_FLUSH_INTERVAL_MS = 5_000;
/** Below this the timer would fire faster than a request can finish. */
export const MIN_FLUSH_INTERVAL_MS = 250;

/** A batch is shipped as soon as it holds this many events. */
export const DEFAULT_MAX_BATCH_EVENTS = 50;

/**
 * A batch is cut before its JSON would pass this many characters, so one burst of mutations
 * becomes several requests; about 30-80 KB once gzipped, which also fits the unload budget.
 */
export const MAX_BATCH_CHARS = 512 * 1024;

/**
 * One event larger than this is dropped (and counted): the server refuses bodies over 16 MiB
 * decompressed, and a character can take up to 3 bytes in UTF-8.
 */
export const MAX_EVENT_CHARS = 5 * 1024 * 1024;

/**
 * Batches waiting to be sent (server down, offline). Past either cap the oldest is dropped and
 * its events are reported in the next batch's `droppedEvents`, so a long outage cannot eat the
 * host page's memory.
 */
export const MAX_PENDING_BATCHES = 100;
export const MAX_QUEUE_CHARS = 5 * 1024 * 1024;

/**
 * What may be parked in sessionStorage for the next page of the tab. The origin's quota
 * (about 5 M characters) belongs to the host page; we take a fifth at most.
 */
export const MAX_PERSISTED_QUEUE_CHARS = 1024 * 1024;

/** Retries: exponential backoff from 1 s to 60 s with equal jitter; Retry-After is honoured up to 10 min. */
export const RETRY_BASE_DELAY_MS = 1_000;
export const RETRY_MAX_DELAY_MS = 60_000;
export const RETRY_AFTER_MAX_MS = 10 * 60_000;

/**
 * Browsers cap the bodies of all in-flight keepalive requests (and beacons) at 64 KiB
 * together; stay under it with some headroom.
 */
export const KEEPALIVE_MAX_BODY_BYTES = 60_000;

/** rrweb checkout: a fresh Meta + FullSnapshot every minute or every 200 incremental events. */
export const CHECKOUT_EVERY_MS = 60_000;
export const CHECKOUT_EVERY_NTH_EVENT = 200;

/**
 * Opt-in canvas recording: frames per second sampled from every unblocked canvas (a frame
 * identical to the last is not sent), and the WebP quality of each frame. Frame rates are
 * clamped to the range below: past 15 fps the frames cost more than the rest of a session.
 */
export const DEFAULT_CANVAS_FPS = 4;
export const MIN_CANVAS_FPS = 0.5;
export const MAX_CANVAS_FPS = 15;
export const DEFAULT_CANVAS_QUALITY = 0.6;
export const CANVAS_FRAME_TYPE = 'image/webp';

/** Throttles from spec §3.3. */
export const SCROLL_SAMPLING_MS = 150;
export const MEDIA_SAMPLING_MS = 800;

/**
 * Console plugin: rrweb's `lengthThreshold` is the number of console records kept per page
 * (then one warning says the threshold was reached).
 */
export const CONSOLE_LENGTH_THRESHOLD = 1_000;
export const DEFAULT_CONSOLE_LEVELS = ['error', 'warn'] as const;
/** Longest console argument or stack frame kept, in characters; rrweb itself does not cut strings. */
export const CONSOLE_MAX_ARG_CHARS = 2_000;
/** Unhandled errors and rejections recorded per page; then one warning, then silence. */
export const MAX_ERROR_ENTRIES_PER_PAGE = 100;

/** Network recording: longest request or response body kept after redaction, in characters. */
export const NETWORK_MAX_BODY_CHARS = 10_000;

/** Custom events: longest name and largest JSON payload accepted; events queued before recording starts. */
export const MAX_CUSTOM_EVENT_NAME_CHARS = WIRE_LIMITS.maxEventNameChars;
export const MAX_CUSTOM_PAYLOAD_CHARS = 16_384;
export const MAX_PENDING_CUSTOM_EVENTS = 100;

/** Session lifecycle: a new session after 30 min without user activity, or 4 h after it started. */
export const SESSION_IDLE_TIMEOUT_MS = 30 * 60_000;
export const SESSION_MAX_DURATION_MS = 4 * 60 * 60_000;
/** Activity time is written to sessionStorage at most this often (mousemoves come by the dozen). */
export const ACTIVITY_PERSIST_INTERVAL_MS = 5_000;

/** Privacy classes the host page can put on elements. */
export const DEFAULT_MASK_TEXT_CLASS = 'gosight-mask';
export const DEFAULT_BLOCK_CLASS = 'gosight-block';
export const DEFAULT_IGNORE_CLASS = 'gosight-ignore';

/** sessionStorage keys: survive navigations within a tab, die with the tab. */
export const SESSION_ID_STORAGE_KEY = 'gosight.sid';
export const SEQ_STORAGE_KEY = 'gosight.seq';
export const SESSION_STARTED_STORAGE_KEY = 'gosight.started';
export const SESSION_ACTIVITY_STORAGE_KEY = 'gosight.active';
export const SESSION_SAMPLED_STORAGE_KEY = 'gosight.sampled';
/** Index of batches parked for the next page; each body lives under QUEUE_ITEM_KEY_PREFIX + id. */
export const QUEUE_INDEX_STORAGE_KEY = 'gosight.queue';
export const QUEUE_ITEM_KEY_PREFIX = 'gosight.queue.';
