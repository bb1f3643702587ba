/** Every tunable of the dashboard in one place, units in the names. */

/** Rows per page of the session list. */
export const SESSION_PAGE_SIZE = 25;
/** How often the session list re-reads `/api/sessions`. */
export const SESSION_REFRESH_INTERVAL_MS = 5_000;
/** The session list loads the player's code this long after it shows, so opening a replay is instant. */
export const PLAYER_WARM_DELAY_MS = 1_500;

/** Playback speeds offered by the player, in the order the buttons show them. */
export const PLAYBACK_SPEEDS = [0.5, 1, 2, 4, 8] as const;
/** Chunks fetched ahead of the playhead (spec §8.1). */
export const CHUNKS_PRELOADED_AHEAD = 2;
/** Chunks kept behind the playhead, so stepping back a little needs no fetch. */
export const CHUNKS_KEPT_BEHIND = 1;
/**
 * Most decoded chunks held in memory: behind + current + ahead + one spare for a seek target.
 * Anything else is dropped and fetched again if needed, so memory does not grow with the session.
 */
export const MAX_CACHED_CHUNKS = CHUNKS_KEPT_BEHIND + 1 + CHUNKS_PRELOADED_AHEAD + 1;
/**
 * Most chunks one rrweb Replayer holds. rrweb re-walks all its events on every seek and
 * keeps them all, so past this the player starts a fresh Replayer at the playhead.
 */
export const MAX_REPLAYER_CHUNKS = 3;
/** How often playback checks chunk crossings and inactivity. */
export const PLAYBACK_TICK_INTERVAL_MS = 100;
/** Extra attempts for a chunk whose fetch failed before the player gives up on it. */
export const CHUNK_FETCH_RETRIES = 2;
/** Pause before the first retry of a chunk; later retries wait proportionally longer. */
export const CHUNK_RETRY_DELAY_MS = 500;

/** rrweb replays elements with this class as blocked placeholders (matches the SDK's blockClass). */
export const BLOCK_CLASS = 'gosight-block';
/** Colour of the replayed mouse trail. */
export const MOUSE_TAIL_COLOR = '#3b82f6';
/** Touch points and trails on mobile replays (spec §9.2). */
export const TOUCH_STYLE = {
  pointColor: '#3b82f6',
  pointSizePx: 30,
  trailColor: 'rgba(59, 130, 246, 0.3)',
  trailWidthPx: 8,
} as const;
