import type { RrwebEvent } from '@gosight/shared';

const COMMA = Buffer.from(',');

/**
 * The JSON text each event arrived as (the ingest's views into the batch it parsed, see
 * `eventTexts` in ingest/json-depth.ts), kept until the event is written. Writing an event
 * then copies its text rather than serialising the parsed event again: the bytes parse to
 * the same event, and the store gets them without a second encode. Events without a text
 * (a batch decoded from the queue's bytes, or scrubbed at the ingest) are serialised.
 */
export class EventTexts {
  private readonly texts = new WeakMap<RrwebEvent, Buffer>();

  remember(events: readonly RrwebEvent[], texts: readonly Buffer[]): void {
    events.forEach((event, i) => this.texts.set(event, texts[i]));
  }

  /**
   * `prefix` then the events' JSON joined by commas (an array's inside), as bytes. Their
   * texts are forgotten: an event is written once.
   */
  join(prefix: string, events: readonly RrwebEvent[]): Buffer {
    const parts: Buffer[] = [Buffer.from(prefix)];
    let run: RrwebEvent[] = [];
    const flushRun = () => {
      if (run.length === 0) return;
      // One stringify for a run of events without their text, its brackets dropped.
      parts.push(Buffer.from(JSON.stringify(run).slice(1, -1)), COMMA);
      run = [];
    };
    for (const event of events) {
      const text = this.texts.get(event);
      if (!text) {
        run.push(event);
        continue;
      }
      flushRun();
      this.texts.delete(event);
      parts.push(text, COMMA);
    }
    flushRun();
    parts.pop(); // the last comma
    return Buffer.concat(parts);
  }
}
