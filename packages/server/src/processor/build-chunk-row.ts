import type { StoredChunk } from '../store/index.js';
import { compressChunk } from '../pipeline/gzip.js';
import { chunkStats } from './chunk-stats.js';
import { deriveChunkEvents } from './derive-events.js';
import type { LiveChunk, SessionState } from './session-state.js';

/**
 * The store row of a chunk: its events sorted by time, serialised and gzipped (on the
 * thread pool), with its stats and derived session events. Throws if the events cannot be
 * serialised (nested too deep for the stack, or larger than a string can hold): the
 * processor then sets the session aside rather than retrying it forever.
 */
export async function buildChunkRow(session: SessionState, chunk: LiveChunk, gzipLevel: number, version: number): Promise<StoredChunk> {
  // Stable sort: events with equal timestamps keep rrweb's emit order.
  const events = [...chunk.events!].sort((a, b) => a.timestamp - b.timestamp);
  const json = Buffer.from(JSON.stringify(events));
  const data = await compressChunk(json, gzipLevel);
  const stats = chunkStats(events);
  const derived = deriveChunkEvents(events, {
    chunkIndex: chunk.index,
    previousUrl: session.lastUrlBefore(chunk.index),
    following: session.eventsAfter(chunk.index),
  });
  const count = (kind: string) => derived.events.filter((e) => e.kind === kind).length;
  return {
    projectId: session.projectId,
    sessionId: session.sessionId,
    index: chunk.index,
    timestampStart: stats.timestampStart,
    timestampEnd: stats.timestampEnd,
    data,
    dataSize: json.length,
    compressedSize: data.length,
    eventCount: stats.eventCount,
    hasFullSnapshot: stats.hasFullSnapshot,
    hasErrors: stats.errorCount > 0,
    hasNetwork: stats.hasNetwork,
    batchSeqs: [...chunk.batchSeqs].sort((a, b) => a - b),
    clickCount: stats.clickCount,
    errorCount: stats.errorCount,
    rageClickCount: count('rage_click'),
    deadClickCount: count('dead_click'),
    pageUrls: stats.pageUrls,
    derivedEvents: derived.events,
    activity: derived.activity,
    viewportWidth: stats.viewportWidth,
    viewportHeight: stats.viewportHeight,
    userAgent: session.userAgent,
    userId: stats.userId,
    version,
  };
}
