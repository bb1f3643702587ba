import { INACTIVITY_THRESHOLD_MS, type InactiveRange } from '@gosight/shared';

/**
 * User activity inside one chunk, stored with it: enough to compute the session's
 * inactive ranges (§6) without reading the chunks' events.
 */
export interface ChunkActivity {
  /** First and last active event; undefined when the chunk has none. */
  first?: number;
  last?: number;
  /** Gaps between active events longer than the threshold, inside this chunk. */
  gaps: InactiveRange[];
}

/**
 * The session's inactive ranges from its chunks' activity, in chunk order: gaps inside
 * chunks, gaps between chunks, and the stretches from the start to the first activity
 * and from the last activity to the end, each longer than the threshold.
 */
export function mergeInactiveRanges(chunks: readonly ChunkActivity[], startedAt: number, endedAt: number): InactiveRange[] {
  const ranges: InactiveRange[] = [];
  let lastActive = startedAt;
  for (const c of chunks) {
    if (c.first === undefined || c.last === undefined) continue;
    if (c.first - lastActive > INACTIVITY_THRESHOLD_MS) ranges.push({ start: lastActive, end: c.first });
    ranges.push(...c.gaps);
    lastActive = Math.max(lastActive, c.last);
  }
  if (endedAt - lastActive > INACTIVITY_THRESHOLD_MS) ranges.push({ start: lastActive, end: endedAt });
  return ranges;
}
