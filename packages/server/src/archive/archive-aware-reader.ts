import type { ReplayManifest, SessionEventsResponse, SessionListResponse } from '@gosight/shared';
import type { ColdStore } from '../coldstore/index.js';
import type { ListSessionsQuery, SessionReader } from '../store/index.js';

/** What the read API needs: the session list and, per session, manifest, events and chunk bytes. */
export interface ReplayReader {
  listSessions(projectId: string, query: ListSessionsQuery): Promise<SessionListResponse>;
  getManifest(projectId: string, sessionId: string): Promise<ReplayManifest | undefined>;
  getSessionEvents(projectId: string, sessionId: string): Promise<SessionEventsResponse | undefined>;
  getChunkData(projectId: string, sessionId: string, index: number): Promise<Buffer | undefined>;
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
