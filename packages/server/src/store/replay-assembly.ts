import type { ChunkMeta, ReplayManifest, SessionEvent, SessionEventsResponse } from '@gosight/shared';
import { mergeInactiveRanges, type ChunkActivity } from '../pipeline/activity.js';
import { assembleGzip } from '../pipeline/gzip-segments.js';
import type { ChunkState } from './chunk-store.js';

const CLOSING_BRACKET = Buffer.from(']');

/**
 * A chunk's bytes from its segments' bytes (in the order the row lists them): one gzip
 * member, so the browser does one decompression and one parse. The closing `]` and the
 * trailer come from the row (`dataCrc`, `dataSize`), so segments never change once written.
 */
export function chunkGzip(chunk: Pick<ChunkState, 'dataCrc' | 'dataSize'>, segments: readonly Buffer[]): Buffer {
  return assembleGzip(segments, { crc: chunk.dataCrc, rawBytes: chunk.dataSize - CLOSING_BRACKET.length }, CLOSING_BRACKET);
}

/** The player's manifest of a session, from its chunks in index order; undefined without chunks. */
export function manifestOf(projectId: string, sessionId: string, chunks: readonly ChunkState[]): ReplayManifest | undefined {
  if (chunks.length === 0) return undefined;
  const metas: ChunkMeta[] = chunks.map((c) => ({
    index: c.index, timestampStart: c.timestampStart, timestampEnd: c.timestampEnd, dataSize: c.dataSize,
    compressedSize: c.compressedSize, eventCount: c.eventCount, hasFullSnapshot: c.hasFullSnapshot,
    hasErrors: c.hasErrors, hasNetwork: c.hasNetwork,
  }));
  const startedAt = Math.min(...metas.map((c) => c.timestampStart));
  const endedAt = Math.max(...metas.map((c) => c.timestampEnd));
  return { sessionId, projectId, startedAt, endedAt, durationMs: endedAt - startedAt, chunks: metas };
}

/** What a chunk holds for the session's events: its derived events and activity. */
export interface ChunkEvents {
  timestampStart: number;
  timestampEnd: number;
  derivedEvents: SessionEvent[];
  activity: ChunkActivity;
}

/** The session's derived events in time order and its inactive ranges; undefined without chunks. */
export function sessionEventsOf(sessionId: string, chunks: readonly ChunkEvents[]): SessionEventsResponse | undefined {
  if (chunks.length === 0) return undefined;
  const startedAt = Math.min(...chunks.map((c) => c.timestampStart));
  const endedAt = Math.max(...chunks.map((c) => c.timestampEnd));
  const events = chunks.flatMap((c) => c.derivedEvents).sort((a, b) => a.timestamp - b.timestamp);
  return { sessionId, startedAt, endedAt, events, inactiveRanges: mergeInactiveRanges(chunks.map((c) => c.activity), startedAt, endedAt) };
}
