import type { DecodedMessage, QueueMessage } from './queue.js';

/**
 * What an in-process queue holds of its publishers' decodings (`DecodedMessage`), by
 * offset, until every consumer has committed past them: delivered with their message, so
 * the consumer need not decode the bytes again. At most `maxBytes` are held; a message
 * published past that is delivered without, and decoded from its bytes, as after a restart.
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

  /** The messages, each with its publisher's decoding when held. */
  attach(messages: QueueMessage[]): QueueMessage[] {
    if (this.held.size === 0) return messages;
    return messages.map((m) => {
      const decoded = this.held.get(m.offset);
      return decoded ? { ...m, decoded: decoded.value } : m;
    });
  }

  /** Forgets what is below `offset`: committed by every consumer. */
  release(offset: number): void {
    for (const [at, decoded] of this.held) {
      if (at >= offset) continue;
      this.held.delete(at);
      this.bytes -= decoded.bytes;
    }
  }

  get heldBytes(): number {
    return this.bytes;
  }
}
