import { EventType, type RrwebEvent } from '@gosight/shared';

/**
 * Where a replay can be rebuilt from: a Meta event and the first FullSnapshot after it
 * (every chunk starts with such a pair). Timestamps are epoch ms.
 */
export interface SnapshotAnchor {
  metaAt: number;
  snapshotAt: number;
}

/**
 * Pairs each Meta event with the FullSnapshot that follows it. A Meta without a snapshot
 * (the chunk was cut in between) yields no anchor.
 */
export function collectSnapshotAnchors(events: readonly RrwebEvent[]): SnapshotAnchor[] {
  const anchors: SnapshotAnchor[] = [];
  let pendingMetaAt: number | null = null;
  for (const event of events) {
    if (event.type === EventType.Meta) pendingMetaAt = event.timestamp;
    else if (event.type === EventType.FullSnapshot && pendingMetaAt !== null) {
      anchors.push({ metaAt: pendingMetaAt, snapshotAt: event.timestamp });
      pendingMetaAt = null;
    }
  }
  return anchors;
}
