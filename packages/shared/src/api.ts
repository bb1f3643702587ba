/** JSON shapes of the read API (`/api/...`), shared by the server and the dashboard. */

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
  eventCount: number;
  chunkCount: number;
  userAgent: string;
  viewportWidth: number;
  viewportHeight: number;
}

/** `GET /api/sessions?limit=&offset=`: newest first. */
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

/**
 * Chunk endpoint: `GET /api/sessions/:id/replay/chunks/:index` answers the stored gzip
 * bytes with `Content-Encoding: gzip`; the body decodes to a JSON array of rrweb events.
 */
export const chunkPath = (sessionId: string, index: number): string =>
  `/api/sessions/${encodeURIComponent(sessionId)}/replay/chunks/${index}`;
export const manifestPath = (sessionId: string): string =>
  `/api/sessions/${encodeURIComponent(sessionId)}/replay`;
export const SESSIONS_PATH = '/api/sessions';
