import type {
  ChunkMeta, PageMap, PageMapQuery, ReplayManifest, SessionEvent, SessionEventsResponse, SessionListQuery, SessionListResponse, SessionSummary,
} from '@gosight/shared';
import type { ChunkActivity } from '../pipeline/activity.js';
import type { ArchiveCandidate, ArchiveRecord } from './archive-record.js';
import type { ChunkIndexChange } from './event-index.js';
import type { IndexedMoment } from './search/moment-conditions.js';

/**
 * A piece of a chunk's bytes, written once and never rewritten: raw-deflate blocks ending
 * on a sync flush (pipeline/gzip-segments.ts) that hold the JSON of the events added by
 * one processor write. A chunk's listed segments, in order, are one deflate stream of its
 * JSON event array, less the closing `]`.
 */
export interface ChunkSegment {
  /** Unique, and larger than every earlier segment of the chunk. */
  id: number;
  bytes: Buffer;
}

/** A chunk as the processor writes it: the spec's replay_chunks row plus bookkeeping. */
export interface StoredChunk extends ChunkState {
  /** Segments of `segmentIds` that are not in the store yet (the last ones). */
  newSegments: ChunkSegment[];
  /** Session events derived from the chunk (page views, clicks, errors, …). */
  derivedEvents: SessionEvent[];
  /** What this write changes in the search index (event-index.ts). */
  indexChange: ChunkIndexChange;
  /** User activity in the chunk, for inactive ranges. */
  activity: ChunkActivity;
}

/**
 * Everything about a stored chunk but its bytes: what the processor needs to resume a
 * session (which batches it holds, its stats) without reading the data back.
 */
export interface ChunkState extends ChunkMeta {
  projectId: string;
  sessionId: string;
  /** Sequence numbers of the batches whose events are in this chunk (duplicate detection). */
  batchSeqs: number[];
  clickCount: number;
  errorCount: number;
  rageClickCount: number;
  deadClickCount: number;
  /** Page URLs seen in the chunk's Meta events, consecutive repeats removed. */
  pageUrls: string[];
  viewportWidth: number;
  viewportHeight: number;
  userAgent: string;
  /** Last user id passed to identify() in the chunk; empty when none. */
  userId: string;
  /** The segments whose bytes, in this order, make the chunk's data (ids increase). */
  segmentIds: number[];
  /** CRC-32 of the chunk's JSON before its closing `]` (with `dataSize`, the gzip trailer). */
  dataCrc: number;
  /** Each write of a chunk's row carries a higher version; readers see the highest. */
  version: number;
}

/** The per-session listing row, derived by the processor from the session's chunks. */
export interface SessionRecord extends SessionSummary {
  /** Every page URL of the session in order, consecutive repeats removed (for URL search). */
  pageUrls: string[];
  version: number;
}

/** A session erased on request (a tombstone). */
export interface ErasedSession {
  projectId: string;
  sessionId: string;
  erasedAt: number;
}

/** A validated list query: paging is always set. */
export type ListSessionsQuery = SessionListQuery & { limit: number; offset: number };

/** What the processor needs: resume a session, write its chunks and summary, learn of erasures. */
export interface ChunkWriter {
  /** All chunks of a session without their bytes, by index: the processor resumes from these. */
  getChunkStates(projectId: string, sessionId: string): Promise<ChunkState[]>;
  /** One chunk's bytes as a gzip of its JSON event array, or undefined. */
  getChunkData(projectId: string, sessionId: string, index: number): Promise<Buffer | undefined>;
  /**
   * Appends the chunks' new segments, then writes their rows; a row written again (same
   * session and index, higher version) replaces the old one. Only the segments a row lists
   * are ever read, so a write that fails half-way leaves nothing a reader sees, and
   * writing the same segment twice (a retry) is harmless.
   */
  writeChunks(chunks: StoredChunk[]): Promise<void>;
  /** Writes session summaries; a higher version replaces the old one. */
  writeSessions(sessions: SessionRecord[]): Promise<void>;
  /** Sessions marked erased at or after `since` (epoch ms). */
  erasedSince(since: number): Promise<ErasedSession[]>;
  /** Deletes every row of a session: chunks, derived events, index, summary and archive record. */
  deleteSession(projectId: string, sessionId: string): Promise<void>;
}

/** What the read API needs (hot sessions; `ArchiveAwareReader` adds cold storage). */
export interface SessionReader {
  /**
   * Sessions of a project matching the query's filters, in its order (newest first by
   * default). With search filters (what happened), each row says where it matched.
   */
  listSessions(projectId: string, query: ListSessionsQuery): Promise<SessionListResponse>;
  /** The session's chunk list for the player, or undefined if it has no chunk. */
  getManifest(projectId: string, sessionId: string): Promise<ReplayManifest | undefined>;
  /** The session's derived events and inactive ranges, or undefined if it has no chunk. */
  getSessionEvents(projectId: string, sessionId: string): Promise<SessionEventsResponse | undefined>;
  /**
   * One chunk as a gzip of its JSON event array (events in arrival order: readers sort them
   * by time, stably), or undefined. Served byte for byte by the chunk endpoint.
   */
  getChunkData(projectId: string, sessionId: string, index: number): Promise<Buffer | undefined>;
  /** The archive record of a session, if it was archived. */
  getArchive(projectId: string, sessionId: string): Promise<ArchiveRecord | undefined>;
  /** Click and scroll maps of a page, aggregated over the sessions that viewed it. */
  pageMap(projectId: string, query: PageMapQuery): Promise<PageMap>;
  /** A session's indexed moments in time order (what its story is told from); empty when none. */
  sessionMoments(projectId: string, sessionId: string): Promise<IndexedMoment[]>;
}

/** What the archive job needs: old sessions, their replay, and the swap to cold storage. */
export interface ArchiveStore extends Omit<SessionReader, 'listSessions' | 'pageMap' | 'sessionMoments'> {
  /** Sessions with chunks whose newest chunk ended before `cutoff`, oldest first. */
  listArchiveCandidates(cutoff: number, limit: number): Promise<ArchiveCandidate[]>;
  /** Records a session's archive and flags its summary row as archived. */
  writeArchive(record: ArchiveRecord): Promise<void>;
  /** Removes a session's chunks (after its archive is verified). */
  deleteChunks(projectId: string, sessionId: string): Promise<void>;
}

/** What erasure and retention need. */
export interface ErasureStore {
  /** Records that a session is erased: from then on the processor drops its batches. */
  markErased(session: ErasedSession): Promise<void>;
  /** The archive record of a session, if it was archived (its cold object goes too). */
  getArchive(projectId: string, sessionId: string): Promise<ArchiveRecord | undefined>;
  /** Deletes every row of a session: chunks, derived events, summary and archive record. */
  deleteSession(projectId: string, sessionId: string): Promise<void>;
  /** Ids of a project's sessions (hot or archived) that ended before `cutoff`, oldest first. */
  sessionsEndedBefore(projectId: string, cutoff: number, limit: number): Promise<string[]>;
  /** Ids of a project's sessions recorded with this user id (hot or archived). */
  sessionsOfUser(projectId: string, userId: string): Promise<string[]>;
}

/**
 * Where chunks and session summaries live. Embedded: chDB; scale-out: a ClickHouse server.
 * Each consumer takes only its side: the processor a `ChunkWriter`, the API a
 * `SessionReader`, the archive job an `ArchiveStore`, erasure an `ErasureStore`.
 */
export interface ChunkStore extends ChunkWriter, SessionReader, ArchiveStore, ErasureStore {
  /** Creates or upgrades the schema; safe to run at every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}
