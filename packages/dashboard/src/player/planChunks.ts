/** What to do around the playhead: chunks to fetch ahead, and chunks worth keeping in memory. */
export interface ChunkPlan {
  /** The next chunks after the current one, nearest first (spec §8.1 preloads two). */
  preload: number[];
  /** The current chunk, `behind` before it (a short step back stays instant) and the preloaded ones. */
  keep: number[];
}

/**
 * Plans by position in `order` (the manifest's chunk indices, ascending), so gaps in the
 * numbering do not matter. A `current` index that is not listed plans nothing.
 */
export function planChunks(order: readonly number[], current: number, ahead: number, behind: number): ChunkPlan {
  const position = order.indexOf(current);
  if (position === -1) return { preload: [], keep: [] };
  const preload = order.slice(position + 1, position + 1 + ahead);
  const keep = [...order.slice(Math.max(0, position - behind), position + 1), ...preload];
  return { preload, keep };
}
