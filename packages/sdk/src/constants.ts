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
 * Batches waiting to be sent (server down, offline). Past this the oldest is dropped so a long
 * outage cannot eat the host page's memory.
 */
export const MAX_PENDING_BATCHES = 100;

/**
 * Browsers cap the bodies of all in-flight keepalive requests at 64 KiB together; stay under it
 * with some headroom and hand anything bigger to sendBeacon.
 */
export const KEEPALIVE_MAX_BODY_BYTES = 60_000;

/** rrweb checkout: a fresh Meta + FullSnapshot every minute or every 200 incremental events. */
export const CHECKOUT_EVERY_MS = 60_000;
export const CHECKOUT_EVERY_NTH_EVENT = 200;

/** Throttles from spec §3.3. */
export const SCROLL_SAMPLING_MS = 150;
export const MEDIA_SAMPLING_MS = 800;

/** Console plugin: longest logged argument kept, in characters. */
export const CONSOLE_LENGTH_THRESHOLD_CHARS = 1_000;
export const DEFAULT_CONSOLE_LEVELS = ['error', 'warn'] as const;

/** Privacy classes the host page can put on elements. */
export const DEFAULT_MASK_TEXT_CLASS = 'gosight-mask';
export const DEFAULT_BLOCK_CLASS = 'gosight-block';
export const DEFAULT_IGNORE_CLASS = 'gosight-ignore';

/** sessionStorage keys: survive navigations within a tab, die with the tab. */
export const SESSION_ID_STORAGE_KEY = 'gosight.sid';
export const SEQ_STORAGE_KEY = 'gosight.seq';
