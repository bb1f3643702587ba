import type { RrwebEvent } from '@gosight/shared';
import type { ChunkState } from '../store/index.js';
import { chunksToLoad, placeEvents, type PlacementChunk } from './chunk-placement.js';
import { chunkStats } from './chunk-stats.js';

/** A chunk held by the processor: its stored state plus, when loaded, its events. */
export interface LiveChunk extends PlacementChunk {
  /** Last stored (or resumed) state; undefined until first written. */
  stored: ChunkState | undefined;
  /** Batch sequence numbers whose events are (partly) in this chunk. */
  batchSeqs: Set<number>;
  /** Clock time when the chunk first changed since its last write; undefined when clean. */
  dirtySince: number | undefined;
}

/** Loads a stored chunk's events (when a late batch reaches into an old chunk). */
export type ChunkLoader = (index: number) => Promise<RrwebEvent[]>;

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

  constructor(
    readonly projectId: string,
    readonly sessionId: string,
    stored: ChunkState[],
    private readonly loadChunk: ChunkLoader,
  ) {
    this.chunks = stored.map((s) => ({
      index: s.index,
      start: s.timestampStart,
      hasFullSnapshot: s.hasFullSnapshot,
      events: undefined,
      stored: s,
      batchSeqs: new Set(s.batchSeqs),
      dirtySince: undefined,
    }));
    for (const s of stored) for (const seq of s.batchSeqs) this.seqs.add(seq);
    this.userAgent = stored.find((s) => s.userAgent)?.userAgent ?? '';
  }

  /** Applies a batch unless it was applied before; returns whether it was new. */
  async applyBatch(seq: number, events: RrwebEvent[], now: number, userAgent: string): Promise<boolean> {
    this.lastBatchAt = now;
    if (userAgent) this.userAgent = userAgent;
    if (this.seqs.has(seq)) return false;
    // The open (last) chunk and any old chunk a late event reaches into must be in memory.
    const last = this.chunks[this.chunks.length - 1];
    const toLoad = new Set(chunksToLoad(this.chunks, events));
    if (last && last.events === undefined) toLoad.add(last.index);
    for (const index of toLoad) this.chunks[index].events = await this.loadChunk(index);

    const before = this.chunks.length;
    placeEvents(this.chunks as PlacementChunk[], events);
    for (let i = before; i < this.chunks.length; i++) {
      Object.assign(this.chunks[i], { stored: undefined, batchSeqs: new Set<number>(), dirtySince: undefined });
    }
    for (const c of this.chunks) {
      if (!c.touched) continue;
      c.touched = false;
      c.batchSeqs.add(seq);
      c.dirtySince ??= now;
    }
    this.seqs.add(seq);
    return true;
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
    if (chunk.index < this.chunks.length - 1) chunk.events = undefined;
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
