import type { PageMap, PageMapQuery, ReplayManifest, SessionEventsResponse, SessionListResponse } from '@gosight/shared';
import type { ColdStore } from '../coldstore/index.js';
import type { IndexedMoment, ListSessionsQuery, SessionReader } from '../store/index.js';

/** What the read API needs: the session list and, per session, manifest, events and chunk bytes. */
export interface ReplayReader {
  listSessions(projectId: string, query: ListSessionsQuery): Promise<SessionListResponse>;
  getManifest(projectId: string, sessionId: string): Promise<ReplayManifest | undefined>;
  getSessionEvents(projectId: string, sessionId: string): Promise<SessionEventsResponse | undefined>;
  getChunkData(projectId: string, sessionId: string, index: number): Promise<Buffer | undefined>;
  pageMap(projectId: string, query: PageMapQuery): Promise<PageMap>;
  sessionMoments(projectId: string, sessionId: string): Promise<IndexedMoment[]>;
}

/**
 * Reads hot chunks from the store and, for archived sessions, falls back to cold storage:
 * manifest and events from the archive record, chunk bytes by a range read of the object
 * (the same gzip bytes that were stored hot). The API cannot tell the difference.
 */
export class ArchiveAwareReader implements ReplayReader {
  constructor(private readonly store: SessionReader, private readonly cold: ColdStore) {}

  listSessions(projectId: string, query: ListSessionsQuery): Promise<SessionListResponse> {
    return this.store.listSessions(projectId, query);
  }

  /** The search index outlives a session's move to cold storage (until the hot retention). */
  pageMap(projectId: string, query: PageMapQuery): Promise<PageMap> {
    return this.store.pageMap(projectId, query);
  }

  sessionMoments(projectId: string, sessionId: string): Promise<IndexedMoment[]> {
    return this.store.sessionMoments(projectId, sessionId);
  }

  async getManifest(projectId: string, sessionId: string): Promise<ReplayManifest | undefined> {
    return (await this.store.getManifest(projectId, sessionId)) ?? (await this.store.getArchive(projectId, sessionId))?.manifest;
  }

  async getSessionEvents(projectId: string, sessionId: string): Promise<SessionEventsResponse | undefined> {
    return (await this.store.getSessionEvents(projectId, sessionId)) ?? (await this.store.getArchive(projectId, sessionId))?.events;
  }

  async getChunkData(projectId: string, sessionId: string, index: number): Promise<Buffer | undefined> {
    const hot = await this.store.getChunkData(projectId, sessionId, index);
    if (hot) return hot;
    const archive = await this.store.getArchive(projectId, sessionId);
    if (!archive || index < 0 || index >= archive.chunkOffsets.length - 1) return undefined;
    return this.cold.getRange(archive.objectKey, archive.chunkOffsets[index], archive.chunkOffsets[index + 1]);
  }
}
