import type { RrwebEvent } from '@gosight/shared';

/**
 * What the ingest puts on the replay topic for each accepted batch, and the processor
 * takes off it:
 *
 *   {"v":1,"projectId":..,"sessionId":..,"seq":..,"receivedAt":..,"userAgent":..,"encoding":"gzip"}\n
 *   <request body exactly as received: gzip or plain JSON of the ReplayBatch>
 *
 * Keeping the body as sent (usually gzip) keeps queue writes small and saves the ingest a
 * re-serialisation; the header carries what the processor needs before it decodes.
 */
export interface EnvelopeHeader {
  v: 1;
  projectId: string;
  sessionId: string;
  seq: number;
  receivedAt: number;
  userAgent: string;
  encoding: 'gzip' | 'identity';
}

/**
 * The ingest's parse of a batch it queued: validated and scrubbed, so exactly what decoding
 * the envelope's body gives. The embedded queue hands it to the processor with the message
 * (`QueueMessage.decoded`), so the processor does not gunzip and parse the body again.
 */
export interface DecodedBatch {
  kind: 'replay-batch';
  events: RrwebEvent[];
  /** Length of the batch's JSON text. */
  jsonBytes: number;
  /** Each event's JSON text as sent, when known (not when the ingest scrubbed the batch). */
  texts?: Buffer[];
}

export const isDecodedBatch = (value: unknown): value is DecodedBatch =>
  typeof value === 'object' && value !== null && (value as DecodedBatch).kind === 'replay-batch';

const NEWLINE = 0x0a;

export function encodeEnvelope(header: EnvelopeHeader, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(JSON.stringify(header)), Buffer.from([NEWLINE]), body]);
}

export function decodeEnvelope(value: Buffer): { header: EnvelopeHeader; body: Buffer } {
  const nl = value.indexOf(NEWLINE);
  if (nl < 0) throw new Error('queue message has no envelope header');
  const header = JSON.parse(value.toString('utf8', 0, nl)) as EnvelopeHeader;
  if (header.v !== 1) throw new Error(`unknown envelope version ${String(header.v)}`);
  return { header, body: value.subarray(nl + 1) };
}
