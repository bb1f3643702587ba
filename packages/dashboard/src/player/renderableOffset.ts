import type { SnapshotAnchor } from './snapshotAnchors.js';

/**
 * The offset to hand to rrweb's `pause(offset)`/`play(offset)` so that the frame for `offsetMs`
 * is actually drawn.
 *
 * Why: rrweb restarts from the last Meta event at or before the target instant but applies
 * only events strictly before it. Aiming at a Meta event, or between a Meta and its
 * FullSnapshot (offset 0 is the common case), would rebuild nothing and leave the previous
 * frame on screen. Such targets move to 1 ms after the snapshot, which shows the page as
 * the snapshot captured it.
 */
export function renderableOffset(anchors: readonly SnapshotAnchor[], startedAt: number, offsetMs: number): number {
  if (anchors.length === 0) return offsetMs;
  const instant = startedAt + offsetMs;
  let anchor = anchors[0];
  for (const candidate of anchors) {
    if (candidate.metaAt <= instant && candidate.metaAt >= anchor.metaAt) anchor = candidate;
  }
  return instant <= anchor.snapshotAt ? anchor.snapshotAt + 1 - startedAt : offsetMs;
}
