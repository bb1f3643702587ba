/**
 * Holds serialized events between flushes. Events are JSON-encoded as they arrive, so the
 * buffer knows its exact size (for the size cap) and a batch body is a plain join.
 */
export interface EventBuffer {
  /** Appends one serialized event in emit order. */
  add(json: string): void;
  /** Returns every buffered event and empties the buffer. */
  drain(): string[];
  /** Number of buffered events. */
  readonly length: number;
  /** Characters of JSON buffered. */
  readonly chars: number;
}

export function createEventBuffer(): EventBuffer {
  let events: string[] = [];
  let chars = 0;
  return {
    add(json) {
      events.push(json);
      chars += json.length + 1;
    },
    drain() {
      const drained = events;
      events = [];
      chars = 0;
      return drained;
    },
    get length() {
      return events.length;
    },
    get chars() {
      return chars;
    },
  };
}
