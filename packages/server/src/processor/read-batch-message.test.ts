import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { encodeEnvelope, type DecodedBatch } from '../pipeline/envelope.js';
import { readBatchMessage } from './read-batch-message.js';

const header = { v: 1 as const, projectId: 'p', sessionId: '7b0c2a6e-3f41-4d8e-9a55-0c1d2e3f4a5b', seq: 3, receivedAt: 1, userAgent: 'UA', encoding: 'gzip' as const };
const events = [{ type: 4, timestamp: 1_000, data: { href: 'https://a.test/', width: 800, height: 600 } }];
const body = gzipSync(JSON.stringify({ sessionId: header.sessionId, seq: 3, events }));

test('a message queued by this process\'s ingest is not decoded again: its parse comes with it', async () => {
  const decoded: DecodedBatch = { kind: 'replay-batch', events, jsonBytes: 123 };
  // The body is not even gzip: only the envelope header is read.
  const read = await readBatchMessage({ value: encodeEnvelope(header, Buffer.from('not gzip')), decoded }, 1 << 20);
  assert.ok(read.ok);
  assert.equal(read.events, events);
  assert.equal(read.jsonBytes, 123);
  assert.equal(read.header.seq, 3);
});

test('a message from elsewhere (another process, a restart) is decoded from its bytes and validated', async () => {
  const read = await readBatchMessage({ value: encodeEnvelope(header, body) }, 1 << 20);
  assert.ok(read.ok);
  assert.deepEqual(read.events, events);
  const bad = await readBatchMessage({ value: encodeEnvelope(header, Buffer.from('not gzip')) }, 1 << 20);
  assert.equal(bad.ok, false);
});
