import type { RrwebEvent } from '@gosight/shared';
import type { ChunkSegment, ChunkState, StoredChunk } from '../store/index.js';
import { assembledGzipBytes, compressSegment, totalsAfter, type SegmentTotals } from '../pipeline/gzip-segments.js';
import { chunkStats } from './chunk-stats.js';
import { ChunkDeriver } from './derive-events.js';
import { indexChange, indexEntries, type IndexRowCache } from './index-entries.js';
import { EventTexts } from './event-texts.js';
import type { LiveChunk, SessionState } from './session-state.js';

/** What of a chunk's events is in segments already, and the segments not yet stored. */
export interface ChunkEncoding {
  /** The live event array the segments were made from (a chunk loaded again gets a new one). */
  events: RrwebEvent[];
  /** How many of its events (from the start) the segments hold, and the last of them. */
  count: number;
  last: RrwebEvent | undefined;
  /** CRC-32, length and last window of the JSON the segments hold. */
  totals: SegmentTotals | undefined;
  /** Bytes of all the segments. */
  segmentBytes: number;
  segmentIds: number[];
  /** Segments made but not stored yet: sent with every write until one succeeds. */
  unsent: ChunkSegment[];
}

/** Whether `events` is the array `seen` was made from, changed since only by events added at its end. */
function onlyAppended(events: RrwebEvent[], seen: { events: RrwebEvent[]; count: number; last: RrwebEvent | undefined }): boolean {
  return seen.events === events && events.length >= seen.count && (seen.count === 0 || events[seen.count - 1] === seen.last);
}

/** The closing `]` of the JSON array, added when a chunk is read (replay-assembly.ts). */
const TAIL_BYTES = 1;

const byTime = (a: RrwebEvent, b: RrwebEvent) => a.timestamp - b.timestamp;

/**
 * Where a chunk loaded from the store stands, so the next write appends to it: `json` is
 * its stored content (its events, `events`, as a JSON array). Chunks stored before segments
 * existed have none, and are written again whole, once.
 */
export function resumedEncoding(events: RrwebEvent[], json: Buffer, stored: ChunkState): ChunkEncoding | undefined {
  if (stored.segmentIds.length === 0) return undefined;
  return {
    events, count: events.length, last: events[events.length - 1],
    // The row's CRC is the one the gzip trailer was checked against when `json` was inflated.
    totals: totalsAfter(json.subarray(0, json.length - TAIL_BYTES), stored.dataCrc),
    segmentBytes: stored.compressedSize - assembledGzipBytes(0, TAIL_BYTES),
    segmentIds: [...stored.segmentIds],
    unsent: [],
  };
}

/**
 * Appends the events added to a chunk since its last write as one segment: their JSON (the
 * text they arrived as, when `texts` has it) compressed once, never rewritten (events stay in arrival order; readers sort them). Only
 * when events left the chunk (the Meta events before a full snapshot, moved to the next
 * chunk) does the chunk start again from a new first segment; the old ones are then no
 * longer listed, so never read.
 */
export async function encodeChunk(chunk: LiveChunk, gzipLevel: number, nextSegmentId: (above: number) => number,
  texts: EventTexts = new EventTexts()): Promise<ChunkEncoding> {
  const events = chunk.events!;
  let encoding = chunk.encoding;
  if (!encoding || !onlyAppended(events, encoding)) encoding = { events, count: 0, last: undefined, totals: undefined, segmentBytes: 0, segmentIds: [], unsent: [] };
  if (events.length > encoding.count) {
    const json = texts.join(encoding.count === 0 ? '[' : ',', events.slice(encoding.count));
    const segment = await compressSegment(json, encoding.totals, gzipLevel);
    const id = nextSegmentId(encoding.segmentIds[encoding.segmentIds.length - 1] ?? 0);
    encoding.segmentIds.push(id);
    encoding.unsent.push({ id, bytes: segment.bytes });
    encoding.totals = segment.totals;
    encoding.segmentBytes += segment.bytes.length;
    encoding.count = events.length;
    encoding.last = events[events.length - 1];
  }
  chunk.encoding = encoding;
  return encoding;
}

/** A chunk's derivation, carried from write to write while the chunk only grows by later events. */
export interface ChunkDerivation {
  /** The live event array it was made from (a chunk loaded again gets a new one). */
  events: RrwebEvent[];
  /** How many of its events (from the start) were added, and the last of them. */
  count: number;
  last: RrwebEvent | undefined;
  deriver: ChunkDeriver;
  /** Its index rows, made once per moment. */
  rows: IndexRowCache;
}

/**
 * The chunk's derivation, brought up to date. It goes on from the last write when the chunk
 * only grew by events no earlier than those already derived (the usual batch); otherwise
 * (a late event, Meta events moved to the next chunk, another page before it) it is made
 * again from all the chunk's events. Either way the result is the same.
 */
function derivationOf(session: SessionState, chunk: LiveChunk): ChunkDerivation {
  const events = chunk.events!;
  const previousUrl = session.lastUrlBefore(chunk.index);
  const kept = chunk.derivation;
  if (kept && onlyAppended(events, kept) && kept.deriver.previousUrl === previousUrl) {
    const added = events.slice(kept.count).sort(byTime);
    if (added.length === 0 || added[0].timestamp >= kept.deriver.latest) {
      kept.deriver.add(added);
      kept.count = events.length;
      kept.last = events[events.length - 1];
      return kept;
    }
  }
  const deriver = new ChunkDeriver(chunk.index, previousUrl);
  deriver.add([...events].sort(byTime));
  chunk.derivation = { events, count: events.length, last: events[events.length - 1], deriver, rows: new WeakMap() };
  return chunk.derivation;
}

/**
 * What the search index holds for a chunk loaded from the store (its rows as its last write
 * left them), so the next write changes only what differs. The derivation made for it is
 * kept, so that write derives only the events it adds.
 */
export function indexedRowsOf(session: SessionState, chunk: LiveChunk): Map<string, number> {
  const { deriver, rows } = derivationOf(session, chunk);
  return indexChange(indexEntries(deriver.result(session.eventsAfter(chunk.index)), deriver.previousUrl, rows), undefined).next;
}

/**
 * The store row of a chunk: its new segment (compressed on the thread pool), its stats and
 * derived session events. Throws if the events cannot be serialised (nested too deep for
 * the stack, or larger than a string can hold): the processor then sets the session aside
 * rather than retrying it forever.
 */
export async function buildChunkRow(session: SessionState, chunk: LiveChunk, gzipLevel: number, version: number,
  nextSegmentId: (above: number) => number, texts: EventTexts): Promise<StoredChunk> {
  const encoding = await encodeChunk(chunk, gzipLevel, nextSegmentId, texts);
  const { deriver, rows } = derivationOf(session, chunk);
  // The stats read the whole chunk in time order; a loop over it is cheap beside deriving it.
  const stats = chunkStats(deriver.sorted);
  const derived = deriver.result(session.eventsAfter(chunk.index));
  const { change, next } = indexChange(indexEntries(derived, deriver.previousUrl, rows), chunk.indexed);
  chunk.indexing = next;
  const count = (kind: string) => derived.events.filter((e) => e.kind === kind).length;
  return {
    projectId: session.projectId,
    sessionId: session.sessionId,
    index: chunk.index,
    timestampStart: stats.timestampStart,
    timestampEnd: stats.timestampEnd,
    newSegments: [...encoding.unsent],
    segmentIds: [...encoding.segmentIds],
    dataCrc: encoding.totals!.crc,
    dataSize: encoding.totals!.rawBytes + TAIL_BYTES,
    compressedSize: assembledGzipBytes(encoding.segmentBytes, TAIL_BYTES),
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
    indexChange: change,
    activity: derived.activity,
    viewportWidth: stats.viewportWidth,
    viewportHeight: stats.viewportHeight,
    userAgent: session.userAgent,
    userId: stats.userId,
    version,
  };
}
