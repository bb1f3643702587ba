import type { SessionEvent } from '@gosight/shared';

/** Errors for "next error": console errors and unhandled exceptions. */
export const isError = (event: SessionEvent): boolean => event.kind === 'error';
export const isRageClick = (event: SessionEvent): boolean => event.kind === 'rage_click';

/**
 * The first event matching `predicate` strictly after playback offset `afterMs` (+ a 1 ms
 * margin, so pressing "next" again while parked on an event moves to the following one).
 * Events are in time order, as the API returns them.
 */
export function nextEvent(
  events: readonly SessionEvent[],
  startedAt: number,
  afterMs: number,
  predicate: (event: SessionEvent) => boolean,
): SessionEvent | undefined {
  const after = startedAt + afterMs + 1;
  return events.find((event) => event.timestamp >= after && predicate(event));
}

/**
 * How many of the sorted `timestamps` are at or before `instant`: the rows a panel shows
 * "up to the current playback time". Binary search, so a per-frame call stays cheap.
 */
export function countUpTo(timestamps: readonly number[], instant: number): number {
  let low = 0;
  let high = timestamps.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (timestamps[middle] <= instant) low = middle + 1;
    else high = middle;
  }
  return low;
}
