import type { DecodedMessage, QueueMessage } from './queue.js';

/**
 * What an in-process queue holds of its publishers' decodings (`DecodedMessage`), by
 * offset: handed over once, with the first delivery of their message, so the consumer need
 * not decode the bytes again. A redelivery (after a handler failed), another consumer group
 * and a restart decode the bytes. At most `maxBytes` are held; a message published past
 * that is delivered without.
 */
export class DecodedHold {
  private readonly held = new Map<number, DecodedMessage>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  hold(offset: number, decoded: DecodedMessage | undefined): void {
    if (!decoded || this.bytes + decoded.bytes > this.maxBytes) return;
    this.held.set(offset, decoded);
    this.bytes += decoded.bytes;
  }

  /** The messages, each with its publisher's decoding when held; what is handed over is no longer held. */
  take(messages: QueueMessage[]): QueueMessage[] {
    if (this.held.size === 0) return messages;
    return messages.map((m) => {
      const decoded = this.held.get(m.offset);
      if (!decoded) return m;
      this.held.delete(m.offset);
      this.bytes -= decoded.bytes;
      return { ...m, decoded: decoded.value };
    });
  }

  /** Forgets what is below `offset`: committed by every consumer (never delivered, say with no consumer running). */
  release(offset: number): void {
    for (const [at, decoded] of this.held) {
      if (at >= offset) continue;
      this.held.delete(at);
      this.bytes -= decoded.bytes;
    }
  }
}
