import { EventType, type RrwebEvent } from '@gosight/shared';

/** A chunk as placement sees it: where it starts, whether it has a full snapshot, its events. */
export interface PlacementChunk {
  index: number;
  /** Timestamp of the chunk's first event; events from here to the next chunk's start belong to it. */
  start: number;
  hasFullSnapshot: boolean;
  /** Events in arrival order; undefined when not loaded from the store. */
  events: RrwebEvent[] | undefined;
  /** Set when placement added or moved events here. */
  touched?: boolean;
}

/**
 * Index of the chunk whose time range holds `timestamp`: the last chunk starting at or
 * before it (the first chunk for anything earlier than the session's start).
 */
export function chunkIndexFor(chunks: readonly PlacementChunk[], timestamp: number): number {
  let lo = 0;
  let hi = chunks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (chunks[mid].start <= timestamp) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The chunks that must be loaded before `events` can be placed (late events into old chunks). */
export function chunksToLoad(chunks: readonly PlacementChunk[], events: readonly RrwebEvent[]): number[] {
  if (chunks.length === 0) return [];
  const needed = new Set<number>();
  for (const e of events) {
    const c = chunks[chunkIndexFor(chunks, e.timestamp)];
    if (c.events === undefined) needed.add(c.index);
  }
  return [...needed];
}

/**
 * Places a batch's events into a session's chunks, cutting a new chunk at each full
 * snapshot so that every chunk starts with one and plays on its own:
 * - a FullSnapshot at or after the last chunk's start, when that chunk already has one,
 *   opens a new chunk; the Meta event(s) rrweb emits just before it move along with it;
 * - every other event goes to the chunk whose time range holds its timestamp, so a batch
 *   that arrives late still lands in the right chunk.
 * Chunks are appended to `chunks` (indexes stay dense); the ones changed are marked `touched`.
 */
export function placeEvents(chunks: PlacementChunk[], events: readonly RrwebEvent[]): void {
  for (const event of events) {
    const last = chunks[chunks.length - 1];
    if (!last) {
      chunks.push({ index: 0, start: event.timestamp, hasFullSnapshot: isFullSnapshot(event), events: [event], touched: true });
      continue;
    }
    if (isFullSnapshot(event) && last.hasFullSnapshot && event.timestamp >= last.start) {
      const carried = takeTrailingMeta(last, event.timestamp);
      const start = carried.length > 0 ? Math.min(carried[0].timestamp, event.timestamp) : event.timestamp;
      chunks.push({ index: last.index + 1, start, hasFullSnapshot: true, events: [...carried, event], touched: true });
      continue;
    }
    const target = chunks[chunkIndexFor(chunks, event.timestamp)];
    if (!target.events) throw new Error(`chunk ${target.index} must be loaded before placing events into it`);
    target.events.push(event);
    target.touched = true;
    if (event.timestamp < target.start) target.start = event.timestamp;
    if (isFullSnapshot(event)) target.hasFullSnapshot = true;
  }
}

const isFullSnapshot = (e: RrwebEvent) => e.type === EventType.FullSnapshot;

/** Removes and returns the Meta events that close `chunk` (the header of the next snapshot). */
function takeTrailingMeta(chunk: PlacementChunk, snapshotTimestamp: number): RrwebEvent[] {
  const events = chunk.events;
  if (!events) return [];
  const carried: RrwebEvent[] = [];
  while (events.length > 1) {
    const tail = events[events.length - 1];
    if (tail.type !== EventType.Meta || tail.timestamp > snapshotTimestamp) break;
    carried.unshift(events.pop()!);
  }
  if (carried.length > 0) chunk.touched = true;
  return carried;
}
