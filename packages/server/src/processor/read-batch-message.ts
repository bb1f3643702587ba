import type { RrwebEvent } from '@gosight/shared';
import { decodeEnvelope, isDecodedBatch, type EnvelopeHeader } from '../pipeline/envelope.js';
import type { QueueMessage } from '../queue/index.js';
import { decompressChunk } from '../pipeline/gzip.js';
import { validateBatch } from '../pipeline/validate-batch.js';

export type BatchMessage =
  | { ok: true; header: EnvelopeHeader; events: RrwebEvent[]; jsonBytes: number; texts?: Buffer[]; handedOver: boolean }
  | { ok: false; header: EnvelopeHeader | undefined; reason: string };

/**
 * Decodes a queue message into a batch the processor can place. When the ingest of this
 * process queued it, the queue hands over the ingest's parse with it, and only the envelope
 * header is read. Otherwise (another process's ingest, a restart, a dead letter sent again,
 * a consumer far behind) the body is decoded: that second gunzip and parse exist because
 * the bytes crossed a process boundary. It is validated again because what sits in a queue
 * may have been written by another version, and whatever fails here fails the same way
 * every time: the caller sets the message aside instead of retrying it. The time window is
 * not checked again: a batch that waited in the queue was judged by the clock it arrived at.
 */
export async function readBatchMessage(message: Pick<QueueMessage, 'value' | 'decoded'>, maxDecompressedBytes: number): Promise<BatchMessage> {
  let header: EnvelopeHeader | undefined;
  try {
    const decoded = decodeEnvelope(message.value);
    header = decoded.header;
    if (isDecodedBatch(message.decoded)) {
      const { events, jsonBytes, texts } = message.decoded;
      return { ok: true, header, events, jsonBytes, ...(texts ? { texts } : {}), handedOver: true };
    }
    const json = header.encoding === 'gzip' ? await decompressChunk(decoded.body, maxDecompressedBytes) : decoded.body;
    const check = validateBatch(JSON.parse(json.toString('utf8')), { maxEvents: Number.MAX_SAFE_INTEGER });
    if (!check.ok) return { ok: false, header, reason: `invalid batch: ${check.problems.join('; ')}` };
    return { ok: true, header, events: check.batch.events, jsonBytes: json.length, handedOver: false };
  } catch (err) {
    return { ok: false, header, reason: `unreadable message: ${(err as Error).message.slice(0, 300)}` };
  }
}
