import type { PageMap, PageMapQuery, ReplayManifest, SessionEventsResponse, SessionListResponse, SessionSort, SessionSummary } from '@gosight/shared';
import type { ArchiveCandidate, ArchiveRecord } from '../archive-record.js';
import type { ChunkState, ChunkStore, ErasedSession, ListSessionsQuery, SessionRecord, StoredChunk } from '../chunk-store.js';
import { chunkGzip, manifestOf, sessionEventsOf } from '../replay-assembly.js';
import type { IndexedEvent } from '../event-index.js';
import { pageMapOf, type SessionMoment } from '../search/page-map.js';
import { explainMatches, explainOnly, momentConditions, momentMatches, sequenceEnd, type IndexedMoment } from '../search/moment-conditions.js';

type Summary = SessionRecord & { archived: boolean };
/** A chunk's row: everything written but its segments' bytes and index change. */
type ChunkRow = Omit<StoredChunk, 'newSegments' | 'indexChange'>;

const key = (projectId: string, sessionId: string) => `${projectId}/${sessionId}`;

/** A copy whose strings are well-formed Unicode, as ClickHouse stores them (lone surrogates become U+FFFD). */
function stored<T>(value: T): T {
  if (typeof value === 'string') return (value as unknown as { toWellFormed(): string }).toWellFormed() as T;
  if (Buffer.isBuffer(value)) return Buffer.from(value) as T;
  if (Array.isArray(value)) return value.map(stored) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stored(v)])) as T;
  return value;
}

const ORDER: Record<SessionSort, (a: Summary, b: Summary) => number> = {
  newest: (a, b) => b.startedAt - a.startedAt || a.sessionId.localeCompare(b.sessionId),
  oldest: (a, b) => a.startedAt - b.startedAt || a.sessionId.localeCompare(b.sessionId),
  longest: (a, b) => b.durationMs - a.durationMs || b.startedAt - a.startedAt,
  shortest: (a, b) => a.durationMs - b.durationMs || b.startedAt - a.startedAt,
  most_errors: (a, b) => b.errorCount - a.errorCount || b.startedAt - a.startedAt,
  most_clicks: (a, b) => b.clickCount - a.clickCount || b.startedAt - a.startedAt,
};

/**
 * `ChunkStore` in memory, with the ClickHouse store's semantics (the highest version of a
 * row wins; an archived summary stays listed): for tests of the stages above the store, and
 * run through the same contract suite.
 */
export class MemoryChunkStore implements ChunkStore {
  /** Sessions by key, then chunk rows by index. */
  private readonly chunks = new Map<string, Map<number, ChunkRow>>();
  /** Sessions by key, then segment bytes by chunk index and segment id. */
  private readonly segments = new Map<string, Map<number, Map<number, Buffer>>>();
  private readonly sessions = new Map<string, Summary>();
  private readonly archives = new Map<string, ArchiveRecord>();
  private readonly erased: ErasedSession[] = [];
  /** The search index: sessions by key, then moments by chunk index and key. */
  private readonly index = new Map<string, Map<number, Map<string, IndexedEvent>>>();

  async migrate(): Promise<void> {}

  async close(): Promise<void> {}

  async writeChunks(chunks: StoredChunk[]): Promise<void> {
    for (const { newSegments, indexChange, ...row } of chunks) {
      const k = key(row.projectId, row.sessionId);
      let indexed = this.index.get(k);
      if (!indexed) this.index.set(k, (indexed = new Map()));
      let inChunk = indexed.get(row.index);
      if (!inChunk) indexed.set(row.index, (inChunk = new Map()));
      for (const removed of indexChange.removedKeys) inChunk.delete(removed);
      for (const entry of indexChange.upserts) inChunk.set(entry.key, stored(entry));
      let bySession = this.segments.get(k);
      if (!bySession) this.segments.set(k, (bySession = new Map()));
      let byChunk = bySession.get(row.index);
      if (!byChunk) bySession.set(row.index, (byChunk = new Map()));
      for (const segment of newSegments) byChunk.set(segment.id, Buffer.from(segment.bytes));
      let held = this.chunks.get(k);
      if (!held) this.chunks.set(k, (held = new Map()));
      const old = held.get(row.index);
      if (!old || old.version <= row.version) held.set(row.index, stored(row));
    }
  }

  async writeSessions(sessions: SessionRecord[]): Promise<void> {
    for (const s of sessions) {
      const old = this.sessions.get(key(s.projectId, s.sessionId));
      if (!old || old.version <= s.version) this.sessions.set(key(s.projectId, s.sessionId), { ...stored(s), archived: false });
    }
  }

  async listSessions(projectId: string, q: ListSessionsQuery): Promise<SessionListResponse> {
    const url = q.url?.toLowerCase();
    const same = (a: string | undefined, b: string | undefined) => b === undefined || (a ?? '').toLowerCase() === b.toLowerCase();
    const conditions = momentConditions(q);
    const filtering = conditions.filter((c) => !explainOnly(c));
    const matching = [...this.sessions.values()].filter((s) => s.projectId === projectId
      && (url === undefined || s.pageUrls.some((u) => u.toLowerCase().includes(url)))
      && (q.from === undefined || s.startedAt >= q.from) && (q.to === undefined || s.startedAt <= q.to)
      && (q.minDurationMs === undefined || s.durationMs >= q.minDurationMs) && (q.maxDurationMs === undefined || s.durationMs <= q.maxDurationMs)
      && (!q.hasErrors || s.errorCount > 0) && (!q.hasRageClicks || s.rageClickCount > 0) && (!q.hasDeadClicks || s.deadClickCount > 0)
      && (q.visited === undefined || sequenceEnd(q.visited, s.pageUrls) >= 0)
      && same(s.browser, q.browser) && same(s.os, q.os) && (q.device === undefined || s.deviceClass === q.device)
      && (q.minViewportWidth === undefined || s.viewportWidth >= q.minViewportWidth)
      && (q.maxViewportWidth === undefined || s.viewportWidth <= q.maxViewportWidth)
      && filtering.every((c) => c.filter === 'visited' || this.moments(s.projectId, s.sessionId).some((m) => momentMatches(c, m))))
      .sort(ORDER[q.sort ?? 'newest']);
    const page = matching.slice(q.offset, q.offset + q.limit).map((s) => {
      const summary = toSummary(s);
      return conditions.length > 0 ? { ...summary, matches: explainMatches(conditions, this.moments(s.projectId, s.sessionId)) } : summary;
    });
    return { sessions: page, total: matching.length, limit: q.limit, offset: q.offset };
  }

  async pageMap(projectId: string, query: PageMapQuery): Promise<PageMap> {
    const all: SessionMoment[] = [];
    for (const k of this.index.keys()) {
      if (!k.startsWith(`${projectId}/`)) continue;
      const sessionId = k.slice(projectId.length + 1);
      for (const m of this.moments(projectId, sessionId)) all.push({ ...m, sessionId });
    }
    all.sort((a, b) => a.timestamp - b.timestamp);
    return pageMapOf(query, all, (sessionId) => this.sessions.get(key(projectId, sessionId))?.deviceClass);
  }

  async sessionMoments(projectId: string, sessionId: string): Promise<IndexedMoment[]> {
    return this.moments(projectId, sessionId);
  }

  /** A session's indexed moments in time order. */
  private moments(projectId: string, sessionId: string): IndexedMoment[] {
    const out: IndexedMoment[] = [];
    for (const [chunkIndex, entries] of this.index.get(key(projectId, sessionId)) ?? []) {
      for (const e of entries.values()) out.push({ ...structuredClone(e), chunkIndex });
    }
    return out.sort((a, b) => a.timestamp - b.timestamp || a.chunkIndex - b.chunkIndex || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async getSessionEvents(projectId: string, sessionId: string): Promise<SessionEventsResponse | undefined> {
    return sessionEventsOf(sessionId, this.ordered(projectId, sessionId));
  }

  async getManifest(projectId: string, sessionId: string): Promise<ReplayManifest | undefined> {
    return manifestOf(projectId, sessionId, await this.getChunkStates(projectId, sessionId));
  }

  async getChunkData(projectId: string, sessionId: string, index: number): Promise<Buffer | undefined> {
    const chunk = this.chunks.get(key(projectId, sessionId))?.get(index);
    if (!chunk) return undefined;
    const held = this.segments.get(key(projectId, sessionId))?.get(index);
    return chunkGzip(chunk, chunk.segmentIds.map((id) => {
      const bytes = held?.get(id);
      if (!bytes) throw new Error(`chunk ${index} of session ${sessionId} lists segment ${id}, which is not stored`);
      return bytes;
    }));
  }

  async getChunkStates(projectId: string, sessionId: string): Promise<ChunkState[]> {
    return this.ordered(projectId, sessionId).map(({ derivedEvents: _events, activity: _activity, ...state }) => structuredClone(state));
  }

  async listArchiveCandidates(cutoff: number, limit: number): Promise<ArchiveCandidate[]> {
    const candidates: ArchiveCandidate[] = [];
    for (const held of this.chunks.values()) {
      const chunks = [...held.values()];
      if (chunks.length === 0) continue;
      const endedAt = Math.max(...chunks.map((c) => c.timestampEnd));
      if (endedAt < cutoff) candidates.push({ projectId: chunks[0].projectId, sessionId: chunks[0].sessionId, endedAt });
    }
    return candidates.sort((a, b) => a.endedAt - b.endedAt || a.sessionId.localeCompare(b.sessionId)).slice(0, limit);
  }

  async getArchive(projectId: string, sessionId: string): Promise<ArchiveRecord | undefined> {
    const record = this.archives.get(key(projectId, sessionId));
    return record && structuredClone(record);
  }

  async writeArchive(record: ArchiveRecord): Promise<void> {
    this.archives.set(key(record.projectId, record.sessionId), structuredClone(record));
    const summary = this.sessions.get(key(record.projectId, record.sessionId));
    if (summary) summary.archived = true;
  }

  async deleteChunks(projectId: string, sessionId: string): Promise<void> {
    this.chunks.delete(key(projectId, sessionId));
    this.segments.delete(key(projectId, sessionId));
  }

  async markErased(session: ErasedSession): Promise<void> {
    this.erased.push({ ...session });
  }

  async erasedSince(since: number): Promise<ErasedSession[]> {
    return this.erased.filter((e) => e.erasedAt >= since).sort((a, b) => a.erasedAt - b.erasedAt).map((e) => ({ ...e }));
  }

  async deleteSession(projectId: string, sessionId: string): Promise<void> {
    for (const map of [this.chunks, this.segments, this.sessions, this.archives, this.index] as Map<string, unknown>[]) map.delete(key(projectId, sessionId));
  }

  async sessionsEndedBefore(projectId: string, cutoff: number, limit: number): Promise<string[]> {
    return [...this.sessions.values()].filter((s) => s.projectId === projectId && s.endedAt < cutoff)
      .sort((a, b) => a.endedAt - b.endedAt).slice(0, limit).map((s) => s.sessionId);
  }

  async sessionsOfUser(projectId: string, userId: string): Promise<string[]> {
    const ids = new Set<string>();
    for (const s of this.sessions.values()) if (s.projectId === projectId && s.userId === userId) ids.add(s.sessionId);
    for (const held of this.chunks.values()) for (const c of held.values()) if (c.projectId === projectId && c.userId === userId) ids.add(c.sessionId);
    return [...ids].sort();
  }

  private ordered(projectId: string, sessionId: string): ChunkRow[] {
    return [...(this.chunks.get(key(projectId, sessionId))?.values() ?? [])].sort((a, b) => a.index - b.index);
  }
}

function toSummary(s: Summary): SessionSummary {
  const { pageUrls: _urls, version: _version, ...summary } = s;
  return { ...structuredClone(summary), userId: s.userId ?? '' };
}
