/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batchParts, joinParts, partsLength } from './batch.js';

const serializeBatch = (sid: string, seq: number, events: string[], dropped: number) => joinParts(batchParts(sid, seq, events, dropped));
import { createEventBuffer } from './event-buffer.js';

test('serializes the v1 envelope around already-serialized events', () => {
  const events = [JSON.stringify({ type: 4, data: { href: 'http://x/' }, timestamp: 1 }), JSON.stringify({ type: 3, data: { source: 1 }, timestamp: 2 })];
  const body = serializeBatch('sid', 3, events, 0);
  assert.equal(body, '{"v":1,"sessionId":"sid","seq":3,"events":[{"type":4,"data":{"href":"http://x/"},"timestamp":1},{"type":3,"data":{"source":1},"timestamp":2}]}');
  assert.deepEqual(JSON.parse(body).events.map((e: { type: number }) => e.type), [4, 3]);
});

test('reports dropped events only when there are some', () => {
  assert.deepEqual(JSON.parse(serializeBatch('sid', 0, ['{"type":3,"data":{},"timestamp":1}'], 17)), {
    v: 1, sessionId: 'sid', seq: 0, droppedEvents: 17, events: [{ type: 3, data: {}, timestamp: 1 }],
  });
});

test('the buffer counts events and characters, and drains to empty', () => {
  const buffer = createEventBuffer();
  buffer.add('{"a":1}');
  buffer.add('{"b":22}');
  assert.equal(buffer.length, 2);
  assert.equal(buffer.chars, 7 + 1 + 8 + 1);
  assert.deepEqual(buffer.drain(), ['{"a":1}', '{"b":22}']);
  assert.equal(buffer.length, 0);
  assert.equal(buffer.chars, 0);
});

test('the body stays in pieces: the events are not copied, only framed', () => {
  const events = ['{"type":3}', '{"type":4}'];
  const parts = batchParts('sid', 1, events, 0);
  assert.equal(parts[1], events[0]);
  assert.equal(parts[3], events[1]);
  assert.equal(partsLength(parts), joinParts(parts).length);
  assert.equal(joinParts(['only']), 'only');
});
