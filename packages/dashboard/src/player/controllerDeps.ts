import type { ReplayManifest, RrwebEvent } from '@gosight/shared';
import type { CreateReplayer } from './ReplayWindow.js';

/** How much the player keeps in memory and fetches ahead (spec §8.1). */
export interface LoadingPolicy {
  retries: number;
  retryDelayMs: number;
  /** Chunks fetched ahead of the playhead. */
  preloadAhead: number;
  /** Chunks kept behind the playhead, so a short step back needs no fetch. */
  keepBehind: number;
  /** Most decoded chunks held; the rest are dropped and fetched again when needed. */
  maxCachedChunks: number;
  /** Most chunks one rrweb Replayer holds before it is replaced by a fresh one at the playhead. */
  maxWindowChunks: number;
  /** How often playback is checked for chunk crossings and inactivity. */
  tickIntervalMs: number;
}

/** Everything the controller talks to; the page builds the real ones, tests pass fakes. */
export interface ReplayControllerDeps {
  sessionId: string;
  /** Element rrweb renders into; must be attached to the document. */
  root: HTMLElement;
  fetchManifest: (sessionId: string, signal: AbortSignal) => Promise<ReplayManifest>;
  fetchChunk: (sessionId: string, index: number, signal: AbortSignal) => Promise<RrwebEvent[]>;
  createReplayer: CreateReplayer;
  /** Resolves once the browser has painted the next frame (what was drawn is on screen). */
  afterPaint: () => Promise<void>;
  /** Calls `tick` every `intervalMs` until the returned function is called. */
  every: (intervalMs: number, tick: () => void) => () => void;
  loading: LoadingPolicy;
}
