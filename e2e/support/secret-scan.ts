import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeEnvelope } from '../../packages/server/src/pipeline/envelope.js';
import { decodeRecord } from '../../packages/server/src/queue/record-codec.js';

/**
 * The forms a secret can take in bytes that were encoded on the way: as typed, URL-encoded,
 * JSON-escaped, and base64 (standard and url-safe) at each of the three byte alignments it
 * can have inside a longer encoded text (only the characters that depend on the secret
 * alone are kept).
 */
export function secretForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]);
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.from(`${'x'.repeat(pad)}${secret}`).toString('base64');
    const stable = encoded.slice(pad === 0 ? 0 : 4, encoded.length - 4);
    if (stable.length >= 8) {
      forms.add(stable);
      forms.add(stable.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms];
}

/** The form of `secret` found in `haystack`, or undefined. */
export function findSecret(haystack: string, secret: string): string | undefined {
  return secretForms(secret).find((form) => haystack.includes(form));
}

/** One message of the embedded queue's log files, decoded: its key (the session id) and its batch's JSON text. */
export interface QueuedBatch {
  key: string;
  text: string;
}

/**
 * Every message in the embedded queue's segment files under `queueDir`, read from the
 * bytes on disk and decoded (envelope, then gzip when the body is gzipped), so a secret
 * that reached the disk in any encoding is found.
 */
export function readQueueFiles(queueDir: string): { batches: QueuedBatch[]; rawBytes: number } {
  const batches: QueuedBatch[] = [];
  let rawBytes = 0;
  for (const file of listFiles(queueDir)) {
    const buf = readFileSync(file);
    rawBytes += buf.length;
    batches.push({ key: '', text: buf.toString('latin1') });
    for (let pos = 0; pos < buf.length;) {
      const record = decodeRecord(buf, pos);
      if (record.kind !== 'record') break;
      pos += record.size;
      const { header, body } = decodeEnvelope(record.value);
      batches.push({ key: record.key, text: (header.encoding === 'gzip' ? gunzipSync(body) : body).toString('utf8') });
    }
  }
  return { batches, rawBytes };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out;
}
