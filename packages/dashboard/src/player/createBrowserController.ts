import { fetchChunkEvents, fetchManifest } from '../api/readApi.js';
import { CHUNK_FETCH_CONCURRENCY, CHUNK_FETCH_RETRIES, CHUNK_RETRY_DELAY_MS } from '../constants.js';
import { createRrwebReplayer } from './createRrwebReplayer.js';
import { ReplayController } from './ReplayController.js';

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

/** Wires a ReplayController to the real API, rrweb and the browser's frame clock. */
export function createBrowserController(sessionId: string, root: HTMLElement): ReplayController {
  return new ReplayController({
    sessionId,
    root,
    fetchManifest,
    fetchChunk: fetchChunkEvents,
    createReplayer: createRrwebReplayer,
    nextFrame,
    loading: {
      concurrency: CHUNK_FETCH_CONCURRENCY,
      retries: CHUNK_FETCH_RETRIES,
      retryDelayMs: CHUNK_RETRY_DELAY_MS,
    },
  });
}
