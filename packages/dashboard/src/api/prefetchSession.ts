import type { ReplayManifest, RrwebEvent } from '@gosight/shared';
import { fetchAssetIndex, fetchChunkEvents, fetchManifest } from './readApi.js';
import { currentProject } from './currentProject.js';

/**
 * The requests a player page needs for its first frame, started as soon as the app's script
 * runs (before the player's code has even loaded), so they overlap with loading it. Chunk 0
 * is requested on the guess that the session starts there, which the manifest confirms
 * before it is used. The derived events are not among them: they are not needed for the
 * first frame, and the embedded server answers one query at a time.
 */
export interface SessionPrefetch {
  sessionId: string;
  /** The project the requests were made for (the one chosen at boot). */
  project: string | undefined;
  /** Each resolves to the data, or rejects like the request would; use once, then fetch normally. */
  take<K extends keyof PrefetchedData>(key: K): Promise<PrefetchedData[K]> | null;
}

export interface PrefetchedData {
  manifest: ReplayManifest;
  firstChunk: RrwebEvent[];
  /** Captured assets by URL (empty when capture is off): chunks are rewritten with it before rrweb sees them. */
  assets: Record<string, { hash: string }>;
}

/** The session id in a player URL (`/sessions/:id`), or null for any other page. */
export function playerSessionId(pathname: string): string | null {
  const match = /^\/sessions\/([^/]+)\/?$/.exec(pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

/** Starts the requests; `withFirstChunk` is false when the page opens elsewhere (a shared link's time). */
export function prefetchSession(sessionId: string, withFirstChunk: boolean): SessionPrefetch {
  const pending: { [K in keyof PrefetchedData]?: Promise<PrefetchedData[K]> } = {
    manifest: fetchManifest(sessionId),
    firstChunk: withFirstChunk ? fetchChunkEvents(sessionId, 0) : undefined,
    assets: fetchAssetIndex(sessionId),
  };
  // Nobody may ever take one (a failed manifest means no chunk is asked for): no unhandled rejections.
  for (const promise of Object.values(pending)) promise?.catch(() => undefined);
  return {
    sessionId,
    project: currentProject(),
    take(key) {
      const promise = pending[key];
      delete pending[key];
      return (promise as Promise<PrefetchedData[typeof key]> | undefined) ?? null;
    },
  };
}
