import type { ChunkMeta } from '@gosight/shared';
import { chunkForOffset } from './chunkForOffset.js';
import type { ChunkSpan } from './playerSnapshot.js';

/** A session's chunks from its manifest, in order, answering where an offset lives. Immutable. */
export class ChunkTimeline {
  private readonly chunks: readonly ChunkMeta[];
  /** Chunk indices in play order (the numbering may have gaps). */
  readonly order: readonly number[];

  constructor(chunks: readonly ChunkMeta[], private readonly startedAt: number) {
    this.chunks = [...chunks].sort((a, b) => a.index - b.index);
    this.order = this.chunks.map((chunk) => chunk.index);
  }

  static readonly empty = new ChunkTimeline([], 0);

  get size(): number {
    return this.chunks.length;
  }

  /** Every chunk's span in playback offsets, for the timeline. */
  spans(): ChunkSpan[] {
    return this.chunks.map((chunk) => ({
      index: chunk.index,
      startMs: chunk.timestampStart - this.startedAt,
      endMs: chunk.timestampEnd - this.startedAt,
    }));
  }

  /** The chunk holding playback offset `offsetMs`. */
  chunkAt(offsetMs: number): number {
    return chunkForOffset(this.chunks, this.startedAt, offsetMs);
  }

  /** The chunk after `index`, if any. */
  next(index: number): number | undefined {
    const position = this.order.indexOf(index);
    return position === -1 ? undefined : this.order[position + 1];
  }

  /** Playback offset at which chunk `index` starts (0 if unknown). */
  startOf(index: number): number {
    const chunk = this.chunks.find((candidate) => candidate.index === index);
    return chunk ? chunk.timestampStart - this.startedAt : 0;
  }
}
