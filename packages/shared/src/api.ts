/** JSON shapes of the read API (`/api/...`), shared by the server and the dashboard. */
import type { DeviceClass, SearchMatch, SessionSearch } from './search.js';

/** One row of `GET /api/sessions`. Times are epoch milliseconds. */
export interface SessionSummary {
  sessionId: string;
  projectId: string;
  startedAt: number;
  endedAt: number;
  durationMs: number;
  firstUrl: string;
  pageCount: number;
  clickCount: number;
  errorCount: number;
  rageClickCount: number;
  deadClickCount: number;
  eventCount: number;
  chunkCount: number;
  userAgent: string;
  viewportWidth: number;
  viewportHeight: number;
  /** True once the replay moved to cold storage; it still plays through the same API. */
  archived?: boolean;
  /** The user id the site passed to `GoSight.identify`, last one wins; empty when none. */
  userId?: string;
  /** Browser and operating system names read from the user agent; empty when unknown. */
  browser?: string;
  os?: string;
  deviceClass?: DeviceClass;
  /**
   * With search filters: why the session matched, the first moment for each filter that
   * matches one (open the player there with `?t=<timestamp - startedAt>`).
   */
  matches?: SearchMatch[];
}

/**
 * Query of `GET /api/sessions`. All filters are optional and combine with AND.
 * `url` matches any page URL of the session (substring, case-insensitive);
 * `from`/`to` bound the start time (epoch ms); durations are in ms. The search filters
 * (what happened in the session) are in search.ts.
 */
export interface SessionListQuery extends SessionSearch {
  limit?: number;
  offset?: number;
  url?: string;
  from?: number;
  to?: number;
  minDurationMs?: number;
  maxDurationMs?: number;
  hasErrors?: boolean;
  hasRageClicks?: boolean;
  sort?: SessionSort;
}

export type SessionSort = 'newest' | 'oldest' | 'longest' | 'shortest' | 'most_errors' | 'most_clicks';
export const SESSION_SORTS: readonly SessionSort[] = ['newest', 'oldest', 'longest', 'shortest', 'most_errors', 'most_clicks'];

/** `GET /api/sessions?limit=&offset=&...`: newest first unless `sort` says otherwise. */
export interface SessionListResponse {
  sessions: SessionSummary[];
  /** Total number of sessions in the project. */
  total: number;
  limit: number;
  offset: number;
}

/** A chunk as listed by the replay manifest. Each chunk starts with a full snapshot. */
export interface ChunkMeta {
  index: number;
  timestampStart: number;
  timestampEnd: number;
  /** Uncompressed JSON size in bytes. */
  dataSize: number;
  /** Stored gzip size in bytes: what the chunk endpoint returns. */
  compressedSize: number;
  eventCount: number;
  hasFullSnapshot: boolean;
  hasErrors: boolean;
  hasNetwork: boolean;
}

/** `GET /api/sessions/:id/replay`. */
export interface ReplayManifest {
  sessionId: string;
  projectId: string;
  startedAt: number;
  endedAt: number;
  durationMs: number;
  chunks: ChunkMeta[];
}

/** Body of every error answer from ingest and the API. */
export interface ErrorBody {
  error: {
    /** Stable code, e.g. `GOSIGHT_PAYLOAD_TOO_LARGE`. */
    code: string;
    message: string;
  };
}

/** The default project's sessions (also reachable under its project prefix). */
export const SESSIONS_PATH = '/api/sessions';
/** A project's sessions: `/api/projects/:project/sessions`. */
export const PROJECT_SESSIONS_PREFIX = '/api/projects/:project/sessions';

/** Where a project's sessions are read; without a project, the default project's. */
export const sessionsPath = (project?: string): string =>
  (project ? `/api/projects/${encodeURIComponent(project)}/sessions` : SESSIONS_PATH);

/**
 * Chunk endpoint: `GET …/sessions/:id/replay/chunks/:index` answers the stored gzip
 * bytes with `Content-Encoding: gzip`; the body decodes to a JSON array of rrweb events.
 */
export const chunkPath = (sessionId: string, index: number, project?: string): string =>
  `${sessionsPath(project)}/${encodeURIComponent(sessionId)}/replay/chunks/${index}`;
export const manifestPath = (sessionId: string, project?: string): string =>
  `${sessionsPath(project)}/${encodeURIComponent(sessionId)}/replay`;

/** Where the processor gave up on a batch: it could not read it, place its events, or store them. */
export type DeadLetterStage = 'read' | 'apply' | 'store';

/**
 * A batch the processor could not store, set aside with its bytes (`GET /api/dead-letters`),
 * so it blocks nothing else and can be retried once the cause is fixed.
 */
export interface DeadLetterInfo {
  id: string;
  projectId: string;
  sessionId: string;
  /** The batch's sequence number in its session; -1 when the message could not be read. */
  seq: number;
  stage: DeadLetterStage;
  /** Why it was set aside, as the processor saw it. */
  reason: string;
  failedAt: number;
  /** Size of the kept queue message (envelope and body as sent). */
  bytes: number;
}

/** `GET /api/dead-letters?limit=&offset=&sessionId=`: oldest first. */
export interface DeadLetterListResponse {
  deadLetters: DeadLetterInfo[];
  total: number;
  limit: number;
  offset: number;
}

/** `POST /api/dead-letters/retry` and `DELETE /api/dead-letters/:id`: what was done. */
export interface DeadLetterActionResponse {
  /** Letters put back on the replay queue (retry) or deleted (drop). */
  count: number;
  ids: string[];
}
