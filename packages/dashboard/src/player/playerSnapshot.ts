import type { Viewport } from './fitViewport.js';
import type { PlayerState } from './playerState.js';

/** A chunk's place on the timeline, in playback offsets. */
export interface ChunkSpan {
  index: number;
  startMs: number;
  endMs: number;
}

/** What the UI renders; replaced (never mutated) on every change. */
export interface PlayerSnapshot {
  state: PlayerState;
  /** True once the first chunk's first frame is on screen; stays true. */
  ready: boolean;
  totalChunks: number;
  /** Every chunk's span, from the manifest. */
  chunks: readonly ChunkSpan[];
  /** Indices of the chunks held in memory now (ascending). */
  cachedChunks: readonly number[];
  /** Chunks held in memory now (`cachedChunks.length`). */
  loadedChunks: number;
  /** Chunk fetches so far: what lazy loading cost. */
  chunkFetches: number;
  /** Session start from the manifest, epoch ms: offset 0. */
  startedAt: number;
  durationMs: number;
  /** Playback offset whenever the player is not playing. */
  positionMs: number;
  /** The speed the viewer chose (inactivity may run faster for a while). */
  speed: number;
  /** Skip inactivity (§6) is on. */
  skipInactive: boolean;
  /** Playback is inside inactivity and running fast or jumping. */
  skipping: boolean;
  /** Recorded viewport, from the latest Meta or resize rrweb applied. */
  viewport: Viewport | null;
  error: string | null;
}

/** The snapshot of a player that has not started loading. */
export const INITIAL_PLAYER_SNAPSHOT: PlayerSnapshot = {
  state: 'loading',
  ready: false,
  totalChunks: 0,
  chunks: [],
  cachedChunks: [],
  loadedChunks: 0,
  chunkFetches: 0,
  startedAt: 0,
  durationMs: 0,
  positionMs: 0,
  speed: 1,
  skipInactive: true,
  skipping: false,
  viewport: null,
  error: null,
};
