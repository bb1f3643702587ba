import type { SnapshotAnchor } from './snapshotAnchors.js';

/**
 * The offset to hand to rrweb's `pause(offset)`/`play(offset)` so that the frame shown for
 * `offsetMs` is every event with a timestamp at or before it applied.
 *
 * Why: rrweb applies only events strictly before its target, so the target is 1 ms later
 * (timestamps are whole milliseconds): seeking to the end of a session (the last event's
 * time) then shows its last change. rrweb also restarts from the last Meta event at or
 * before the target: aiming at a Meta event, or between a Meta and its FullSnapshot
 * (offset 0 is the common case), would rebuild nothing and leave the previous frame on
 * screen. Such targets move to 1 ms after the snapshot, which shows the page as the
 * snapshot captured it.
 */
export function renderableOffset(anchors: readonly SnapshotAnchor[], startedAt: number, offsetMs: number): number {
  if (anchors.length === 0) return offsetMs + 1;
  const instant = startedAt + offsetMs;
  let anchor = anchors[0];
  for (const candidate of anchors) {
    if (candidate.metaAt <= instant && candidate.metaAt >= anchor.metaAt) anchor = candidate;
  }
  return instant <= anchor.snapshotAt ? anchor.snapshotAt + 1 - startedAt : offsetMs + 1;
}
