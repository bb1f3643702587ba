import type { RrwebEvent } from '@gosight/shared';
import { decodeEnvelope, type EnvelopeHeader } from '../pipeline/envelope.js';
import { decompressChunk } from '../pipeline/gzip.js';
import { validateBatch } from '../pipeline/validate-batch.js';

export type BatchMessage =
  | { ok: true; header: EnvelopeHeader; events: RrwebEvent[]; jsonBytes: number }
  | { ok: false; header: EnvelopeHeader | undefined; reason: string };

/**
 * Decodes a queue message into a batch the processor can place. The ingest validated it
 * already; this is checked again because what sits in a queue may have been written by
 * another version, and whatever fails here fails the same way every time: the caller sets
 * the message aside instead of retrying it. The time window is not checked again: a
 * batch that waited in the queue was judged by the clock it arrived at.
 */
export async function readBatchMessage(value: Buffer, maxDecompressedBytes: number): Promise<BatchMessage> {
  let header: EnvelopeHeader | undefined;
  try {
    const decoded = decodeEnvelope(value);
    header = decoded.header;
    const json = header.encoding === 'gzip' ? await decompressChunk(decoded.body, maxDecompressedBytes) : decoded.body;
    const check = validateBatch(JSON.parse(json.toString('utf8')), { maxEvents: Number.MAX_SAFE_INTEGER });
    if (!check.ok) return { ok: false, header, reason: `invalid batch: ${check.problems.join('; ')}` };
    return { ok: true, header, events: check.batch.events, jsonBytes: json.length };
  } catch (err) {
    return { ok: false, header, reason: `unreadable message: ${(err as Error).message.slice(0, 300)}` };
  }
}
