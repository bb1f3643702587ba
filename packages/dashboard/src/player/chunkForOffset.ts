import type { ChunkMeta } from '@gosight/shared';

/**
 * Index of the chunk that holds playback offset `offsetMs` (relative to `startedAt`, epoch ms):
 * the last chunk starting at or before that instant. An instant in a gap between chunks
 * belongs to the earlier chunk, whose end state is what the page showed; an instant before
 * the first chunk belongs to the first.
 */
export function chunkForOffset(chunks: readonly ChunkMeta[], startedAt: number, offsetMs: number): number {
  const instant = startedAt + offsetMs;
  let found: ChunkMeta | undefined;
  for (const chunk of chunks) {
    if (chunk.timestampStart > instant) continue;
    if (!found || chunk.timestampStart >= found.timestampStart) found = chunk;
  }
  if (found) return found.index;
  const earliest = chunks.reduce<ChunkMeta | undefined>(
    (first, chunk) => (!first || chunk.timestampStart < first.timestampStart ? chunk : first),
    undefined,
  );
  return earliest?.index ?? 0;
}
