import type { RrwebEvent } from '@gosight/shared';
import type { StoredChunk } from '../store/index.js';
import { assembleGzip, compressSegment, type SegmentTotals } from '../pipeline/gzip-segments.js';
import { chunkStats } from './chunk-stats.js';
import { deriveChunkEvents } from './derive-events.js';
import type { LiveChunk, SessionState } from './session-state.js';

/** What of a chunk is compressed already: the parts, and which of its live events they hold. */
export interface ChunkEncoding {
  /** The live event array the parts were made from (a chunk loaded again gets a new one). */
  events: RrwebEvent[];
  /** How many of its events (from the start) the parts hold, and the last of them. */
  count: number;
  last: RrwebEvent | undefined;
  maxTimestamp: number;
  parts: Buffer[];
  totals: SegmentTotals | undefined;
}

const byTime = (a: RrwebEvent, b: RrwebEvent) => a.timestamp - b.timestamp;

/**
 * The gzip of a chunk's events (`sorted`: the same, in time order) as a JSON array. A chunk grows at its end
 * while it is open: the events added since the last write are serialised and compressed
 * as one more part, and the parts make the gzip (pipeline/gzip-segments.ts), so each event
 * is serialised and compressed once. When that would not give the sorted array (the first
 * write, a chunk loaded again from the store, events moved out to the next chunk, or an
 * event older than one already written) the whole chunk is compressed again, sorted.
 */
export async function encodeChunk(chunk: LiveChunk, sorted: readonly RrwebEvent[], gzipLevel: number): Promise<{ data: Buffer; jsonBytes: number }> {
  const events = chunk.events!;
  const done = chunk.encoding;
  const fresh = done && done.events === events && events.length >= done.count && (done.count === 0 || events[done.count - 1] === done.last)
    ? events.slice(done.count) : undefined;
  let encoding: ChunkEncoding;
  if (done && fresh && fresh.every((e, i) => e.timestamp >= (i === 0 ? done.maxTimestamp : fresh[i - 1].timestamp))) {
    encoding = done;
    if (fresh.length > 0) {
      const part = await compressSegment(Buffer.from((done.count === 0 ? '' : ',') + fresh.map((e) => JSON.stringify(e)).join(',')), done.totals, gzipLevel);
      encoding.parts.push(part.bytes);
      encoding.totals = part.totals;
    }
  } else {
    const part = await compressSegment(Buffer.from(`[${sorted.map((e) => JSON.stringify(e)).join(',')}`), undefined, gzipLevel);
    encoding = { events, count: 0, last: undefined, maxTimestamp: -Infinity, parts: [part.bytes], totals: part.totals };
  }
  for (let i = encoding.count; i < events.length; i++) encoding.maxTimestamp = Math.max(encoding.maxTimestamp, events[i].timestamp);
  encoding.count = events.length;
  encoding.last = events[events.length - 1];
  chunk.encoding = encoding;
  return { data: assembleGzip(encoding.parts, encoding.totals, Buffer.from(']')), jsonBytes: (encoding.totals?.rawBytes ?? 0) + 1 };
}

/**
 * The store row of a chunk: its events sorted by time, serialised and gzipped (on the
 * thread pool), with its stats and derived session events. Throws if the events cannot be
 * serialised (nested too deep for the stack, or larger than a string can hold): the
 * processor then sets the session aside rather than retrying it forever.
 */
export async function buildChunkRow(session: SessionState, chunk: LiveChunk, gzipLevel: number, version: number): Promise<StoredChunk> {
  // Stable sort: events with equal timestamps keep rrweb's emit order. Mostly sorted already, so one pass.
  const events = [...chunk.events!].sort(byTime);
  const { data, jsonBytes } = await encodeChunk(chunk, events, gzipLevel);
  // Stats and derived events still read the whole chunk.
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
    dataSize: jsonBytes,
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
