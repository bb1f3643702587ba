/** Every tunable of the dashboard in one place, units in the names. */

/** Rows per page of the session list. */
export const SESSION_PAGE_SIZE = 25;
/** How often the session list re-reads `/api/sessions`. */
export const SESSION_REFRESH_INTERVAL_MS = 5_000;

/** Playback speeds offered by the player, in the order the buttons show them. */
export const PLAYBACK_SPEEDS = [0.5, 1, 2, 4, 8] as const;
/** Chunks fetched ahead of the one the player is waiting for, the awaited one included. */
export const CHUNK_FETCH_CONCURRENCY = 2;
/** Extra attempts for a chunk whose fetch failed before the player gives up on it. */
export const CHUNK_FETCH_RETRIES = 2;
/** Pause before the first retry of a chunk; later retries wait proportionally longer. */
export const CHUNK_RETRY_DELAY_MS = 500;

/** rrweb replays elements with this class as blocked placeholders (matches the SDK's blockClass). */
export const BLOCK_CLASS = 'gosight-block';
/** Colour of the replayed mouse trail. */
export const MOUSE_TAIL_COLOR = '#3b82f6';
