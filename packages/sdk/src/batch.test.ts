/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BATCH_SCHEMA_VERSION } from '@gosight/shared';
import { buildBatch, toPendingBatch } from './batch.js';
import { createArrayEventBuffer } from './event-buffer.js';

test('builds the v1 envelope with events in emit order', () => {
  const buffer = createArrayEventBuffer();
  buffer.add({ type: 4, data: { href: 'http://x/' }, timestamp: 1 });
  buffer.add({ type: 2, data: { node: {} }, timestamp: 2 });
  assert.equal(buffer.length, 2);
  const batch = buildBatch('sid', 3, buffer.drain());
  assert.equal(buffer.length, 0);
  assert.deepEqual(batch, {
    v: BATCH_SCHEMA_VERSION,
    sessionId: 'sid',
    seq: 3,
    events: [
      { type: 4, data: { href: 'http://x/' }, timestamp: 1 },
      { type: 2, data: { node: {} }, timestamp: 2 },
    ],
  });
});

test('serializes once into the body that will be sent and resent', () => {
  const pending = toPendingBatch(buildBatch('sid', 9, [{ type: 3, data: { source: 1 }, timestamp: 5 }]));
  assert.equal(pending.seq, 9);
  assert.equal(pending.body, '{"v":1,"sessionId":"sid","seq":9,"events":[{"type":3,"data":{"source":1},"timestamp":5}]}');
});

test('draining hands over the array and starts a fresh one', () => {
  const buffer = createArrayEventBuffer();
  buffer.add({ type: 3, data: {}, timestamp: 1 });
  const first = buffer.drain();
  buffer.add({ type: 3, data: {}, timestamp: 2 });
  assert.equal(first.length, 1);
  assert.deepEqual(buffer.drain().map((e) => e.timestamp), [2]);
});
