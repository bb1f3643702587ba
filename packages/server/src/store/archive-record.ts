import type { ReplayManifest, SessionEventsResponse } from '@gosight/shared';

/**
 * Where an archived session's replay lives in cold storage, kept in the store so the API
 * can serve it without reading the whole object: chunk i is bytes
 * [chunkOffsets[i], chunkOffsets[i + 1]) of the object, a gzip member exactly as it was
 * stored hot.
 */
export interface ArchiveRecord {
  projectId: string;
  sessionId: string;
  objectKey: string;
  objectBytes: number;
  sha256: string;
  /** Start of each chunk in the object, plus the end of the last one. */
  chunkOffsets: number[];
  manifest: ReplayManifest;
  events: SessionEventsResponse;
  archivedAt: number;
}

/** A session due for archiving: every chunk older than the cutoff. */
export interface ArchiveCandidate {
  projectId: string;
  sessionId: string;
  endedAt: number;
}
