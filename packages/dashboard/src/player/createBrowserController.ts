import type { SessionPrefetch } from '../api/prefetchSession.js';
import { assetsPath, fetchAssetIndex, fetchChunkEvents, fetchManifest } from '../api/readApi.js';
import { assetResolver, rewriteAssetUrls, type AssetResolver } from './assets/rewriteAssetUrls.js';
import {
  CHUNK_FETCH_RETRIES,
  CHUNK_RETRY_DELAY_MS,
  CHUNKS_KEPT_BEHIND,
  CHUNKS_PRELOADED_AHEAD,
  MAX_CACHED_CHUNKS,
  MAX_REPLAYER_CHUNKS,
  PLAYBACK_TICK_INTERVAL_MS,
} from '../constants.js';
import type { RrwebEvent } from '@gosight/shared';
import { prepareCanvasFrames } from './canvas/canvasFrames.js';
import { createRrwebReplayer } from './createRrwebReplayer.js';
import { ReplayController } from './ReplayController.js';

/**
 * Resolves after the next paint: a message posted from an animation-frame callback is handled
 * once that frame's rendering (style, layout, paint) is done. One frame sooner than waiting
 * for a second animation frame.
 */
const afterPaint = (): Promise<void> =>
  new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    }),
  );

/** Once per fetched chunk, before rrweb sees it: captured assets instead of the site's, canvas pictures set aside. */
const prepare = (events: RrwebEvent[], assets: AssetResolver | null): RrwebEvent[] => {
  if (assets) rewriteAssetUrls(events, assets);
  prepareCanvasFrames(events);
  return events;
};

const every = (intervalMs: number, tick: () => void): (() => void) => {
  const timer = setInterval(tick, intervalMs);
  return () => clearInterval(timer);
};

/**
 * Wires a ReplayController to the real API, rrweb and the browser's clocks. Requests the page
 * started at boot (`prefetch`) answer the first manifest and chunk 0 reads.
 */
export function createBrowserController(sessionId: string, root: HTMLElement, prefetch: SessionPrefetch | null): ReplayController {
  // Asked once, at boot beside the manifest; a failure replays from the site's own URLs.
  const assets = (prefetch?.take('assets') ?? fetchAssetIndex(sessionId))
    .then((index) => assetResolver(index, `${location.origin}${assetsPath(sessionId)}`))
    .catch(() => null);
  return new ReplayController({
    sessionId,
    root,
    fetchManifest: (id, signal) => prefetch?.take('manifest') ?? fetchManifest(id, signal),
    fetchChunk: async (id, index, signal) => {
      const events = await ((index === 0 ? prefetch?.take('firstChunk') : null) ?? fetchChunkEvents(id, index, signal));
      return prepare(events, await assets);
    },
    createReplayer: createRrwebReplayer,
    afterPaint,
    every,
    loading: {
      retries: CHUNK_FETCH_RETRIES,
      retryDelayMs: CHUNK_RETRY_DELAY_MS,
      preloadAhead: CHUNKS_PRELOADED_AHEAD,
      keepBehind: CHUNKS_KEPT_BEHIND,
      maxCachedChunks: MAX_CACHED_CHUNKS,
      maxWindowChunks: MAX_REPLAYER_CHUNKS,
      tickIntervalMs: PLAYBACK_TICK_INTERVAL_MS,
    },
  });
}
