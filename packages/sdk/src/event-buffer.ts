import type { RrwebEvent } from '@gosight/shared';

/** Holds events between flushes. An interface so a compressing worker buffer can replace it later. */
export interface EventBuffer {
  /** Appends one event in emit order. */
  add(event: RrwebEvent): void;
  /** Returns every buffered event and empties the buffer. */
  drain(): RrwebEvent[];
  /** Number of buffered events. */
  readonly length: number;
}

/** Plain array buffer: events stay as objects until a batch is serialized. */
export function createArrayEventBuffer(): EventBuffer {
  let events: RrwebEvent[] = [];
  return {
    add(event) {
      events.push(event);
    },
    drain() {
      const drained = events;
      events = [];
      return drained;
    },
    get length() {
      return events.length;
    },
  };
}
