import { EventType, type RrwebEvent } from '@gosight/shared';
import type { QueueMessage } from '../queue/index.js';
import type { ChunkState } from '../store/index.js';
import { chunksToLoad, placeEvents, type PlacementChunk } from './chunk-placement.js';
import { chunkStats } from './chunk-stats.js';
import type { ChunkDerivation, ChunkEncoding } from './build-chunk-row.js';

/** A chunk held by the processor: its stored state plus, when loaded, its events. */
export interface LiveChunk extends PlacementChunk {
  /** Last stored (or resumed) state; undefined until first written. */
  stored: ChunkState | undefined;
  /** Batch sequence numbers whose events are (partly) in this chunk. */
  batchSeqs: Set<number>;
  /** Clock time when the chunk first changed since its last write; undefined when clean. */
  dirtySince: number | undefined;
  /** JSON bytes of the chunk's events: exact once stored, estimated from batch sizes since. */
  bytes: number;
  /** What of its events is in segments, while its events are held (build-chunk-row.ts). */
  encoding?: ChunkEncoding;
  /** The search index rows its last stored write left (key → signature), when known. */
  indexed?: Map<string, number>;
  /** The index rows of the write being made: become `indexed` once it is stored. */
  indexing?: Map<string, number>;
  /** Its derived events as of its last write, to go on from (build-chunk-row.ts). */
  derivation?: ChunkDerivation;
}

/** The store holds chunk indexes as UInt16. */
export const MAX_CHUNKS_PER_SESSION = 65_536;

/** Why a batch cannot join its session, or undefined when it can. */
export type BatchRefusal = string | undefined;

/**
 * One session inside the processor: its chunks and the batches already applied (to drop
 * duplicates).
 */
export class SessionState {
  readonly chunks: LiveChunk[];
  private readonly seqs = new Set<number>();
  userAgent = '';
  lastBatchAt = 0;
  /** Queue partition the session's batches come from (one, since they share a key). */
  partition: number | undefined;
  /**
   * The queue messages whose events are applied but not yet stored, as queued: if the
   * store refuses the session's data, these are what is set aside as dead letters.
   */
  pending: QueueMessage[] = [];
  /** Writes of this session's chunks refused in a row (see writeIsolated). */
  writeStrikes = 0;
  /** The listing row must be rewritten (its chunks changed, or its last write failed). */
  summaryDirty = false;

  constructor(
    readonly projectId: string,
    readonly sessionId: string,
    stored: ChunkState[],
  ) {
    this.chunks = stored.map((s) => ({
      index: s.index,
      start: s.timestampStart,
      hasFullSnapshot: s.hasFullSnapshot,
      events: undefined,
      stored: s,
      batchSeqs: new Set(s.batchSeqs),
      dirtySince: undefined,
      bytes: s.dataSize,
    }));
    for (const s of stored) for (const seq of s.batchSeqs) this.seqs.add(seq);
    this.userAgent = stored.find((s) => s.userAgent)?.userAgent ?? '';
  }

  /** Whether the batch `seq` is already in the session (a redelivery or a resend). */
  has(seq: number): boolean {
    return this.seqs.has(seq);
  }

  /** Chunks that must be loaded from the store before `events` can be placed. */
  chunksToLoad(events: readonly RrwebEvent[]): number[] {
    const toLoad = new Set(chunksToLoad(this.chunks, events));
    // The open (last) chunk grows with every batch, so it is always in memory.
    const last = this.chunks[this.chunks.length - 1];
    if (last && last.events === undefined) toLoad.add(last.index);
    return [...toLoad];
  }

  /** Holds a stored chunk's events again, and where its segments stand (to append to them). */
  setChunkEvents(index: number, events: RrwebEvent[], encoding: ChunkEncoding | undefined): LiveChunk {
    const chunk = this.chunks[index];
    chunk.events = events;
    chunk.encoding = encoding;
    chunk.derivation = undefined;
    return chunk;
  }

  /**
   * Why the batch would break what the store can hold, or undefined: its full snapshots
   * would take the session past the chunk indexes the store has, or, without a full
   * snapshot to start a new chunk, it would grow the open chunk past `maxChunkBytes`.
   */
  refusal(events: readonly RrwebEvent[], jsonBytes: number, maxChunkBytes: number): BatchRefusal {
    const snapshots = events.filter((e) => e.type === EventType.FullSnapshot).length;
    if (this.chunks.length + snapshots > MAX_CHUNKS_PER_SESSION) {
      return `the session would have more than ${MAX_CHUNKS_PER_SESSION} chunks (one per full snapshot)`;
    }
    const last = this.chunks[this.chunks.length - 1];
    if (snapshots === 0 && last && last.bytes + jsonBytes > maxChunkBytes) {
      return `chunk ${last.index} would grow past ${maxChunkBytes} bytes without a full snapshot to start a new one`;
    }
    return undefined;
  }

  /**
   * Places a new batch's events (its chunks loaded, see `chunksToLoad`) and records its
   * message as pending until stored. Synchronous: the session never stays half-changed.
   */
  applyBatch(message: QueueMessage, seq: number, events: RrwebEvent[], jsonBytes: number, now: number, userAgent: string): void {
    this.lastBatchAt = now;
    if (userAgent) this.userAgent = userAgent;
    const before = this.chunks.length;
    placeEvents(this.chunks as PlacementChunk[], events);
    for (let i = before; i < this.chunks.length; i++) {
      Object.assign(this.chunks[i], { stored: undefined, batchSeqs: new Set<number>(), dirtySince: undefined, bytes: 0 });
    }
    const touched = this.chunks.filter((c) => c.touched);
    for (const c of touched) {
      c.touched = false;
      c.batchSeqs.add(seq);
      c.dirtySince ??= now;
      c.bytes += Math.ceil(jsonBytes / touched.length);
    }
    this.seqs.add(seq);
    this.pending.push(message);
  }

  /**
   * Chunks due for writing. A session is due when a dirty chunk is closed (a newer one
   * exists), when its open chunk has waited `openChunkFlushMs`, or on `force`; then all
   * its dirty chunks are written together, so a batch that spans two chunks is never
   * half stored (its sequence number would mark it done after a restart).
   */
  dueChunks(now: number, openChunkFlushMs: number, force: boolean): LiveChunk[] {
    const lastIndex = this.chunks.length - 1;
    const dirty = this.chunks.filter((c) => c.dirtySince !== undefined);
    const due = force || dirty.some((c) => c.index < lastIndex || now - c.dirtySince! >= openChunkFlushMs);
    return due ? dirty : [];
  }

  hasDirtyChunks(): boolean {
    return this.chunks.some((c) => c.dirtySince !== undefined);
  }

  /** Records a successful write of `chunk` as `state`; closed chunks drop their events. */
  markWritten(chunk: LiveChunk, state: ChunkState): void {
    chunk.stored = state;
    chunk.dirtySince = undefined;
    chunk.bytes = state.dataSize;
    if (chunk.encoding) chunk.encoding.unsent = [];
    chunk.indexed = chunk.indexing;
    chunk.indexing = undefined;
    if (chunk.index < this.chunks.length - 1) {
      chunk.events = undefined;
      chunk.encoding = undefined;
      chunk.derivation = undefined;
      // Loading it again derives what its index holds from its events.
      chunk.indexed = undefined;
    }
    this.summaryDirty = true;
    this.writeStrikes = 0;
    if (!this.hasDirtyChunks()) this.pending = [];
  }

  /** The last page URL seen before chunk `index` (for page views that span chunks). */
  lastUrlBefore(index: number): string {
    for (let i = index - 1; i >= 0; i--) {
      const c = this.chunks[i];
      const urls = c.events ? chunkStats(c.events).pageUrls : c.stored?.pageUrls ?? [];
      if (urls.length > 0) return urls[urls.length - 1];
    }
    return '';
  }

  /** The next chunk's events sorted by time, when in memory (to judge clicks near a chunk's end). */
  eventsAfter(index: number): RrwebEvent[] | undefined {
    const next = this.chunks[index + 1]?.events;
    return next ? [...next].sort((a, b) => a.timestamp - b.timestamp) : undefined;
  }

  /** Stored states of all chunks, for the summary (only meaningful once all are written). */
  chunkStates(): ChunkState[] {
    return this.chunks.map((c) => c.stored).filter((s): s is ChunkState => s !== undefined);
  }
}
